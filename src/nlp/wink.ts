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
 * fresh one (~100 ms). Results do not depend on it: an unknown word is analysed the same
 * whether it is new or cached (test/nlp/wink.test.ts).
 */
const DEFAULT_LIMITS = { newWords: 100_000, checkEvery: 64 };
const limits = { ...DEFAULT_LIMITS };

/** The shared wink-nlp instance (sentence boundaries and POS only), loaded on first use. */
export function wink(): Wink {
  if (!instance) {
    instance = winkNLP(model, ['sbd', 'pos']);
    // a word no lexicon holds shows where the instance's own additions start
    firstNew = instance.readDoc('qzxjvkw').tokens().out(instance.its.uniqueId)[0] as unknown as number;
    sinceCheck = 0;
  }
  return instance;
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
