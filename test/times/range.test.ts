/**
 * timeForRange: which time dates a statement, given its cue and its content ranges.
 * Each row gives the text, the cue (first occurrence of the string, or [string, n] for the
 * n-th), the content strings excluded, and the span text of the time expected (or null).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { timeForRange } from '../../src/extract/times/index.ts';
import { analyze, show } from './helpers.ts';

interface Row { text: string; cue: string; content: string[]; want: string | null }

const ROWS: Row[] = [
  { text: 'Peskov told reporters on Tuesday that Putin would not attend.', cue: 'told', content: ['Putin would not attend'], want: 'Tuesday' },
  { text: 'Biden said Monday he will visit Kyiv on Friday.', cue: 'said', content: ['he will visit Kyiv on Friday'], want: 'Monday' },
  { text: 'On Friday, the minister said the plan was dead.', cue: 'said', content: ['the plan was dead'], want: 'Friday' },
  { text: '“We will not sign,” the minister said on Monday.', cue: 'said', content: ['“We will not sign,”'], want: 'Monday' },
  { text: 'Biden on Monday said that last week was hard.', cue: 'said', content: ['last week was hard'], want: 'Monday' },
  { text: 'The minister said the plan, agreed in March, was dead.', cue: 'said', content: ['the plan, agreed in March, was dead'], want: null },
  { text: 'The talks collapsed on Monday. Officials said they would resume.', cue: 'said', content: ['they would resume'], want: null },
  { text: 'He said for two years that the mine was safe.', cue: 'said', content: ['the mine was safe'], want: null },
  { text: 'In a statement on Tuesday, the ministry denied the report.', cue: 'denied', content: ['the report'], want: 'Tuesday' },
  { text: 'The envoy, who arrived on Sunday, said Wednesday that talks would go on.', cue: 'said', content: ['talks would go on'], want: 'Wednesday' },
  { text: 'Officials, speaking yesterday, said the dam was safe.', cue: 'said', content: ['the dam was safe'], want: 'yesterday' },
];

for (const row of ROWS) {
  test(`timeForRange: ${row.text}`, () => {
    const { times, nlp } = analyze(row.text, '2022-02-09');
    const at = row.text.indexOf(row.cue);
    const cue = { start: at, end: at + row.cue.length };
    const exclude = row.content.map((c) => { const s = row.text.indexOf(c); assert.ok(s >= 0); return { start: s, end: s + c.length }; });
    const id = timeForRange(times, nlp, cue, exclude);
    const got = id === null ? null : times.find((t) => t.id === id)!.span.text;
    assert.equal(got, row.want, show(times));
  });
}

test('timeForRange: no times, no answer', () => {
  const { times, nlp } = analyze('The minister said nothing.', '2022-02-09');
  assert.equal(timeForRange(times, nlp, { start: 13, end: 17 }, []), null);
});
