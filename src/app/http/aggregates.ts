/**
 * Two summaries the store's query library does not offer yet (they belong in
 * src/store/queries.ts; until then they live here, over the store's documented schema):
 * how many statements a speaker made per month, who they dispute, an article's analysis
 * as stored JSON text.
 */
import { inflateSync } from 'node:zlib';
import { disputes, type Db, type Dispute, type SpeakerRef, type SpeakerSelector } from '../../store/index.ts';
import { speakerKey } from './keys.ts';

export interface MonthCount { month: string; count: number }

/** Statements per month (YYYY-MM, by the date they were made) and how many have no date. */
export function speakerActivity(db: Db, sel: SpeakerSelector): { months: MonthCount[]; undated: number } {
  const cond = 'entity' in sel ? 'speaker_id = @id' : `speaker_id IN (SELECT id FROM entities WHERE kind = 'anonymous' AND grp = @grp)`;
  const params = 'entity' in sel ? { id: sel.entity } : { grp: sel.group };
  const rows = db.prepare(`SELECT substr(day, 1, 7) AS month, count(*) AS count FROM statements WHERE ${cond} GROUP BY month ORDER BY month`)
    .all(params) as { month: string | null; count: number }[];
  return {
    months: rows.filter((r) => r.month !== null) as MonthCount[],
    undated: rows.find((r) => r.month === null)?.count ?? 0,
  };
}

/**
 * An article's stored analysis as the JSON text it was stored as (what `analysisOf`
 * parses), so a response can carry it without parsing and printing it again.
 */
export function analysisJson(db: Db, id: number): string | null {
  const blob = db.prepare('SELECT analysis FROM articles WHERE id = ?').pluck().get(id) as Buffer | undefined;
  return blob ? inflateSync(blob).toString('utf8') : null;
}

/** Is there a corpus entity with this id? */
export function entityExists(db: Db, id: number): boolean {
  return db.prepare('SELECT 1 FROM entities WHERE id = ?').pluck().get(id) !== undefined;
}

export interface Counterpart {
  speaker: SpeakerRef | null;
  key: string | null;
  /** How often this speaker denies or disputes the counterpart ... */
  disputes: number;
  /** ... and how often the counterpart denies or disputes this speaker. */
  disputedBy: number;
}

const same = (a: SpeakerRef | null, sel: SpeakerSelector) =>
  !!a && ('entity' in sel ? a.id === sel.entity : a.anonymous && a.group === sel.group);

/** A speaker's disputes (newest first, at most `limit`) and the people on the other side, most frequent first. */
export function speakerDisputes(db: Db, sel: SpeakerSelector, limit = 200): { items: Dispute[]; counterparts: Counterpart[]; hasMore: boolean } {
  const r = disputes(db, { speaker: sel, limit });
  const byKey = new Map<string, Counterpart>();
  for (const d of r.disputes) {
    const mineFrom = same(d.from.source.speaker, sel);
    const mineTo = same(d.to.source.speaker, sel);
    if (mineFrom && mineTo) continue; // contradicting oneself: no counterpart
    const other = mineFrom ? d.to.source.speaker : d.from.source.speaker;
    const key = other ? speakerKey(other) : '?';
    const c = byKey.get(key) ?? { speaker: other, key: other ? key : null, disputes: 0, disputedBy: 0 };
    if (mineFrom) c.disputes++;
    else c.disputedBy++;
    byKey.set(key, c);
  }
  const counterparts = [...byKey.values()].sort((a, b) => b.disputes + b.disputedBy - (a.disputes + a.disputedBy) || (a.speaker?.name ?? '').localeCompare(b.speaker?.name ?? ''));
  return { items: r.disputes, counterparts, hasMore: r.hasMore };
}
