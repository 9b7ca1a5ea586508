// Entry of a worker thread: a TypeScript entry (or one that imports TypeScript: `tsx: true`) needs tsx's loader registered in this thread
// (loader hooks registered in the main thread do not reach workers); a compiled one (.build)
// loads as it is.
import { workerData } from 'node:worker_threads';

if (workerData.entry.endsWith('.ts') || workerData.tsx) {
  const { register } = await import('tsx/esm/api');
  register();
}
await import(workerData.entry);
