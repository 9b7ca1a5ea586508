/** The times step: temporal expressions, and the lookup that dates a statement by its cue. */
import type { ExtractContext } from '../core/context.ts';
import type { Time } from '../core/contract.ts';
import type { HearsayDocument } from '../core/document.ts';
import type { Range } from '../core/span.ts';
import type { NlpLayer } from '../nlp/tokens.ts';
import { extractTimes, timeForRange, type TimeExpr } from '../extract/times/index.ts';

export interface TimeLayer {
  times: Time[];
  /** Id of the time that dates a statement with this cue and content, or null. */
  timeFor(cue: Range, content: Range[]): string | null;
}

export function timesLayer(doc: HearsayDocument, nlp: NlpLayer, ctx: ExtractContext): TimeLayer {
  const found: TimeExpr[] = extractTimes(doc, nlp, ctx);
  const times: Time[] = [];
  for (const t of found) {
    const out: Time & { explain?: string[] } = { id: t.id, span: t.span, type: t.type, value: t.value, anchor: t.anchor };
    if (ctx.explain) out.explain = [t.rule];
    times.push(out);
  }
  return { times, timeFor: (cue, content) => timeForRange(found, nlp, cue, content) };
}
