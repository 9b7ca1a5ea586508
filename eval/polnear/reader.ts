/**
 * Reader for PolNeAR 1.0 (BRAT standoff). For each article of a split it returns the text
 * and the attributions of the first annotator listed in metadata.tsv, as character ranges.
 * Span text in .ann files may run over several lines; we only read offsets and take text
 * from the .txt file, which the offsets index exactly.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Range } from '../../src/core/span.ts';
import { datasetPath } from '../data.ts';

export interface GoldAttribution {
  source: Range[] | null;
  cue: Range[] | null;
  content: Range[] | null;
}

export interface GoldArticle {
  id: string;
  publisher: string;
  published: string | null;
  title: string;
  text: string;
  attributions: GoldAttribution[];
  /** Text the annotators excluded (editor's notes and the like). */
  discard: Range[];
}

export type Split = 'train' | 'dev';

export function polnearDir(): string | null {
  return datasetPath('polnear');
}

interface MetaRow { filename: string; compartment: string; annotators: string; publisher: string; publication_date: string; title: string }

function readMetadata(dir: string): MetaRow[] {
  const lines = readFileSync(join(dir, 'metadata.tsv'), 'utf8').split('\n').filter(Boolean);
  const head = lines[0].split('\t');
  return lines.slice(1).map((l) => {
    const cells = l.split('\t');
    const row: Record<string, string> = {};
    head.forEach((h, i) => (row[h] = cells[i] ?? ''));
    return row as unknown as MetaRow;
  });
}

const T_LINE = /^(T\d+)\t(\w+) ([\d ;]+)\t/;
const E_LINE = /^(E\d+)\t(.*)$/;

export function parseAnn(ann: string): { attributions: GoldAttribution[]; discard: Range[] } {
  const spans = new Map<string, { type: string; ranges: Range[] }>();
  const events: Record<string, string>[] = [];
  for (const line of ann.split('\n')) {
    let m = T_LINE.exec(line);
    if (m) {
      const ranges = m[3].trim().split(';').map((p) => {
        const [a, b] = p.trim().split(/\s+/).map(Number);
        return { start: a, end: b };
      });
      spans.set(m[1], { type: m[2], ranges });
      continue;
    }
    m = E_LINE.exec(line);
    if (m) {
      const ev: Record<string, string> = {};
      for (const part of m[2].trim().split(/\s+/)) {
        const [role, id] = part.split(':');
        if (role && id) ev[role.replace(/\d+$/, '')] = id;
      }
      events.push(ev);
    }
  }
  const get = (ev: Record<string, string>, role: string) => (ev[role] ? spans.get(ev[role])?.ranges ?? null : null);
  const attributions = events.map((ev) => ({ source: get(ev, 'Source'), cue: get(ev, 'Cue'), content: get(ev, 'Content') }));
  const discard = [...spans.values()].filter((s) => s.type === 'Discard').flatMap((s) => s.ranges);
  return { attributions, discard };
}

export function readPolnear(split: Split, limit = Infinity): GoldArticle[] | null {
  const dir = polnearDir();
  if (!dir) return null;
  const out: GoldArticle[] = [];
  for (const row of readMetadata(dir)) {
    if (row.compartment !== split) continue;
    if (out.length >= limit) break;
    const annDir = join(dir, split, 'attributions');
    const annotator = row.annotators.split('|').find((a) => existsSync(join(annDir, `${row.filename}_${a}.ann`)));
    if (!annotator) continue;
    const text = readFileSync(join(dir, split, 'text', `${row.filename}.txt`), 'utf8');
    const { attributions, discard } = parseAnn(readFileSync(join(annDir, `${row.filename}_${annotator}.ann`), 'utf8'));
    out.push({
      id: row.filename,
      publisher: row.publisher,
      published: /^\d{4}-\d{2}-\d{2}$/.test(row.publication_date) ? row.publication_date : null,
      title: row.title,
      text,
      attributions,
      discard,
    });
  }
  return out;
}
