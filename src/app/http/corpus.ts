/**
 * The corpus a server reads: opened read-only on first use. A server started before the
 * database exists (`hearsay serve` then `hearsay ingest`) finds it once it appears.
 */
import { existsSync } from 'node:fs';
import { openCorpus, type Db } from '../../store/index.ts';

export class CorpusHandle {
  private db: Db | null = null;
  private lastLook = 0;

  /** `path` null: no corpus at all (a server for pasted articles only). */
  constructor(readonly path: string | null, db: Db | null = null) {
    this.db = db;
  }

  /** Opens the database now; throws the store's one-line error when it exists but cannot be read. */
  open(): Db | null {
    if (this.db || !this.path) return this.db;
    if (!existsSync(this.path)) return null;
    this.db = openCorpus(this.path, { readonly: true });
    return this.db;
  }

  /** The open database, or null while there is none (looks for the file at most once a second). */
  get(): Db | null {
    if (this.db || !this.path) return this.db;
    const now = Date.now();
    if (now - this.lastLook < 1000) return null;
    this.lastLook = now;
    return this.open();
  }

  close(): void {
    this.db?.close();
    this.db = null;
  }
}
