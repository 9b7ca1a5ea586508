/**
 * Worker threads started through worker-boot.mjs, which registers tsx's loader in the thread
 * when the entry is TypeScript (loader hooks do not cross into workers).
 */
import { Worker, type WorkerOptions } from 'node:worker_threads';

const BOOT = new URL('./worker-boot.mjs', import.meta.url);

/**
 * Starts the module `name` that sits beside the module `from` (its `import.meta.url`): the
 * `.ts` source when `from` is a source, the `.js` file when it runs compiled from `.build/`.
 * `data` reaches the worker as `workerData`, with `entry` added.
 */
export function bootWorker(name: string, from: string, data: Record<string, unknown>, options: Omit<WorkerOptions, 'workerData'> = {}): Worker {
  const entry = new URL(`./${name}${from.slice(from.lastIndexOf('.'))}`, from).href;
  return new Worker(BOOT, { ...options, workerData: { ...data, entry } });
}
