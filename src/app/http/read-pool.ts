/**
 * Reader threads: corpus reads off the server's thread, each thread with its own
 * read-only SQLite connection, so that a slow query (a deep page, a big speakers list)
 * does not hold up every other request, and reads use more than one core. Tasks go to the
 * thread with the fewest pending; a thread that dies fails its pending reads (500) and is
 * replaced.
 */
import type { Worker } from 'node:worker_threads';
import { bootWorker } from '../../store/boot.ts';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ApiError, type ApiErrorCode } from './errors.ts';
import type { ReadParams, ReadRoute } from './reads.ts';
import type { ReadReply, ReadTask } from './reader-worker.ts';


interface Pending { resolve(body: string): void; reject(e: Error): void }
interface Slot { worker: Worker; pending: Map<number, Pending>; dead: boolean }

export class ReadPool {
  private slots: Slot[] = [];
  private nextId = 1;
  private closed = false;

  constructor(readonly dbPath: string, readonly size: number, private readonly log: (line: string) => void) {
    for (let i = 0; i < size; i++) this.slots.push(this.spawn());
  }

  private spawn(): Slot {
    const worker = bootWorker('reader-worker', import.meta.url, { db: this.dbPath }, { execArgv: [] });
    const slot: Slot = { worker, pending: new Map(), dead: false };
    worker.on('message', (m: ReadReply | { ready: true }) => {
      if ('ready' in m) return;
      const p = slot.pending.get(m.id);
      if (!p) return;
      slot.pending.delete(m.id);
      if (m.ok) return p.resolve(m.body);
      if (m.log) this.log(`internal error in a reader thread: ${m.log}`);
      p.reject(new ApiError(m.status as ContentfulStatusCode, m.code as ApiErrorCode, m.message, m.extra));
    });
    const die = (why: string) => {
      if (slot.dead) return;
      slot.dead = true;
      if (!this.closed) this.log(`a reader thread stopped (${why}); starting another`);
      for (const p of slot.pending.values()) p.reject(new ApiError(500, 'INTERNAL', 'internal error (see the server log)'));
      slot.pending.clear();
      if (!this.closed) this.slots[this.slots.indexOf(slot)] = this.spawn();
    };
    worker.on('error', (e) => die(e instanceof Error ? e.message : String(e)));
    worker.on('exit', (code) => die(`exit code ${code}`));
    return slot;
  }

  run(route: ReadRoute, params: ReadParams): Promise<string> {
    if (this.closed) return Promise.reject(new ApiError(500, 'INTERNAL', 'the server is stopping'));
    let best = this.slots[0];
    for (const s of this.slots) if (!s.dead && (best.dead || s.pending.size < best.pending.size)) best = s;
    return new Promise((resolve, reject) => {
      const task: ReadTask = { id: this.nextId++, route, params };
      best.pending.set(task.id, { resolve, reject });
      best.worker.postMessage(task);
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}
