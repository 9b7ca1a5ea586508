import { createRequire } from 'node:module';
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

type Wink = ReturnType<typeof winkNLP>;
type WinkDoc = ReturnType<Wink['readDoc']>;

let instance: Wink | null = null;
/** Lexeme id wink gives the first word it did not know when the instance was made. */
let firstNew = 0;
let sinceCheck = 0;

/**
 * wink keeps every word form it has not seen before in its lexicon for the life of the
 * instance: ~130 bytes a lexeme (a capitalised word adds two, itself and its lower-case form;
 * measured: 1,000,000 made-up capitalised words grew the heap by 255 MB). News brings new
 * words forever (names, numbers): the 924 PolNeAR articles add 18,901 lexemes, so a server or
 * a long ingest would grow without bound. Every `checkEvery` documents the newest lexeme id is
 * read; past `newWords` lexemes (~13 MB) the instance is dropped and the next document gets a
 * fresh one (~100 ms). Results do not depend on it: documents are read as a fresh instance
 * reads them (`isolate` below; test/nlp/wink.test.ts).
 */
const DEFAULT_LIMITS = { newWords: 100_000, checkEvery: 64 };
const limits = { ...DEFAULT_LIMITS };

/**
 * The model as wink-nlp reads it, but for its custom-entity meta model: the package's loader
 * of that one (`metaCER`, dist/load-cer-meta-model.js) JSON-stringifies its module-level
 * copy and keeps the result, so every new instance doubles the escaping of the last one's
 * (measured: the 20th instance of a process failed with "RangeError: Invalid string length").
 * Its first answer is kept and given to every instance (custom entities are not used here).
 */
let stableModel: typeof model | null = null;
function winkModel(): typeof model {
  if (!stableModel) {
    const metaCER = (model as unknown as { metaCER: () => unknown }).metaCER;
    let cer: unknown = null;
    stableModel = Object.assign(Object.create(null), model, { metaCER: () => (cer ??= metaCER()) }) as typeof model;
  }
  return stableModel;
}

/** The shared wink-nlp instance (sentence boundaries and POS only), loaded on first use. */
export function wink(): Wink {
  if (!instance) {
    instance = winkNLP(winkModel(), ['sbd', 'pos']);
    isolated = isolate(instance);
    // a word no lexicon holds shows where the instance's own additions start
    firstNew = instance.readDoc('qzxjvkw').tokens().out(instance.its.uniqueId)[0] as unknown as number;
    sinceCheck = 0;
  }
  return instance;
}

/** What `lookup` and `add` of wink's lexicon cache look like (wink-nlp 2.x, src/cache.js). */
interface WinkCache {
  lookup(text: string): number[] | null;
  add(text: string, category: number): number;
  intrinsicSize(): number;
}

/** Word forms the document being read has added to wink's lexicon, with their lower-case forms. */
const added = new Set<string>();
/** Whether the instance's tokenizer sees only the model's own words and the current document's. */
let isolated = false;

/**
 * wink's tokenizer asks its lexicon whether a string is a known word before splitting it
 * ("Trump’s" stays one token once any earlier document made it a lexeme, else it is
 * "Trump" + "’s"), and the lexicon keeps every word of every document read. So a document's
 * tokens, and everything after them, depended on the documents read before it by the same
 * instance (measured: 363 of the 840 PolNeAR train articles came out differently when read in
 * reverse order). The instance's cache is reached once through a token mapper (wink hands
 * mappers its document data, which holds the cache), and its `lookup` is wrapped so that a
 * word learned from an earlier document counts as unknown, as in a fresh instance (checked:
 * forward and reverse runs over PolNeAR train are byte-identical); `add` notes the words the
 * current document adds. Returns false when this wink does not look as expected (then
 * documents are read unisolated; test/nlp/wink.test.ts fails).
 */
function isolate(w: Wink): boolean {
  let cache: WinkCache | null = null;
  try {
    const allowed = createRequire(import.meta.url)('wink-nlp/src/allowed.js') as { its4tokens?: Set<unknown> };
    const probe = (_i: number, rdd: { cache?: WinkCache }) => { cache = rdd.cache ?? null; return 0; };
    if (!(allowed.its4tokens instanceof Set)) return false;
    allowed.its4tokens.add(probe);
    try {
      w.readDoc('probe').tokens().out(probe as never);
    } finally {
      allowed.its4tokens.delete(probe);
    }
  } catch {
    return false;
  }
  const c = cache as WinkCache | null;
  if (!c || typeof c.lookup !== 'function' || typeof c.add !== 'function' || typeof c.intrinsicSize !== 'function') return false;
  const lookup = c.lookup, add = c.add, intrinsic = c.intrinsicSize();
  // contractions (several entries) and the model's own words are answered as before
  c.lookup = (text) => {
    const r = lookup(text);
    return r === null || r.length !== 1 || r[0] < intrinsic || added.has(text) ? r : null;
  };
  c.add = (text, category) => {
    added.add(text);
    added.add(text.toLowerCase());
    return add(text, category);
  };
  return true;
}

/** Reads a document with the shared instance as a fresh instance would read it (see `isolate`). */
export function readWinkDoc(text: string): WinkDoc {
  const w = wink();
  added.clear();
  try {
    return w.readDoc(text);
  } finally {
    added.clear();
  }
}

/** Whether documents are read isolated from each other (false only if wink's internals changed). */
export function winkIsolated(): boolean {
  wink();
  return isolated;
}

/** Called after each document wink read: drops the instance once it has learned too many words. */
export function noteWinkDocument(doc: WinkDoc): void {
  if (++sinceCheck < limits.checkEvery || !instance) return;
  sinceCheck = 0;
  const ids = doc.tokens().out(instance.its.uniqueId) as unknown as number[];
  let max = 0;
  for (const id of ids) if (id > max) max = id;
  if (max - firstNew > limits.newWords) instance = null;
}

/** Test hook: lowers the limits (or restores them with no argument). */
export function setWinkLimits(l: Partial<typeof DEFAULT_LIMITS> = {}): void {
  Object.assign(limits, DEFAULT_LIMITS, l);
}
