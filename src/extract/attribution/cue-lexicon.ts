/**
 * The cue lexicon (src/lexicons/cues.txt, cue-nouns.txt) compiled for lookup by token:
 * every inflected form maps to its lemma and speech act; multi-word cues are matched from
 * their first word.
 */
import type { SpeechAct } from '../../core/contract.ts';
import { SPEECH_ACTS } from '../../core/contract.ts';
import { readLexicon } from '../../lexicons/load.ts';

export interface CueEntry {
  lemma: string;
  act: SpeechAct;
  /** Lower-cased words after the first one, for multi-word cues. */
  rest: string[];
  noun: boolean;
  /** Words in the cue (1 + rest.length). */
  length: number;
}

function inflect(verb: string): string[] {
  const v = verb;
  const s = /(s|x|z|ch|sh)$/.test(v) ? v + 'es' : /[^aeiou]y$/.test(v) ? v.slice(0, -1) + 'ies' : v + 's';
  const ed = /e$/.test(v) ? v + 'd' : /[^aeiou]y$/.test(v) ? v.slice(0, -1) + 'ied' : v + 'ed';
  const ing = /[^e]e$/.test(v) ? v.slice(0, -1) + 'ing' : v + 'ing';
  return [v, s, ed, ing];
}

function plural(noun: string): string {
  return /(s|x|z|ch|sh)$/.test(noun) ? noun + 'es' : /[^aeiou]y$/.test(noun) ? noun.slice(0, -1) + 'ies' : noun + 's';
}

function asAct(a: string, where: string): SpeechAct {
  if (!(SPEECH_ACTS as readonly string[]).includes(a)) throw new Error(`lexicon ${where}: unknown act "${a}"`);
  return a as SpeechAct;
}

let compiled: Map<string, CueEntry[]> | null = null;

/** Map from a lower-cased first word to the cue entries that start with it (longest first). */
export function cueLexicon(): Map<string, CueEntry[]> {
  if (compiled) return compiled;
  const map = new Map<string, CueEntry[]>();
  const add = (form: string, e: Omit<CueEntry, 'rest' | 'length'>) => {
    const words = form.toLowerCase().split(/\s+/);
    const entry: CueEntry = { ...e, rest: words.slice(1), length: words.length };
    const list = map.get(words[0]) ?? [];
    if (!list.some((x) => x.rest.join(' ') === entry.rest.join(' ') && x.noun === entry.noun)) list.push(entry);
    map.set(words[0], list);
  };
  for (const [lemma, act, irregular] of readLexicon('cues.txt')) {
    const a = asAct(act, `cues.txt (${lemma})`);
    const words = lemma.split(/\s+/);
    const forms = irregular ? [lemma, ...irregular.split(/\s+(?=\S)/)] : [];
    if (irregular && words.length > 1) {
      // irregular multi-word forms are written in full, e.g. "pushed back against"
      const n = words.length;
      const parts = irregular.split(/\s+/);
      forms.length = 0;
      forms.push(lemma);
      for (let k = 0; k + n <= parts.length; k += n) forms.push(parts.slice(k, k + n).join(' '));
    }
    const all = forms.length ? forms : inflect(words[0]).map((f) => [f, ...words.slice(1)].join(' '));
    for (const f of all) add(f, { lemma, act: a, noun: false });
  }
  for (const [noun, act] of readLexicon('cue-nouns.txt')) {
    const a = asAct(act, `cue-nouns.txt (${noun})`);
    add(noun, { lemma: noun, act: a, noun: true });
    add(plural(noun), { lemma: noun, act: a, noun: true });
  }
  for (const list of map.values()) list.sort((x, y) => y.rest.length - x.rest.length);
  compiled = map;
  return map;
}

/** The longest cue starting at word `i` of `words` (lower-cased), or null (entries are shared: read only). */
export function matchCue(words: readonly string[], i: number, allowNouns = true): Readonly<CueEntry> | null {
  const list = (compiled ?? cueLexicon()).get(words[i]);
  if (!list) return null;
  for (const e of list) {
    if (e.noun && !allowNouns) continue;
    let ok = true;
    for (let k = 0; k < e.rest.length; k++) if (words[i + 1 + k] !== e.rest[k]) { ok = false; break; }
    if (ok) return e;
  }
  return null;
}
