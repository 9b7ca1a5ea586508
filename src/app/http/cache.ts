/**
 * A response cache for the corpus reads. The corpus is read far more often than it is
 * written, and several of the store's queries take tens of milliseconds on a large
 * corpus (the speakers list, deep article pages, statistics), so answers to GET requests
 * are kept, least recently used first out, within a byte budget. An answer is valid while
 * the database is unchanged: SQLite's `PRAGMA data_version` moves whenever another
 * connection (`hearsay ingest`) commits, and then every kept answer is stale.
 */
import type { Db } from '../../store/index.ts';

interface Entry { body: string; type: string; version: number; db: Db }

export class ResponseCache {
  private map = new Map<string, Entry>();
  private bytes = 0;
  hits = 0;
  misses = 0;

  constructor(readonly maxBytes = 64 * 1024 * 1024, readonly maxEntries = 20_000) {}

  get(key: string, db: Db, version: number): Entry | null {
    const e = this.map.get(key);
    if (!e || e.version !== version || e.db !== db) {
      this.misses++;
      return null;
    }
    this.hits++;
    // most recently used last
    this.map.delete(key);
    this.map.set(key, e);
    return e;
  }

  set(key: string, db: Db, version: number, body: string, type: string): void {
    const size = body.length * 2 + key.length * 2;
    if (size > this.maxBytes / 8) return; // one huge answer should not empty the cache
    const old = this.map.get(key);
    if (old) {
      this.bytes -= old.body.length * 2 + key.length * 2;
      this.map.delete(key);
    }
    this.map.set(key, { body, type, version, db });
    this.bytes += size;
    for (const [k, e] of this.map) {
      if (this.bytes <= this.maxBytes && this.map.size <= this.maxEntries) break;
      this.map.delete(k);
      this.bytes -= e.body.length * 2 + k.length * 2;
    }
  }

  get size(): number {
    return this.map.size;
  }
}
