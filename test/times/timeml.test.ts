/**
 * The TimeML reader and the TempEval-3 scorer, on a small TimeML document written for this
 * test; and, when the shared data is present, sanity checks over TBAQ-cleaned.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseTimeml, readTimeml } from '../../eval/timeml/reader.ts';
import { metrics, scoreDoc, zeroCounts } from '../../eval/timeml/score.ts';
import { datasetPath } from '../../eval/data.ts';
import { hearsayTimes } from '../../eval/timeml/run.ts';

const XML = `<?xml version="1.0" ?>
<TimeML>
<DOCID>T1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2001-05-04" temporalFunction="false" functionInDocument="CREATION_TIME">20010504</TIMEX3></DCT>
<TEXT>
Smith &amp; Jones <EVENT eid="e1" class="REPORTING">said</EVENT> <TIMEX3 tid="t1" type="DATE" value="2001-05-03" functionInDocument="NONE">Thursday</TIMEX3> that the plant ran for <TIMEX3 tid="t2" value="P2Y" type="DURATION">two years</TIMEX3>.
</TEXT>
</TimeML>`;

test('timeml reader: DCT, plain text with entities decoded, offsets of gold extents', () => {
  const d = parseTimeml(XML, 'T1', 'timebank');
  assert.equal(d.dct, '2001-05-04');
  assert.ok(d.text.includes('Smith & Jones said Thursday'));
  assert.equal(d.timexes.length, 2);
  for (const g of d.timexes) assert.equal(d.text.slice(g.start, g.end), g.text);
  assert.deepEqual(d.timexes.map((g) => [g.text, g.type, g.value]), [['Thursday', 'DATE', '2001-05-03'], ['two years', 'DURATION', 'P2Y']]);
});

test('timeml scorer: strict, relaxed, type and value on relaxed matches', () => {
  const d = parseTimeml(XML, 'T1', 'timebank');
  const [thu, dur] = d.timexes;
  const pred = [
    { start: thu.start, end: thu.end, type: 'DATE', value: '2001-05-03' }, // exact, right value
    { start: dur.start + 4, end: dur.end, type: 'DURATION', value: 'P3Y' }, // overlap only, wrong value
    { start: 0, end: 5, type: 'DATE', value: 'XXXX' }, // spurious
  ];
  const c = scoreDoc(d.timexes, pred, zeroCounts());
  assert.deepEqual(c, { gold: 2, pred: 3, strict: 1, relaxed: 2, type: 2, value: 1 });
  const m = metrics(c);
  assert.equal(m['relaxed.r'], 100);
  assert.ok(Math.abs(m['relaxed.p'] - 200 / 3) < 1e-9);
  assert.ok(Math.abs(m['value.f1'] - 40) < 1e-9); // P 1/3, R 1/2
  assert.equal(m['type.acc'], 100);
});

test('timeml scorer: one prediction matches one gold extent only', () => {
  const gold = [{ start: 0, end: 5, type: 'DATE', value: 'a' }, { start: 6, end: 10, type: 'DATE', value: 'b' }];
  const c = scoreDoc(gold, [{ start: 0, end: 10, type: 'DATE', value: 'a' }]);
  assert.equal(c.relaxed, 1);
});

const haveData = !!datasetPath('timebank', 'TimeBank');
test('timeml data: gold extents index the plain text, every document has a DCT', { skip: !haveData && 'TimeML data not found' }, () => {
  for (const corpus of ['timebank', 'aquaint'] as const) {
    const docs = readTimeml(corpus)!;
    assert.ok(docs.length > 50);
    for (const d of docs) {
      assert.match(d.dct, /^\d{4}-\d{2}-\d{2}/);
      for (const g of d.timexes) assert.equal(d.text.slice(g.start, g.end), g.text);
    }
  }
});

test('timeml data: hearsay finds most gold extents in a sample', { skip: !haveData && 'TimeML data not found' }, () => {
  const docs = readTimeml('aquaint')!.slice(0, 20);
  const c = zeroCounts();
  for (const d of docs) scoreDoc(d.timexes, hearsayTimes(d).map((t) => ({ start: t.span.start, end: t.span.end, type: t.type, value: t.value })), c);
  const m = metrics(c);
  assert.ok(m['relaxed.f1'] > 80, `relaxed F1 ${m['relaxed.f1'].toFixed(1)}`);
  assert.ok(m['value.f1'] > 60, `value F1 ${m['value.f1'].toFixed(1)}`);
});
