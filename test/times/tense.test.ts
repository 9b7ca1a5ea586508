/**
 * Table-driven tests of the tense reading that sends bare weekdays and months back or
 * ahead, over sentences written for these tests. Reported speech takes the tense of the
 * reported clause ("said he will begin ... on Friday" looks ahead), and a time attached
 * to the reporting verb ("said Friday ...") takes the verb's. The publication date
 * 2022-02-09 is a Wednesday: the Friday before is 2022-02-04, the one after 2022-02-11.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { show, times } from './helpers.ts';

interface Row { text: string; span: string; want: string }

const PAST_FRI = '2022-02-04';
const NEXT_FRI = '2022-02-11';

const ROWS: Row[] = [
  // reported speech: the reported clause's tense, not the cue's
  { text: 'He said he will begin withdrawing troops on Friday.', span: 'Friday', want: NEXT_FRI },
  { text: 'The king said he would begin withdrawing the troops from the territory on Friday.', span: 'Friday', want: NEXT_FRI },
  { text: 'The spokesman said the president is to visit Paris on Friday.', span: 'Friday', want: NEXT_FRI },
  { text: 'She said the company plans to close the plant on Friday.', span: 'Friday', want: NEXT_FRI },
  { text: 'She said the company closed the plant on Friday.', span: 'Friday', want: PAST_FRI },
  { text: 'The minister said talks begin Friday in Geneva.', span: 'Friday', want: NEXT_FRI },
  { text: 'The minister said talks began Friday in Geneva.', span: 'Friday', want: PAST_FRI },
  { text: 'The minister said that on Friday the army would start its withdrawal.', span: 'Friday', want: NEXT_FRI },
  { text: 'The minister said that on Friday the army started its withdrawal.', span: 'Friday', want: PAST_FRI },
  // a time between the reported subject and its verb belongs to that verb
  { text: 'He said the army on Friday will begin to withdraw.', span: 'Friday', want: NEXT_FRI },
  { text: 'Officials said the bridge on Friday would reopen to traffic.', span: 'Friday', want: NEXT_FRI },
  { text: 'He says the talks on Friday will focus on trade.', span: 'Friday', want: NEXT_FRI },
  // ... but one attached to the reporting verb is the saying's
  { text: 'She said Friday the bridge would reopen.', span: 'Friday', want: PAST_FRI },
  { text: 'She said on Friday that the bridge would reopen.', span: 'Friday', want: PAST_FRI },
  { text: 'Officials told the mayor on Friday the bridge will reopen.', span: 'Friday', want: PAST_FRI },
  // adjectives of readiness and likelihood look ahead like verbs of intent
  { text: 'He said the envoy was ready to meet the rebels on Friday.', span: 'Friday', want: NEXT_FRI },
  { text: 'A vote is likely to come on Friday.', span: 'Friday', want: NEXT_FRI },
  // negated "could" is the past of "can"; plain "could" a possibility ahead
  { text: 'The officials could not be reached for comment on Friday.', span: 'Friday', want: PAST_FRI },
  { text: 'A second round of talks could be held on Friday.', span: 'Friday', want: NEXT_FRI },
  // ... and so is "could" after a negative subject
  { text: 'Neither the mayor nor his aides could be reached on Friday.', span: 'Friday', want: PAST_FRI },
  { text: 'No one could be reached for comment Friday.', span: 'Friday', want: PAST_FRI },
  { text: 'Nobody denied that the talks could resume on Friday.', span: 'Friday', want: NEXT_FRI },
  // a plan in the past perfect has gone by
  { text: 'The offer had been due to expire on Friday.', span: 'Friday', want: PAST_FRI },
  { text: 'The vote had been scheduled for Friday.', span: 'Friday', want: PAST_FRI },
  // postponements and deadlines name a day ahead
  { text: 'The hearing was postponed until Friday.', span: 'Friday', want: NEXT_FRI },
  { text: 'The board moved the vote to Friday.', span: 'Friday', want: NEXT_FRI },
  { text: 'The court has given the two families until 9 a.m. Friday to respond.', span: '9 a.m. Friday', want: `${NEXT_FRI}T09:00` },
  // a bound in a past clause is the nearest such day, either way
  { text: 'She was confident of a deal by Thursday.', span: 'Thursday', want: '2022-02-10' },
  { text: 'He stayed in hospital until Tuesday.', span: 'Tuesday', want: '2022-02-08' },
  // a date inside a noun phrase ("his Sunday night address") names a past event
  { text: 'Before his Sunday night address, the president met the envoy.', span: 'Sunday night', want: '2022-02-06TNI' },
  // a capitalised name mis-tagged as a verb does not set the tense
  { text: 'Prime Minister Élisabeth Borne told the assembly on Tuesday that the reform would pass.', span: 'Tuesday', want: '2022-02-08' },
  // months: "until at least" looks ahead; a verbless fragment takes the nearest one
  { text: 'The company had frozen hiring until at least September.', span: 'September', want: '2022-09' },
  { text: 'Not in March, and not next summer either.', span: 'March', want: '2022-03' },
];

for (const row of ROWS) {
  test(`tense: ${row.text}`, () => {
    const ts = times(row.text, '2022-02-09');
    const t = ts.find((x) => x.span.text === row.span);
    assert.ok(t, `no time [${row.span}] in ${show(ts)}`);
    assert.equal(t.value, row.want, show(ts));
  });
}
