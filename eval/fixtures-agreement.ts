/**
 * Agreement between the engine and the hand-made references of the golden articles
 * (test/fixtures/articles/*.expected.json): which expected statements are found, with the
 * right source entity, cue, act and type; how many predicted statements have no reference.
 */
import type { Analysis } from '../src/core/contract.ts';
import type { Expected } from '../test/helpers/fixtures.ts';

export interface Agreement {
  expected: number;
  predicted: number;
  found: number;
  speaker: number;
  cue: number;
  act: number;
  type: number;
  unmatched: number;
  trapsHit: string[];
  misses: string[];
}

const norm = (s: string) => s.toLowerCase().replace(/[“”"‘’'«»]/g, '').replace(/\s+/g, ' ').trim();

export function agreement(a: Analysis, exp: Expected): Agreement {
  const text = a.document.text;
  const r: Agreement = { expected: exp.statements.length, predicted: a.statements.length, found: 0, speaker: 0, cue: 0, act: 0, type: 0, unmatched: 0, trapsHit: [], misses: [] };
  const used = new Set<string>();
  for (const e of exp.statements) {
    const at = text.indexOf(e.quote_starts);
    const s = a.statements.find((s) => !used.has(s.id) && s.content.some((c) => c.start <= at + 2 && at < c.end));
    if (!s) { r.misses.push(`${e.quote_starts} (${e.speaker})`); continue; }
    used.add(s.id);
    r.found++;
    const ent = a.entities.find((x) => x.id === s.source.entity);
    const speaker = e.speaker ? norm(e.speaker) : null;
    if (ent && speaker && (norm(ent.name) === speaker || ent.aliases.some((al) => norm(al) === speaker) || (e.anonymous && ent.anonymous && norm(ent.name).includes(speaker.split(' ').pop()!)))) r.speaker++;
    else if (!ent && !speaker) r.speaker++;
    if ((s.cue ? norm(s.cue.text) : null) === (e.cue ? norm(e.cue) : null) || (s.cue && e.cue && (norm(e.cue).startsWith(norm(s.cue.text)) || norm(s.cue.text).includes(norm(e.cue))))) r.cue++;
    if (s.act === e.act) r.act++;
    if (s.type === e.type) r.type++;
  }
  r.unmatched = a.statements.filter((s) => !used.has(s.id)).length;
  for (const trap of exp.not_statements ?? []) {
    const at = text.indexOf(trap);
    if (at < 0) continue;
    const hit = a.statements.find((s) => s.content.length === 1 && s.content[0].start >= at && s.content[0].end <= at + trap.length);
    if (hit) r.trapsHit.push(trap);
  }
  return r;
}
