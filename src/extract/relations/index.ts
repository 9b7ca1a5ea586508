/**
 * Links between statements:
 *  - rel.within      a statement found inside another's content (the claim a denial reports)
 *  - rel.denies      a denial (act "deny") and the claim it rejects: one nested in it, or the
 *                    latest earlier claim by another source when the denial's content names a
 *                    claim only by a noun ("denied the report", "rejected the allegations")
 */
import type { Relation, Statement } from '../../core/contract.ts';
import type { StatementDraft } from '../attribution/index.ts';

const CLAIM_NOUN = /^(?:the|these|those|such|that|this|all|any)?\s*(?:\w+\s+)?(?:report|reports|claim|claims|allegation|allegations|accusation|accusations|charge|charges|suggestion|suggestions|story|account|assertion|assertions|rumou?rs?|speculation)\b/i;

export function findRelations(drafts: StatementDraft[], statements: Statement[]): Relation[] {
  const out: Relation[] = [];
  const id = new Map<StatementDraft, string>();
  drafts.forEach((d, k) => id.set(d, statements[k].id));
  const seen = new Set<string>();
  const add = (type: Relation['type'], from: string, to: string) => {
    const key = `${type}:${from}:${to}`;
    if (from === to || seen.has(key)) return;
    seen.add(key);
    out.push({ type, from, to });
  };
  drafts.forEach((d, k) => {
    // statements reported inside this one's content
    const inner = drafts.filter((x) => x !== d && (x.parent === d || (x.cue && d.content.some((c) => c.start <= x.cue!.start && x.cue!.end <= c.end))));
    for (const x of inner) add('within', id.get(x)!, statements[k].id);
    if (d.act !== 'deny') return;
    const claims = inner.filter((x) => x.act !== 'deny');
    if (claims.length) {
      for (const x of claims) add('denies', statements[k].id, id.get(x)!);
      return;
    }
    // "X denied the report": the latest earlier claim by another source
    const quote = statements[k].quote.trim();
    if (!CLAIM_NOUN.test(quote) || quote.split(/\s+/).length > 6) return;
    const mine = statements[k].source.entity;
    for (let j = k - 1; j >= 0; j--) {
      const other = statements[j];
      if (other.act === 'deny' || (mine && other.source.entity === mine)) continue;
      add('denies', statements[k].id, other.id);
      break;
    }
  });
  return out;
}
