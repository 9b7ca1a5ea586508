import { makeContext } from '../../src/core/context.ts';
import { createDocument } from '../../src/core/document.ts';
import { extractTimes, type TimeExpr } from '../../src/extract/times/index.ts';
import { analyzeNlp, type NlpLayer } from '../../src/nlp/tokens.ts';

export function times(text: string, published: string | null): TimeExpr[] {
  return analyze(text, published).times;
}

export function analyze(text: string, published: string | null): { times: TimeExpr[]; nlp: NlpLayer } {
  const doc = createDocument(text, { id: 'test', published });
  const nlp = analyzeNlp(doc);
  return { times: extractTimes(doc, nlp, makeContext({ published })), nlp };
}

export const show = (ts: TimeExpr[]) => ts.map((t) => `[${t.span.text}] ${t.type} ${t.value} (${t.anchor})`).join('; ');
