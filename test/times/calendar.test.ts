import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addMonths, easter, fromDays, isoWeek, nthWeekday, toDays, weekday } from '../../src/extract/times/calendar.ts';
import { holidayDate } from '../../src/extract/times/resolve.ts';

test('calendar: day numbers round-trip and weekdays', () => {
  for (const [y, m, d] of [[1970, 1, 1], [2000, 2, 29], [1899, 12, 31], [2024, 3, 1], [1600, 3, 1]]) {
    assert.deepEqual(fromDays(toDays(y, m, d)), { y, m, d });
  }
  assert.equal(weekday(toDays(2022, 2, 9)), 3); // Wednesday
  assert.equal(weekday(toDays(1998, 8, 7)), 5); // Friday
});

test('calendar: ISO weeks at year edges', () => {
  assert.deepEqual(isoWeek(toDays(2021, 1, 3)), { y: 2020, w: 53 });
  assert.deepEqual(isoWeek(toDays(2019, 12, 30)), { y: 2020, w: 1 });
  assert.deepEqual(isoWeek(toDays(2022, 2, 9)), { y: 2022, w: 6 });
});

test('calendar: month arithmetic clamps the day', () => {
  assert.deepEqual(addMonths({ y: 2022, m: 1, d: 31 }, 1), { y: 2022, m: 2, d: 28 });
  assert.deepEqual(addMonths({ y: 2022, m: 1, d: 15 }, -13), { y: 2020, m: 12, d: 15 });
});

test('calendar: holidays', () => {
  assert.deepEqual(easter(2022), { y: 2022, m: 4, d: 17 });
  assert.deepEqual(easter(2000), { y: 2000, m: 4, d: 23 });
  assert.deepEqual(nthWeekday(2021, 11, 4, 4), { y: 2021, m: 11, d: 25 }); // Thanksgiving
  assert.deepEqual(nthWeekday(2022, 5, 1, -1), { y: 2022, m: 5, d: 30 }); // Memorial Day
  assert.deepEqual(holidayDate('election', 1998), { y: 1998, m: 11, d: 3 });
});
