// Entry of an analysis worker thread: registers tsx's loader in this thread (loader hooks
// registered in the main thread do not reach workers), then loads the TypeScript worker.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
