import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dateToIso, normalizeDate, parseIsoDate } from '../../src/ingest/dates.ts';

test('parseIsoDate accepts ISO dates and date-times, normalised, offsets kept', () => {
  const ok: [string, string][] = [
    ['2024-03-05', '2024-03-05'],
    [' 2024-03-05 ', '2024-03-05'],
    ['2024-02-29', '2024-02-29'],
    ['2024-03-05T09:30', '2024-03-05T09:30:00'],
    ['2024-03-05T09:30:15Z', '2024-03-05T09:30:15Z'],
    ['2024-03-05t09:30:15z', '2024-03-05T09:30:15Z'],
    ['2024-03-05T09:30:15.123+01:00', '2024-03-05T09:30:15+01:00'],
    ['2024-03-05 23:59:59-0500', '2024-03-05T23:59:59-05:00'],
    ['2024-03-05T00:10:00+05', '2024-03-05T00:10:00+05:00'],
  ];
  for (const [input, want] of ok) assert.equal(parseIsoDate(input), want, input);
});

test('parseIsoDate refuses nonsense and impossible days', () => {
  const bad = [
    '', 'yesterday', '2024', '2024-3-5', '05/03/2024', '2023-02-29', '2024-02-30', '2024-13-01', '2024-00-10',
    '2024-04-31', '2024-03-05T25:00', '2024-03-05T10:61', '2024-03-05T10:00+25:00', '2024-03-05Tnoon',
    'March 5, 2024', '2024-03-05T09:30:00 EST',
  ];
  for (const s of bad) assert.equal(parseIsoDate(s), null, s);
});

test('normalizeDate reads the forms pages and feeds use', () => {
  const ok: [string, string][] = [
    ['2023-11-14T07:45:00+01:00', '2023-11-14T07:45:00+01:00'],
    ['20240305', '2024-03-05'],
    ['20240305T093000Z', '2024-03-05T09:30:00Z'],
    ['Tue, 05 Mar 2024 09:30:00 +0100', '2024-03-05T09:30:00+01:00'],
    ['Tue, 5 Mar 2024 09:30:00 GMT', '2024-03-05T09:30:00Z'],
    ['Wed, 07 Feb 24 18:20 EST', '2024-02-07T18:20:00-05:00'],
    ['05 March 2024', '2024-03-05'],
    ['2024/03/05', '2024-03-05'],
    ['March 5, 2024', '2024-03-05'],
    ['5 September 2023 14:05', '2023-09-05T14:05:00'],
  ];
  for (const [input, want] of ok) assert.equal(normalizeDate(input), want, input);
});

test('normalizeDate returns null for what is not a date', () => {
  for (const s of [null, undefined, '', 'soon', 'the day after tomorrow', '12/03/2024', '2024-02-30', 'Fri, 31 Feb 2024 10:00:00 GMT', '1234567890'])
    assert.equal(normalizeDate(s as string), null, String(s));
});

test('dateToIso gives UTC without milliseconds', () => {
  assert.equal(dateToIso(new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 678))), '2024-01-02T03:04:05Z');
  assert.equal(dateToIso(new Date(NaN)), null);
  assert.equal(dateToIso(null), null);
});
