/**
 * Words that look like dates but are not: names, verbs, scores, phone numbers, versions,
 * money and counts. Each row lists substrings of the text that no time may overlap, and
 * optionally times that must still be found in the same text.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { show, times } from './helpers.ts';

interface Row { name: string; text: string; notTimes: string[]; still?: [string, string][] }

const ROWS: Row[] = [
  { name: '"May" the name', text: 'Prime Minister Theresa May met Macron. May said the talks went well. Mrs. May left early.', notTimes: ['May'] },
  { name: 'modal "may" and the month', text: 'You may vote in May.', notTimes: ['may vote'], still: [['May', '2022-05']] },
  { name: '"March" the noun and the verb', text: 'The March on Washington drew crowds. Protesters will march again. Thousands joined a march on Sunday.', notTimes: ['March on', 'march again', 'a march'], still: [['Sunday', '2022-02-06']] },
  { name: 'Second World War', text: 'The Second World War ended in 1945.', notTimes: ['Second'], still: [['1945', '1945']] },
  { name: '24/7', text: 'The hotline is staffed 24/7 by volunteers.', notTimes: ['24/7'] },
  { name: 'phone numbers', text: 'Call 555-1234 or (212) 555-0199 for details.', notTimes: ['555-1234', '555-0199', '212'] },
  { name: 'scores', text: 'Arsenal won 3-2 and then lost 1-0 to Leeds.', notTimes: ['3-2', '1-0'] },
  { name: '"fall" the verb', text: 'Prices will fall. Fall in demand hurt exporters.', notTimes: ['fall', 'Fall in'] },
  { name: '"Sun" the newspaper', text: 'The Sun reported the story. Sun Microsystems shares rose.', notTimes: ['Sun'] },
  { name: 'version numbers', text: 'Version 2.1 of the app runs on Windows 2000 and iOS 15.3.', notTimes: ['2.1', '2000', '15.3'] },
  { name: 'money and counts', text: 'The company paid $1,999 and 2000 people signed up; 1500 troops left.', notTimes: ['1,999', '2000', '1500'] },
  { name: 'percentages', text: 'Unemployment fell to 4.7 percent and 1999% was a typo.', notTimes: ['4.7', '1999%'] },
  { name: 'fractions are not quarters', text: 'Iraq imports about three-quarters of its food and more than a quarter of its fuel.', notTimes: ['three-quarters', 'a quarter'] },
  { name: 'ages are not durations', text: 'A 52-year-old man, 40 years old, was arrested.', notTimes: ['52-year-old', '40 years old'] },
  { name: 'show names', text: 'He appeared on NBC\'s Today show and ABC\'s "This Week" programme.', notTimes: ['Today', 'This Week'] },
  { name: 'the fall of a city', text: 'The fall of Kabul shocked the world.', notTimes: ['fall'] },
  { name: '"the early hours of" a day is not a duration', text: 'Police arrested him in the early hours of Tuesday morning.', notTimes: ['early hours'], still: [['Tuesday morning', '2022-02-08TMO']] },
  { name: '"the day after" an event is not a dated day', text: 'He was questioned the day after the vote and released.', notTimes: ['the day after the vote'] },
  { name: 'a possessive and "future" as an adjective', text: "The loan could mortgage the bank's future earning power; its future strategy is Acme's future flagship.", notTimes: ['future earning', 'future strategy', 'future flagship'] },
  { name: '"each may" is not a month', text: 'The rules say each may appoint one delegate.', notTimes: ['may'] },
];

for (const row of ROWS) {
  test(`times negative: ${row.name}`, () => {
    const got = times(row.text, '2022-02-09');
    for (const s of row.notTimes) {
      const at = row.text.indexOf(s);
      assert.ok(at >= 0, `test bug: [${s}] not in text`);
      const hit = got.find((t) => t.span.start < at + s.length && at < t.span.end);
      assert.equal(hit, undefined, `[${s}] became a time: ${show(got)}`);
    }
    for (const [span, value] of row.still ?? []) {
      const t = got.find((x) => x.span.text === span);
      assert.ok(t, `no time [${span}]: ${show(got)}`);
      assert.equal(t.value, value);
    }
  });
}
