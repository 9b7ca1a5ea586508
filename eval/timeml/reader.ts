/**
 * Reader for TBAQ-cleaned TimeML (TempEval-3 TimeBank and AQUAINT). For each `.tml` file it
 * returns the document creation time (the TIMEX3 with functionInDocument="CREATION_TIME"),
 * the TEXT element's content as plain text (tags removed, entities decoded) and the gold
 * TIMEX3 extents as offsets into that plain text. The DCT is not part of TEXT and is not
 * scored, as in TempEval-3.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { datasetPath } from '../data.ts';

export type Corpus = 'timebank' | 'aquaint';

export interface GoldTimex {
  start: number;
  end: number;
  text: string;
  tid: string;
  type: string;
  value: string;
  mod: string | null;
}

export interface TimemlDoc {
  id: string;
  corpus: Corpus;
  /** DCT value as given (date or date-time). */
  dct: string;
  text: string;
  timexes: GoldTimex[];
}

const FOLDER: Record<Corpus, string> = { timebank: 'TimeBank', aquaint: 'AQUAINT' };

export function timemlDir(corpus: Corpus): string | null {
  return datasetPath('timebank', FOLDER[corpus]);
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|[a-zA-Z]+);/g, (m, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) ? String.fromCodePoint(code) : m;
    }
    return ENTITIES[name] ?? m;
  });
}

function attrs(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(/(\w+)="([^"]*)"/g)) out[m[1]] = decodeEntities(m[2]);
  return out;
}

/** Parses one TimeML document. Throws on a file without TEXT or DCT. */
export function parseTimeml(xml: string, id: string, corpus: Corpus): TimemlDoc {
  let dct: string | null = null;
  for (const m of xml.matchAll(/<TIMEX3\b[^>]*>/g)) {
    const a = attrs(m[0]);
    if (a.functionInDocument === 'CREATION_TIME') { dct = a.value; break; }
  }
  const body = /<TEXT>([\s\S]*)<\/TEXT>/.exec(xml);
  if (!dct || !body) throw new Error(`${id}: no DCT or TEXT element`);
  let text = '';
  const timexes: GoldTimex[] = [];
  let open: { start: number; a: Record<string, string> } | null = null;
  for (const piece of body[1].split(/(<[^>]+>)/)) {
    if (!piece) continue;
    if (piece.startsWith('<')) {
      if (/^<TIMEX3\b/.test(piece)) open = { start: text.length, a: attrs(piece) };
      else if (/^<\/TIMEX3/.test(piece) && open) {
        timexes.push({
          start: open.start, end: text.length, text: text.slice(open.start),
          tid: open.a.tid ?? '', type: open.a.type ?? '', value: open.a.value ?? '', mod: open.a.mod ?? null,
        });
        open = null;
      }
      continue;
    }
    text += decodeEntities(piece);
  }
  return { id, corpus, dct, text, timexes };
}

export function readTimeml(corpus: Corpus): TimemlDoc[] | null {
  const dir = timemlDir(corpus);
  if (!dir) return null;
  return readdirSync(dir)
    .filter((f) => f.endsWith('.tml'))
    .sort()
    .map((f) => parseTimeml(readFileSync(join(dir, f), 'utf8'), f.replace(/\.tml$/, ''), corpus));
}
