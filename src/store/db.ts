/**
 * Opening a corpus database: WAL mode, foreign keys, migrations. Every failure is a
 * one-line `HearsayError`.
 */
import { existsSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { HearsayError } from '../core/errors.ts';
import { MIGRATIONS, SCHEMA_VERSION } from './schema.ts';

export type Db = Database.Database;

export const DEFAULT_DB = 'hearsay.db';

export interface OpenOptions {
  /** Create the file when it does not exist (ingest); otherwise a missing file is NOT_FOUND. */
  create?: boolean;
  /** Open read-only (queries from a server that must never write). Needs an up-to-date schema. */
  readonly?: boolean;
}

/** Bytes of the database file a read-only connection maps into memory (see openCorpus). */
export const READ_MMAP_BYTES = 1 << 30;

/**
 * Opens (and, with `create`, creates) a corpus database and brings its schema up to date.
 * Queries can run while another process ingests into the same file (WAL).
 */
export function openCorpus(path: string, opts: OpenOptions = {}): Db {
  if (!opts.create && path !== ':memory:' && !existsSync(path)) {
    throw new HearsayError('NOT_FOUND', `no corpus database at ${path} (create one with: hearsay ingest PATH... --db ${path})`, { file: path });
  }
  if (existsSync(path) && statSync(path).isDirectory()) {
    throw new HearsayError('UNREADABLE', 'is a directory, not a corpus database', { file: path });
  }
  let db: Db;
  try {
    db = new Database(path, { readonly: !!opts.readonly, fileMustExist: !opts.create });
  } catch (e) {
    throw new HearsayError('UNREADABLE', `cannot open the corpus database: ${(e as Error).message}`, { file: path });
  }
  try {
    db.pragma('busy_timeout = 10000');
    if (!opts.readonly) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
    }
    db.pragma('foreign_keys = ON');
    db.pragma('cache_size = -8000'); // 8 MB page cache for queries, larger measured no faster (the OS caches the file); the writer takes more (writer.ts)
    // A read-only connection (the server's, its reader threads') reads the file through a
    // memory map rather than a read() call per page not in its cache: the serve bench's mix
    // of reads ~20% faster (system time ~110 µs a request down to ~35). Not for the writer:
    // pages it touched would count in the ingest's resident memory (its target is 500 MB).
    // The map covers the first 1 GB of the file; SQLite reads any further pages as before.
    if (opts.readonly) db.pragma(`mmap_size = ${READ_MMAP_BYTES}`);
    migrate(db, !!opts.readonly, path);
  } catch (e) {
    db.close();
    if (e instanceof HearsayError) throw e;
    const msg = (e as Error).message;
    const why = /not a database|file is encrypted/i.test(msg) ? 'is not a hearsay corpus database (not SQLite)' : `cannot open the corpus database: ${msg}`;
    throw new HearsayError('UNREADABLE', why, { file: path });
  }
  return db;
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

function migrate(db: Db, readonly: boolean, path: string): void {
  const current = schemaVersion(db);
  if (current > SCHEMA_VERSION) {
    throw new HearsayError('UNREADABLE', `corpus schema version ${current} is newer than this hearsay understands (${SCHEMA_VERSION}); upgrade hearsay`, { file: path });
  }
  if (current === 0 && !readonly) {
    // a fresh file, or some other SQLite database: refuse to write our tables into a foreign one
    const tables = db.prepare(`SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'`).get() as { n: number };
    if (tables.n > 0) throw new HearsayError('UNREADABLE', 'is a SQLite database but not a hearsay corpus', { file: path });
  }
  const todo = MIGRATIONS.filter((m) => m.version > current);
  if (!todo.length) return;
  if (readonly) {
    throw new HearsayError('UNREADABLE', `corpus schema version ${current} is older than ${SCHEMA_VERSION}; open it once for writing (hearsay ingest) to upgrade`, { file: path });
  }
  for (const m of todo) {
    db.transaction(() => {
      db.exec(m.sql);
      m.up?.(db);
      db.pragma(`user_version = ${m.version}`);
      db.prepare(`INSERT INTO meta(key, value) VALUES ('schema', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`).run(String(m.version));
    })();
  }
}
