/**
 * Attribution on short passages written for these tests: each case names the statements
 * that must come out (by the start of their quote), their type, cue, act and source mention,
 * and the passages that must not become statements.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createDocument } from '../../src/core/document.ts';
import { analyze } from '../../src/pipeline/analyze.ts';
import type { Analysis, Statement } from '../../src/core/contract.ts';

function run(text: string, published = '2022-02-08'): Analysis {
  return analyze(createDocument(text, { id: 't' }), { published, explain: true });
}

function find(a: Analysis, quoteStart: string): Statement | undefined {
  return a.statements.find((s) => s.quote.replace(/^[“"‘'«\s]+/, '').startsWith(quoteStart));
}

interface Want { quote: string; type?: Statement['type']; cue?: string | null; act?: Statement['act']; source?: string | null; spans?: number }
const CASES: { name: string; text: string; want: Want[]; none?: string[] }[] = [
  {
    name: 'trailing said with a curly quote',
    text: '“We will not sign this agreement,” the minister said on Monday.',
    want: [{ quote: 'We will not sign', type: 'direct', cue: 'said', act: 'say', source: 'the minister' }],
  },
  {
    name: 'quote split by the attribution is one statement with two spans',
    text: '“That is simply not what happened,” Dmitry Peskov told reporters. “No commitments of that kind were made.”',
    want: [{ quote: 'That is simply not what happened', type: 'direct', source: 'Dmitry Peskov', spans: 2 }],
  },
  {
    name: 'reported speech with that',
    text: 'The mayor said that the bridge would reopen in the spring after repairs.',
    want: [{ quote: 'that the bridge would reopen', type: 'indirect', cue: 'said', act: 'say', source: 'The mayor' }],
  },
  {
    name: 'according to',
    text: 'According to two people familiar with the talks, the two sides failed to agree on a joint text.',
    want: [{ quote: 'the two sides failed', type: 'indirect', cue: 'According to', source: 'two people familiar with the talks' }],
  },
  {
    name: 'denial with its act',
    text: 'The company denied that it had misled investors about the risks of the drug.',
    want: [{ quote: 'that it had misled investors', act: 'deny', source: 'The company' }],
  },
  {
    name: 'warning',
    text: 'Western officials warned that an attack could come at very short notice.',
    want: [{ quote: 'that an attack could come', act: 'warn', source: 'Western officials' }],
  },
  {
    name: 'promise',
    text: 'The governor promised that every damaged home would be rebuilt by the end of next year.',
    want: [{ quote: 'that every damaged home', act: 'promise', source: 'The governor' }],
  },
  {
    name: 'mixed: reported speech carrying a partial quote',
    text: 'Sullivan said an invasion “could happen at any time” and urged Americans to leave the country.',
    want: [{ quote: 'an invasion', type: 'mixed', cue: 'said', source: 'Sullivan' }],
  },
  {
    name: 'colon introduction',
    text: 'Peskov said: “The president set out our position in great detail, but no commitments were made.”',
    want: [{ quote: 'The president set out', type: 'direct', source: 'Peskov' }],
  },
  {
    name: 'dash signature',
    text: 'The council met again on Tuesday.\n\n“We were never consulted about the closure of the bridge.” — Frank Delgado',
    want: [{ quote: 'We were never consulted', type: 'direct', source: 'Frank Delgado' }],
  },
  {
    name: 'a dash between the quotation and its speaker (attr.source.dash)',
    text: '“The responsibility lies entirely with the other side” — a foreign ministry spokeswoman, Liu Meiling, told a regular briefing on Friday.\n\n“We will study the report carefully” — Katrin Amstutz, director of the environment office, said in a statement.',
    want: [
      { quote: 'The responsibility lies', type: 'direct', cue: 'told', source: 'a foreign ministry spokeswoman, Liu Meiling' },
      { quote: 'We will study the report', type: 'direct', source: 'Katrin Amstutz, director of the environment office' },
    ],
  },
  {
    name: 'a report inside another statement takes its own subject (attr.source.inner)',
    text: 'Ryabkov also said the American side had assured him that Washington had no plans to deploy strike weapons in Ukraine.',
    want: [{ quote: 'that Washington had no plans', cue: 'had assured', source: 'the American side' }],
  },
  {
    name: 'standalone quote paragraph continues the previous speaker',
    text: 'Mayor Denise Okafor said the closure was unavoidable and would last six months.\n\n“There was no safe alternative. We checked every option twice.”',
    want: [{ quote: 'There was no safe alternative', type: 'direct', cue: null }],
  },
  {
    name: 'a quote over several paragraphs is one statement',
    text: 'The coach was blunt after the match.\n\n“We were not good enough in the first half,” he said. “We gave the ball away far too often\n\n“and we paid for it. Next week will be different.”',
    want: [{ quote: 'We were not good enough', type: 'direct', source: 'he' }],
  },
  {
    name: 'a title after a naming verb and a so-called term are not statements (attr.filter.name)',
    text: 'The study, titled “Thin Ice: Alpine Glaciers in a Warming Decade,” combined satellite data with field surveys. Several resorts have turned to so-called “snow farming,” storing snow under sawdust. The mayor called the plan “a disgrace.”',
    want: [{ quote: 'the plan' }],
    none: ['Thin Ice: Alpine Glaciers in a Warming Decade,', 'Thin Ice: Alpine Glaciers in a Warming Decade', 'so-called snow farming', 'so-called snow farming,', 'snow farming'],
  },
  {
    name: 'a headline "Name: what they said" (attr.headline.colon); a label is no source',
    text: 'Harlow: City Will Not Raise Fares ‘This Year or Next’\n\nMayor Jane Harlow spoke to the council on Monday.',
    want: [{ quote: 'City Will Not Raise Fares', cue: ':', source: 'Harlow', type: 'mixed' }],
  },
  {
    name: 'a headline label is not a source',
    text: 'UPDATE: Bridge reopens after repairs\n\nThe Mill Street bridge reopened on Monday.',
    want: [],
    none: ['Bridge reopens after repairs'],
  },
  {
    name: 'scare quotes and titles in quotes are not statements',
    text: 'The so-called “reforms” were shelved. Critics panned the film “Dune” and the report “A Safer Future” was delayed.',
    want: [],
    none: ['reforms', 'Dune', 'A Safer Future'],
  },
];

for (const c of CASES) {
  test(`attribution: ${c.name}`, () => {
    const a = run(c.text);
    for (const w of c.want) {
      const s = find(a, w.quote);
      assert.ok(s, `no statement starting "${w.quote}" in ${JSON.stringify(a.statements.map((x) => x.quote))}`);
      if (w.type) assert.equal(s.type, w.type, `type of "${w.quote}"`);
      if (w.cue !== undefined) assert.equal(s.cue?.text ?? null, w.cue, `cue of "${w.quote}"`);
      if (w.act) assert.equal(s.act, w.act, `act of "${w.quote}"`);
      if (w.source !== undefined) assert.equal(s.source.mention?.text ?? null, w.source, `source of "${w.quote}"`);
      if (w.spans) assert.equal(s.content.length, w.spans, `content spans of "${w.quote}"`);
    }
    for (const n of c.none ?? []) {
      assert.ok(!a.statements.some((s) => s.quote.replace(/[“”"]/g, '').trim() === n), `"${n}" became a statement`);
    }
  });
}

test('attribution: unbalanced and stray quote marks do not crash', () => {
  for (const text of ['He said “this never ends', '” ” “ stray marks, said nobody.', '"', '“”', 'She said: \'', 'Rock ’n’ roll, he said.']) {
    assert.doesNotThrow(() => run(text));
  }
});

test('attribution: a cue noun followed by a relative clause reports nothing (attr.filter.relative)', () => {
  const rel = run('Moscow wants guarantees that the alliance will never expand, a demand that the United States has said is unacceptable.');
  assert.ok(!rel.statements.some((s) => s.cue?.text === 'demand'), `"demand" became a cue: ${JSON.stringify(rel.statements.map((s) => s.cue?.text))}`);
  const inner = rel.statements.find((s) => s.cue?.text === 'has said');
  assert.equal(inner?.source.mention?.text, 'the United States');
  assert.ok(!run('The union rejected the claim that the minister had said was final.').statements.some((s) => s.cue?.text === 'claim'));
  // a real that-clause after the noun stays a statement
  const claims = run('The union rejected claims that the minister had lied about the figures.');
  assert.ok(claims.statements.some((s) => s.cue?.text === 'claims' && s.quote.startsWith('that the minister had lied')));
});

test('attribution: a report inside a report is two statements, the inner within the outer (attr.nested.verb)', () => {
  const cases = [
    // the outer content started at "that", skipping what the inner subject told whom
    { text: 'Two EU diplomats said Scholz had told von der Leyen in a phone call on Tuesday that Berlin could accept a cap as a last resort.', outer: 'Two EU diplomats', inner: 'Scholz' },
    // the inner cue took the outer source, the outer verb and the subject as its source
    { text: 'Two people familiar with the talks described the meeting. One of them said Scholz had told the others that Berlin would not pay for “a railway to nowhere.”', outer: 'One of them', inner: 'Scholz' },
  ];
  for (const c of cases) {
    const a = run(c.text);
    const outer = a.statements.find((s) => s.source.mention?.text === c.outer && s.quote.startsWith(`${c.inner} had told`));
    const inner = a.statements.find((s) => s.cue?.text === 'had told');
    assert.ok(outer, `no outer statement by "${c.outer}": ${JSON.stringify(a.statements.map((s) => [s.source.mention?.text, s.cue?.text, s.quote]))}`);
    assert.equal(inner?.source.mention?.text, c.inner);
    assert.ok(inner!.quote.startsWith('that Berlin'));
    assert.ok(a.relations.some((r) => r.type === 'within' && r.from === inner!.id && r.to === outer.id));
  }
  // a belief is not a report told to anyone: "said he believed that" stays one statement
  const belief = run('The senator said he believed that the bill would pass.');
  assert.deepEqual(belief.statements.map((s) => [s.cue?.text, s.quote]), [['said', 'he believed that the bill would pass']]);
  assert.ok(!belief.statements.some((s) => s.explain?.includes('attr.nested.verb')));
});

test('attribution: two reporting verbs of one subject joined by "and" are two statements of that source (attr.coord.verb)', () => {
  const cases = [
    // the models ran the first content on over "and advised ...", and gave "advised" nothing
    { text: 'The SNCF rail operator said only one in three high-speed trains would run on Thursday, and advised passengers to postpone their journeys where possible.',
      first: ['said', 'only one in three high-speed trains would run on Thursday'], second: ['advised', 'passengers to postpone their journeys where possible', 'demand'] },
    // the first content ended before ", and asked": the second statement had no source
    { text: "The players' union warned last week that the fixture list was putting players at risk of injury, and asked the league to reconsider its calendar.",
      first: ['warned', 'that the fixture list was putting players at risk of injury'], second: ['asked', 'the league to reconsider its calendar', 'demand'] },
  ];
  for (const c of cases) {
    const a = run(c.text);
    const show = JSON.stringify(a.statements.map((s) => [s.source.mention?.text, s.cue?.text, s.quote, s.act]));
    const first = a.statements.find((s) => s.cue?.text === c.first[0]);
    const second = a.statements.find((s) => s.cue?.text === c.second[0]);
    assert.equal(first?.quote, c.first[1], show);
    assert.equal(second?.quote, c.second[1], show);
    assert.equal(second!.act, c.second[2]);
    assert.ok(first!.source.mention && second!.source.mention?.text === first!.source.mention.text, show);
    assert.ok([first!, second!].some((s) => s.explain?.includes('attr.coord.verb')), show);
  }
  // a participle after the report: ", rejecting … and accusing …" (one statement each, one source)
  const china = run('Beijing said on Sunday that the patrols would go on as planned, rejecting calls from the European Union to show restraint and accusing Brussels of “interference.”');
  const byCue = (a: Analysis, cue: string) => a.statements.find((s) => s.cue?.text === cue);
  assert.equal(byCue(china, 'said')?.quote, 'that the patrols would go on as planned');
  assert.equal(byCue(china, 'rejecting')?.quote, 'calls from the European Union to show restraint');
  assert.equal(byCue(china, 'rejecting')?.act, 'deny');
  assert.equal(byCue(china, 'rejecting')?.source.mention?.text, 'Beijing');
  // "and" before a new subject joins two clauses of one report: nothing is cut
  const one = run('The minister said prices had risen sharply and wages had fallen behind.');
  assert.deepEqual(one.statements.map((s) => [s.cue?.text, s.quote]), [['said', 'prices had risen sharply and wages had fallen behind']]);
});

test('attribution: a directive verb\'s content includes whom it is addressed to, and "asked/told X to" is a demand (attr.directive.object)', () => {
  const cases = [
    { text: 'The company urged patients not to stop taking the medicine without first speaking to a doctor.', cue: 'urged', quote: 'patients not to stop taking the medicine without first speaking to a doctor', act: 'demand' },
    { text: 'The campaign has asked a judge to order that the ballots be counted.', cue: 'has asked', quote: 'a judge to order that the ballots be counted', act: 'demand' },
  ];
  for (const c of cases) {
    const a = run(c.text);
    const s = a.statements.find((x) => x.cue?.text === c.cue);
    assert.ok(s, JSON.stringify(a.statements.map((x) => [x.cue?.text, x.quote])));
    assert.equal(s.quote, c.quote);
    assert.equal(s.act, c.act);
  }
  // "asked whether" is a question, not a demand
  const q = run('Reporters asked whether the talks would resume, the spokesman said.');
  assert.ok(!q.statements.some((s) => s.explain?.includes('act.directive')));
});

/**
 * A nested statement of `text`: found by its cue (or its act), with this source, quote and
 * act, and a `within` relation to another statement (the one with cue `outer`, if given).
 */
function assertNested(c: { text: string; cue?: string; act: string; source: string; quote: string; outer?: string }): void {
  const a = run(c.text);
  const show = JSON.stringify(a.statements.map((s) => [s.source.mention?.text, s.cue?.text, s.quote, s.act]));
  const inner = a.statements.find((s) => (c.cue ? s.cue?.text === c.cue : s.act === c.act));
  assert.ok(inner, show);
  assert.equal(inner.source.mention?.text, c.source, show);
  assert.equal(inner.quote, c.quote, show);
  assert.equal(inner.act, c.act, show);
  const outer = c.outer ? a.statements.find((s) => s.cue?.text === c.outer) : undefined;
  assert.ok(a.relations.some((r) => r.type === 'within' && r.from === inner.id && (!c.outer || r.to === outer?.id)), show);
}

test('attribution: a report in the second that-clause of a report is a statement within it (attr.nested.and-that)', () => {
  const cases = [
    { text: 'Mayor Denise Okafor said the span had "simply run out of time" and that engineers had warned the council two years ago that its steel supports were corroding.',
      source: 'engineers', cue: 'had warned', quote: 'that its steel supports were corroding', act: 'warn' },
    { text: 'Sullivan said Washington would keep pursuing diplomacy, and that Biden had asked his team to keep every channel with Moscow open.',
      source: 'Biden', cue: 'had asked', quote: 'his team to keep every channel with Moscow open', act: 'demand' },
  ];
  for (const c of cases) assertNested({ ...c, outer: 'said' });
  // an agreement to do something is no report; a second clause without a reporting verb adds nothing
  for (const text of ['Peskov said the talks had been useful and that the two leaders had agreed to stay in close contact.', 'She said prices had risen and that wages had fallen.']) {
    assert.equal(run(text).statements.length, 1, text);
  }
});

test('attribution: a report of what someone else believes or wants is also their statement, within the report (attr.nested.belief)', () => {
  const cases = [
    { text: 'The president still believes there is room for diplomacy, the official added.', source: 'The president', quote: 'there is room for diplomacy', act: 'believe', outer: 'added' },
    { text: 'An aide said the president believed the reform was “indispensable” and that he wanted it in force by September.', source: 'the president', quote: 'the reform was “indispensable”', act: 'believe', outer: 'said' },
    { text: 'The Japanese prime minister said Japan wanted the exercises “stopped at once.”', source: 'Japan', quote: 'the exercises “stopped at once', act: 'want', outer: 'said' },
  ];
  for (const c of cases) assertNested(c);
  // the speaker's own belief ("said he believed") is one statement
  assert.equal(run('The senator said he believed that the bill would pass.').statements.length, 1);
});

test('attribution: a demand named inside a statement is a statement of its maker, within it (attr.nested.demand)', () => {
  const cases = [
    { text: 'Ryabkov told reporters that Moscow’s demand for an end to NATO’s eastward expansion was not up for discussion.', source: 'Moscow', cue: 'demand', quote: 'an end to NATO’s eastward expansion' },
    { text: 'Beijing said on Sunday that the patrols would go on as planned, rejecting calls from the European Union to show restraint and accusing Brussels of “interference.”', source: 'the European Union', cue: 'calls', quote: 'to show restraint' },
  ];
  for (const c of cases) assertNested({ ...c, act: 'demand' });
  // compounds and calls that demand nothing are no statements
  for (const text of ['The senator said the ruling was an alarm call to voters.', 'Officials said calls to the hotline had doubled.']) {
    assert.ok(!run(text).statements.some((s) => s.explain?.includes('attr.nested.demand')), text);
  }
});
