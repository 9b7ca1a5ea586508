/**
 * timeForRange: which time dates a statement, given its cue and its content ranges.
 * Each row gives the text, the cue (first occurrence of the string, or [string, n] for the
 * n-th), the content strings excluded, and the span text of the time expected (or null).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { timeForRange } from '../../src/extract/times/index.ts';
import { analyze, show } from './helpers.ts';

interface Row { text: string; cue: string | [string, number]; content: string[]; want: string | null }

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
  // a time inside a relative clause dates that clause's event
  { text: 'The mayor, who took office in March, said the budget was sound.', cue: 'said', content: ['the budget was sound'], want: null },
  { text: 'Farmers, whose harvest failed last year, want the state to pay.', cue: 'want', content: ['the state to pay'], want: null },
  { text: 'In Lyon, where police said 5,000 people marched on Tuesday, a teacher said the reform was unfair.', cue: ['said', 2], content: ['the reform was unfair'], want: null },
  { text: 'The minister, who on Monday said the plan was dead, refused to resign.', cue: 'said', content: ['the plan was dead'], want: 'Monday' },
  // a time after a verb of its own belongs to that verb
  { text: 'The two sides ended talks on Monday, with both saying they would meet again.', cue: 'saying', content: ['they would meet again'], want: null },
  { text: 'After talks ended on Friday, the senator said the bill was dead.', cue: 'said', content: ['the bill was dead'], want: null },
  // a noun cue takes only a time attached to the noun
  { text: 'The ministry on Tuesday rejected French claims that the deal was agreed.', cue: 'claims', content: ['the deal was agreed'], want: null },
  { text: 'The ministry rejected claims on Monday that the deal was agreed.', cue: 'claims', content: ['the deal was agreed'], want: 'Monday' },
  // a second predicate of the same subject takes the first one's time
  { text: 'The adviser said on Friday that an attack could come at any time and urged citizens to leave.', cue: 'urged', content: ['citizens to leave'], want: 'Friday' },
  { text: 'Prosecutors on Tuesday urged jurors to convict the director, telling them the evidence was clear.', cue: 'telling', content: ['the evidence was clear'], want: 'Tuesday' },
  { text: 'The coach accused the referee of losing control of the match in the second half and said he would appeal.', cue: ['said', 1], content: ['he would appeal'], want: null },
  { text: 'The firm closed the plant on Monday and said it would cut jobs.', cue: 'said', content: ['it would cut jobs'], want: null },
  // a time within the cue, and two coordinated times
  { text: 'Economists warned last month that growth would slow.', cue: 'warned last month', content: ['growth would slow'], want: 'last month' },
  { text: 'He had told investors in 2014 and again in 2019 that the returns were safe.', cue: 'told', content: ['the returns were safe'], want: null },
  // a time enclosed by the content, before the cue, is part of what was said
  { text: 'The firm, an old rival, had approached the unit in December, sources said, but no offer was made.', cue: 'said', content: ['The firm', 'but no offer was made'], want: null },
  { text: '“We will not sign,” the minister told reporters on Monday. “Not now.”', cue: 'told', content: ['“We will not sign,”', '“Not now.”'], want: 'Monday' },
];

for (const row of ROWS) {
  test(`timeForRange: ${row.text}`, () => {
    const { times, nlp } = analyze(row.text, '2022-02-09');
    const [word, nth] = typeof row.cue === 'string' ? [row.cue, 1] : row.cue;
    let at = -1;
    for (let k = 0; k < nth; k++) at = row.text.indexOf(word, at + 1);
    assert.ok(at >= 0);
    const cue = { start: at, end: at + word.length };
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
