/**
 * A speaker's disputes grouped by the source on the other side, for the speaker page: a
 * presentation of the store's `disputes` (no SQL here; every query is in src/store).
 */
import { disputes, type Db, type Dispute, type SpeakerRef, type SpeakerSelector } from '../../store/index.ts';
import { speakerKey } from './keys.ts';

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
