/**
 * The trained models' weight tables (attribution: three 16-bit hash tables; names: the
 * tagger's slot table of keys and 8-bit weights, and its filter; ~14 MB in all) are read-only
 * once loaded. A process that analyses on several threads keeps one copy of them in shared
 * memory instead of one copy a thread:
 *
 *  - the thread that starts the workers makes the tables once (`makeSharedTables`, run with
 *    the loaders of the shipped models) and passes them in the workers' `workerData` as
 *    `modelTables`;
 *  - in a worker, this module installs them when it is first imported, and the loaders get
 *    views of them from `modelTable` instead of filling new arrays.
 *
 * A table is found by a key naming the model file by its content (`modelKey`) and the table
 * in it, and must have the expected length, else it is made as usual: a worker started without
 * tables, or with tables of another model file, loads its own copy and gives the same results.
 */
import { isMainThread, workerData } from 'node:worker_threads';

export type SharedTables = Record<string, SharedArrayBuffer>;

export type Table = Int8Array | Int16Array | Int32Array | Float32Array;
export interface TableType<T extends Table> {
  new (length: number): T;
  new (buffer: SharedArrayBuffer): T;
  readonly BYTES_PER_ELEMENT: number;
}

/** `modelTable` with the key's prefix bound (`tableMaker`): lets a module take shared tables without importing this one. */
export type TableMaker = <T extends Table>(name: string, type: TableType<T>, length: number, fill: (table: T) => void) => T;

/** Makes tables under `prefix` (e.g. a `modelKey`) with `modelTable`. */
export function tableMaker(prefix: string): TableMaker {
  return (name, type, length, fill) => modelTable(`${prefix}/${name}`, type, length, fill);
}

const installed = new Map<string, SharedArrayBuffer>();
/** While `makeSharedTables` runs: the tables it has made. */
let making: SharedTables | null = null;

/** `name` and a 32-bit FNV-1a hash of a model file's bytes: the prefix of its tables' keys. */
export function modelKey(name: string, bytes: Uint8Array): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i], 0x01000193);
  return `${name}:${bytes.length}:${(h >>> 0).toString(16)}`;
}

/** Installs tables made by another thread (keys already present are kept). */
export function installSharedTables(tables: SharedTables): void {
  for (const [key, buffer] of Object.entries(tables)) {
    if (buffer instanceof SharedArrayBuffer && !installed.has(key)) installed.set(key, buffer);
  }
}

if (!isMainThread && workerData && typeof workerData === 'object' && workerData.modelTables) {
  installSharedTables(workerData.modelTables as SharedTables);
}

/**
 * A model table of `length` elements: a view of the installed shared table `key` when there
 * is one of that length; else a new array filled by `fill` (in shared memory, and remembered,
 * while `makeSharedTables` runs). `key` null: never shared.
 */
export function modelTable<T extends Table>(key: string | null, type: TableType<T>, length: number, fill: (table: T) => void): T {
  const bytes = length * type.BYTES_PER_ELEMENT;
  if (key !== null) {
    const shared = installed.get(key);
    if (shared && shared.byteLength === bytes) {
      if (making) making[key] = shared;
      return new type(shared);
    }
    if (making) {
      const buffer = new SharedArrayBuffer(bytes);
      const table = new type(buffer);
      fill(table);
      installed.set(key, buffer);
      making[key] = buffer;
      return table;
    }
  }
  const table = new type(length);
  fill(table);
  return table;
}

/**
 * Runs `load` (which reads the models through `modelTable`) and returns the tables it made or
 * found, to pass to worker threads as `workerData.modelTables`.
 */
export function makeSharedTables(load: () => void): SharedTables {
  const tables: SharedTables = {};
  const outer = making;
  making = tables;
  try {
    load();
  } finally {
    making = outer;
  }
  return tables;
}
