// Entry of a worker thread: a TypeScript entry (or one that imports TypeScript: `tsx: true`) needs tsx's loader registered in this thread
// (loader hooks registered in the main thread do not reach workers); a compiled one (.build)
// loads as it is.
import v8 from 'node:v8';
import { workerData } from 'node:worker_threads';

// `batch: true` (the analysis threads of a batch: store/pool.ts for `analyze --workers` and
// `ingest`, and the analyze bench's threads): every core is then busy analysing, and V8's
// background compiler competes with them. A function optimised early, before its type
// feedback has seen every shape of its inputs, is deoptimised and compiled again (in one pass
// over the 840 PolNeAR train articles, 2.3 of the 3.9 s spent compiling was such
// recompilation). Eight times V8's default interrupt budget (67,584) lets each function run
// longer before it is optimised: `hearsay analyze --workers 2` over those articles took
// 7.4–8.1 s instead of 8.7–9.2 s (same output), the analyze bench's 2 threads went from
// 134–138 to 157–166 articles/s (both with V8's default heap limits); a 10,000-article ingest
// was unchanged (docs/EVALUATION.md).
// The flag is process-wide (the thread that starts the workers gets it too), so `hearsay
// serve`, whose own thread answered 10% fewer cached reads a second with it, does not set it.
if (workerData.batch) v8.setFlagsFromString('--interrupt-budget=540672');

if (workerData.entry.endsWith('.ts') || workerData.tsx) {
  const { register } = await import('tsx/esm/api');
  register();
}
await import(workerData.entry);
