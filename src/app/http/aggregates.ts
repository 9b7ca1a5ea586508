/**
 * A speaker's disputes grouped by the source on the other side, for the speaker page: a
 * presentation of the store's `disputeCounts` (no SQL here; every query is in
 * src/store).
 */
import { disputeCounts, type Db, type Dispute, type SpeakerRef, type SpeakerSelector } from '../../store/index.ts';
import { speakerKey } from './keys.ts';

export interface Counterpart {
  speaker: SpeakerRef | null;
  key: string | null;
  /** How often this speaker denies or disputes the counterpart ... */
  disputes: number;
  /** ... and how often the counterpart denies or disputes this speaker. */
  disputedBy: number;
}

/**
 * A speaker's newest disputes (at most `limit`), how many there are in all, and the people on
 * the other side of all of them, most frequent first (an anonymous group's sources count as
 * one counterpart, named as its most frequent one).
 */
export function speakerDisputes(db: Db, sel: SpeakerSelector, limit = 10): { items: Dispute[]; total: number; counterparts: Counterpart[]; hasMore: boolean } {
  const counts = disputeCounts(db, sel, limit);
  const byKey = new Map<string, Counterpart & { top: number }>();
  for (const o of counts.others) {
    const key = o.speaker ? speakerKey(o.speaker) : '?';
    let c = byKey.get(key);
    if (!c) byKey.set(key, (c = { speaker: o.speaker, key: o.speaker ? key : null, disputes: 0, disputedBy: 0, top: 0 }));
    c.disputes += o.disputes;
    c.disputedBy += o.disputedBy;
    // the group's most frequent source names it (ties: the lowest id)
    const n = o.disputes + o.disputedBy;
    if (o.speaker && (n > c.top || (n === c.top && (o.speaker.id ?? 0) < (c.speaker?.id ?? 0)))) { c.speaker = o.speaker; c.top = n; }
  }
  const counterparts = [...byKey.values()]
    .map(({ top: _, ...c }) => c)
    .sort((a, b) => b.disputes + b.disputedBy - (a.disputes + a.disputedBy) || (a.speaker?.name ?? '').localeCompare(b.speaker?.name ?? '') ||
      (a.speaker?.id ?? 0) - (b.speaker?.id ?? 0));
  return { items: counts.disputes, total: counts.total, counterparts, hasMore: counts.hasMore };
}
