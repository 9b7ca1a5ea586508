// Entry of a worker thread: a TypeScript entry (or one that imports TypeScript: `tsx: true`) needs tsx's loader registered in this thread
// (loader hooks registered in the main thread do not reach workers); a compiled one (.build)
// loads as it is.
import v8 from 'node:v8';
import { workerData } from 'node:worker_threads';

// `analysis: true` (analysis threads: store/pool.ts, the analyze bench's threads): every core
// is then busy analysing, and V8's background compiler competes with them. A function
// optimised early, before its type feedback has seen every shape of its inputs, is
// deoptimised and compiled again (in one pass over the 840 PolNeAR train articles, 2.3 of the
// 3.9 s spent compiling was such recompilation). Eight times V8's default interrupt budget
// (67,584) lets each function run longer before it is optimised: `hearsay analyze --workers 2`
// over those articles took 7.9–8.1 s instead of 8.7–9.2 s (same output), the analyze bench's
// 2 threads went from 134–138 to 157–165 articles/s; a 10,000-article ingest was unchanged
// (docs/EVALUATION.md). The flag is process-wide, so it is set only once analysis threads
// start (a server's reader threads alone run with V8's default).
if (workerData.analysis) v8.setFlagsFromString('--interrupt-budget=540672');

if (workerData.entry.endsWith('.ts') || workerData.tsx) {
  const { register } = await import('tsx/esm/api');
  register();
}
await import(workerData.entry);
