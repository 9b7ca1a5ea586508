/**
 * Table-driven tests of the time normaliser over phrases written for these tests. Each row
 * names a text, its publication date, and the times that must come out (span text, type,
 * value, and optionally the anchor). The publication date 2022-02-09 is a Wednesday in
 * ISO week 6 of 2022, first quarter.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { show, times } from './helpers.ts';

type Want = [span: string, type: string, value: string | null, anchor?: string | null];
interface Row { name: string; text: string; published?: string | null; want: Want[] }

const PUB = '2022-02-09';

const ROWS: Row[] = [
  // weekdays read by the tense of their clause
  { name: 'past weekday after a reporting verb', text: 'Peskov told reporters on Tuesday that the talks had failed.', want: [['Tuesday', 'DATE', '2022-02-08', 'published']] },
  { name: 'bare weekday after said', text: 'Biden said Monday he would call Xi.', want: [['Monday', 'DATE', '2022-02-07', 'published']] },
  { name: 'future weekday with will', text: 'The minister will travel to Paris on Monday.', want: [['Monday', 'DATE', '2022-02-14', 'published']] },
  { name: 'weekday of the publication day itself', text: 'Officials said on Wednesday that the border was closed.', want: [['Wednesday', 'DATE', '2022-02-09']] },
  { name: 'scheduled weekday', text: 'The summit is scheduled for Friday.', want: [['Friday', 'DATE', '2022-02-11']] },
  { name: 'infinitive of intent', text: 'Protesters plan to gather outside parliament on Saturday.', want: [['Saturday', 'DATE', '2022-02-12']] },
  { name: 'last + weekday', text: "Last Friday's vote was close.", want: [['Last Friday', 'DATE', '2022-02-04']] },
  { name: 'next + weekday', text: 'The court rules next Tuesday.', want: [['next Tuesday', 'DATE', '2022-02-15']] },
  { name: 'weekday with part of day', text: 'He met the envoy on Friday night.', want: [['Friday night', 'TIME', '2022-02-04TNI']] },
  { name: 'weekday and clock time', text: 'The blast happened at 2:30 p.m. Tuesday.', want: [['2:30 p.m. Tuesday', 'TIME', '2022-02-08T14:30']] },

  // the following day: the last date mentioned, in a chain
  {
    name: 'following-day chain',
    text: 'The talks opened on Feb. 1. The following day, the delegations walked out. The next day they returned. A day later a deal was signed.',
    want: [['Feb. 1', 'DATE', '2022-02-01', 'published'], ['The following day', 'DATE', '2022-02-02', 't1'], ['The next day', 'DATE', '2022-02-03', 't2'], ['A day later', 'DATE', '2022-02-04', 't3']],
  },
  { name: 'that day after an explicit date', text: 'The plant closed on March 5, 2019. Workers protested that day.', want: [['March 5, 2019', 'DATE', '2019-03-05', null], ['that day', 'DATE', '2019-03-05', 't1']] },
  { name: 'the day before', text: 'He was arrested on Jan. 15, 2021, and questioned the day before.', want: [['the day before', 'DATE', '2021-01-14', 't1']] },
  // a day counted from a named day: one expression, resolved from that day
  { name: 'the day before a last weekday', text: 'The day before last Tuesday\'s ruling, the lawyers met.', want: [['The day before last Tuesday', 'DATE', '2022-02-07', 'published']] },
  { name: 'the day before yesterday', text: 'She flew home the day before yesterday.', want: [['the day before yesterday', 'DATE', '2022-02-07']] },
  { name: 'the day after tomorrow', text: 'The panel will vote the day after tomorrow.', want: [['the day after tomorrow', 'DATE', '2022-02-11']] },
  { name: 'the night after a bare weekday', text: 'He was seen the night after Monday\'s storm.', want: [['the night after Monday', 'TIME', '2022-02-08TNI']] },
  // "that day" after a month: a day of that month
  { name: 'that same day after a month', text: 'The clinic was attacked last October. The site was taken down that same day.', want: [['last October', 'DATE', '2021-10'], ['that same day', 'DATE', '2021-10-XX', 't1']] },
  { name: 'that day after a day after a month', text: 'The clinic was attacked in October, on Oct. 23. The site was taken down that day.', want: [['that day', 'DATE', '2021-10-23', 't2']] },

  // months, days and years
  { name: 'past month without a year', text: 'Sales fell sharply in December.', want: [['December', 'DATE', '2021-12']] },
  { name: 'future month without a year', text: 'The election will be held in November.', want: [['November', 'DATE', '2022-11']] },
  // next month is of the current year even in a past clause; next January from December is not
  { name: 'next month in a past clause', text: 'The ministry warned refiners of lower deliveries in March.', want: [['March', 'DATE', '2022-03']] },
  { name: 'month two ahead in a past clause goes back', text: 'The ministry cut deliveries in April.', want: [['April', 'DATE', '2021-04']] },
  { name: 'January from a December article in a past clause', published: '2021-12-20', text: 'The ministry cut deliveries in January.', want: [['January', 'DATE', '2021-01']] },
  { name: 'month and day ahead', text: 'The law takes effect on Feb. 20.', want: [['Feb. 20', 'DATE', '2022-02-20']] },
  { name: 'month and day behind', text: 'The bill was passed on Jan. 20.', want: [['Jan. 20', 'DATE', '2022-01-20']] },
  { name: 'month and year', text: 'He was abducted in March 1996.', want: [['March 1996', 'DATE', '1996-03', null]] },
  { name: 'full date', text: 'The embassies were bombed on Aug. 7, 1998.', want: [['Aug. 7, 1998', 'DATE', '1998-08-07', null]] },
  { name: 'weekday with full date', text: 'The editorial ran on Monday, Oct. 26, 1998.', want: [['Monday, Oct. 26, 1998', 'DATE', '1998-10-26']] },
  { name: 'ordinal day in words', text: 'Women\'s Day is this coming Tuesday, March eighth.', want: [['this coming Tuesday, March eighth', 'DATE', '2022-03-08']] },
  { name: 'year after in', text: 'In 2014, the company moved to Berlin.', want: [['2014', 'DATE', '2014', null]] },
  { name: 'two years joined by and', text: 'Shootings occurred between 1994 and 1997.', want: [['1994', 'DATE', '1994'], ['1997', 'DATE', '1997']] },
  { name: 'fiscal year', text: 'Sales were slightly above fiscal 1989 levels.', want: [['fiscal 1989', 'DATE', '1989']] },
  { name: 'decade', text: 'Hate groups declined through the 1990s.', want: [['the 1990s', 'DATE', '199']] },
  { name: 'early decade', text: 'Its stock peaked in the early 1980s.', want: [['the early 1980s', 'DATE', '198']] },
  { name: 'decade in words', text: 'Membership dropped through the nineties.', want: [['the nineties', 'DATE', '199']] },
  { name: 'century', text: 'It was the worst crash of the 20th century.', want: [['the 20th century', 'DATE', '19']] },
  { name: 'year in words', text: 'In nineteen ninety-six a bomb went off.', want: [['nineteen ninety-six', 'DATE', '1996']] },

  // relative to the publication date
  { name: 'last week is an ISO week', text: 'The company announced the cuts last week.', want: [['last week', 'DATE', '2022-W05', 'published']] },
  { name: 'this week', text: 'Talks resumed this week.', want: [['this week', 'DATE', '2022-W06']] },
  { name: 'next week', text: 'Talks resume next week.', want: [['next week', 'DATE', '2022-W07']] },
  { name: 'last month', text: 'Prices rose last month.', want: [['last month', 'DATE', '2022-01']] },
  { name: 'this year / next year / last year', text: 'Profit fell last year, will rise this year and double next year.', want: [['last year', 'DATE', '2021'], ['this year', 'DATE', '2022'], ['next year', 'DATE', '2023']] },
  { name: 'earlier this month', text: 'The bank cut rates earlier this month.', want: [['earlier this month', 'DATE', '2022-02']] },
  { name: 'early next year', text: 'The deal should close early next year.', want: [['early next year', 'DATE', '2023']] },
  { name: 'two years ago', text: 'He quit two years ago.', want: [['two years ago', 'DATE', '2020', 'published']] },
  { name: 'five months ago', text: 'The plan was drafted five months ago.', want: [['five months ago', 'DATE', '2021-09']] },
  { name: 'six weeks ago', text: 'The strike began six weeks ago.', want: [['six weeks ago', 'DATE', '2021-W52']] },
  { name: 'a decade ago', text: 'A decade ago the town was empty.', want: [['A decade ago', 'DATE', '2012']] },
  { name: 'yesterday today tomorrow', text: 'It rained yesterday, it is dry today and it will snow tomorrow.', want: [['yesterday', 'DATE', '2022-02-08'], ['today', 'DATE', '2022-02-09'], ['tomorrow', 'DATE', '2022-02-10']] },
  { name: 'this morning and last night', text: 'Police said this morning that the fire started last night.', want: [['this morning', 'TIME', '2022-02-09TMO'], ['last night', 'TIME', '2022-02-08TNI']] },
  { name: 'the weekend just past', text: 'Protests spread over the weekend.', want: [['the weekend', 'DATE', '2022-W05-WE']] },
  { name: 'last fall', text: 'The doctor was killed last fall.', want: [['last fall', 'DATE', '2021-FA']] },
  { name: 'this summer ahead', text: 'The games will open this summer.', want: [['this summer', 'DATE', '2022-SU']] },
  { name: 'holiday in the past', text: 'He died on Christmas Day.', want: [['Christmas Day', 'DATE', '2021-12-25']] },
  { name: 'last Thanksgiving', text: 'The boy was found last Thanksgiving.', want: [['last Thanksgiving', 'DATE', '2021-11-25']] },
  // a holiday a few weeks ahead is that one even in a past clause; a holiday week is an ISO week
  { name: 'holiday just ahead in a past clause', published: '2022-12-10', text: 'The firm said it shipped the toys in time for Christmas.', want: [['Christmas', 'DATE', '2022-12-25']] },
  { name: 'holiday months ahead in a past clause stays past', published: '2022-10-01', text: 'The firm shipped the toys in time for Christmas.', want: [['Christmas', 'DATE', '2021-12-25']] },
  { name: 'holiday week holding the publication date', published: '2022-04-11', text: 'Pilgrims filled the old city as Easter week began.', want: [['Easter week', 'DATE', '2022-W15']] },
  { name: 'holiday week ahead', text: 'The shops will shut during Christmas week.', want: [['Christmas week', 'DATE', '2022-W51']] },
  { name: 'holiday week of a given year', text: 'He proposed to her in Christmas week 2019.', want: [['Christmas week 2019', 'DATE', '2019-W52', null]] },

  // quarters and halves
  { name: 'past quarter', text: 'Profit rose in the third quarter.', want: [['the third quarter', 'DATE', '2021-Q3']] },
  { name: 'quarter as a modifier', text: 'The company reported third-quarter profit of $5 million.', want: [['third-quarter', 'DATE', '2021-Q3']] },
  { name: 'quarter of an explicit year', text: 'Output fell in the first quarter of 2020.', want: [['the first quarter of 2020', 'DATE', '2020-Q1']] },
  { name: 'the year-ago quarter follows the quarter named', text: 'Net income in the fourth quarter of 2021 rose from the year-ago quarter.', want: [['the fourth quarter of 2021', 'DATE', '2021-Q4'], ['the year-ago quarter', 'DATE', '2020-Q4']] },
  { name: 'first half', text: 'Sales will recover in the first half.', want: [['the first half', 'DATE', '2022-H1']] },
  { name: 'last year in a quarterly comparison', text: 'Net income rose to $5 million in the third quarter, compared with $3 million last year.', want: [['the third quarter', 'DATE', '2021-Q3'], ['last year', 'DATE', '2020-Q3']] },
  { name: 'last year on its own', text: 'Last year, profit fell.', want: [['Last year', 'DATE', '2021']] },
  { name: 'a year earlier after a quarter', text: 'Third-quarter sales rose 5% from a year earlier.', want: [['Third-quarter', 'DATE', '2021-Q3'], ['a year earlier', 'DATE', '2020-Q3']] },

  // durations
  { name: 'adjectival duration', text: 'After a five-hour meeting, they left.', want: [['five-hour', 'DURATION', 'PT5H', null]] },
  { name: 'plain duration', text: 'The war lasted two years.', want: [['two years', 'DURATION', 'P2Y']] },
  { name: 'the past N years', text: 'Prices doubled over the past five years.', want: [['the past five years', 'DURATION', 'P5Y']] },
  { name: 'digits and a fraction', text: 'She spent 5 1/2 hours in Nairobi.', want: [['5 1/2 hours', 'DURATION', 'PT5H30M']] },
  { name: 'a minute and a half', text: 'It took a minute and a half.', want: [['a minute and a half', 'DURATION', 'PT1M30S']] },
  { name: 'vague duration', text: 'The case dragged on for several years.', want: [['several years', 'DURATION', 'PXY']] },
  { name: 'bare plural after for', text: 'They have waited for years.', want: [['years', 'DURATION', 'PXY']] },
  { name: 'recent years is the undated past', text: 'Crime has fallen in recent years.', want: [['recent years', 'DATE', 'PAST_REF']] },
  { name: 'recent months is a vague duration', text: 'Prices have risen in recent months.', want: [['recent months', 'DURATION', 'PXM']] },
  { name: 'the past few months', text: 'Rates have fallen in the past few months.', want: [['the past few months', 'DATE', 'PAST_REF']] },
  { name: 'since + month is past', text: 'The carrier has been on patrol since March and will return soon.', want: [['March', 'DATE', '2021-03']] },
  { name: 'decade as years', text: 'The plant has been closed for a decade.', want: [['a decade', 'DURATION', 'P10Y']] },
  { name: 'the first nine months', text: 'In the first nine months, net rose 10%.', want: [['the first nine months', 'DURATION', 'P9M']] },

  // sets
  { name: 'every Sunday', text: 'They pray every Sunday.', want: [['every Sunday', 'SET', 'XXXX-WXX-7']] },
  { name: 'plural weekday', text: 'The market opens on Mondays.', want: [['Mondays', 'SET', 'XXXX-WXX-1']] },
  { name: 'weekday with a plural part of day', text: 'The ferry sails on Thursday evenings.', want: [['Thursday evenings', 'SET', 'XXXX-WXX-4TEV']] },
  { name: 'coordinated weekdays with a plural part of day', text: 'The studio records on Monday and Wednesday mornings.', want: [['Monday', 'SET', 'XXXX-WXX-1TMO'], ['Wednesday mornings', 'SET', 'XXXX-WXX-3TMO']] },
  { name: 'coordinated weekdays with a singular part of day stay dates', text: 'The envoy visited on Monday and Wednesday morning.', want: [['Monday', 'DATE', '2022-02-07'], ['Wednesday morning', 'TIME', '2022-02-09TMO']] },
  { name: 'every month name', text: 'The fair returns to the town every September.', want: [['every September', 'SET', 'XXXX-09']] },
  { name: 'each season', text: 'Herders move the flocks uphill each spring.', want: [['each spring', 'SET', 'XXXX-SP']] },
  { name: 'daily', text: 'The group held rallies almost daily.', want: [['daily', 'SET', 'P1D']] },
  { name: 'each year', text: 'About 10,000 patients wait each year.', want: [['each year', 'SET', 'P1Y']] },
  { name: 'a rate per week', text: 'The airline flies twice a week.', want: [['a week', 'SET', 'P1W']] },

  // references without a date
  { name: 'now and currently', text: 'The firm now employs 500 people and currently plans no cuts.', want: [['now', 'DATE', 'PRESENT_REF'], ['currently', 'DATE', 'PRESENT_REF']] },
  { name: 'recently and the future', text: 'He recently said the future looks bright.', want: [['recently', 'DATE', 'PAST_REF'], ['the future', 'DATE', 'FUTURE_REF']] },
  { name: 'the past', text: 'Such attacks were rare in the past.', want: [['the past', 'DATE', 'PAST_REF']] },
  { name: 'a possessive and "future" as a noun', text: 'The ruling leaves the girl\'s future in doubt, and her parents fear for their future.', want: [['future', 'DATE', 'FUTURE_REF']] },
  { name: '"one day" after a modal is the future', text: 'He hopes he will one day lead the party.', want: [['one day', 'DATE', 'FUTURE_REF']] },
  { name: '"one day" after a verb of lasting is a duration', text: 'The strike lasted one day.', want: [['one day', 'DURATION', 'P1D']] },
  { name: 'unit made an adjective', text: 'After a day-long meeting and a decades-long feud, they signed.', want: [['day-long', 'DURATION', 'P1D'], ['decades-long', 'DURATION', 'PXY']] },

  // no publication date: absolute dates resolve, relative ones are null
  {
    name: 'no publication date',
    published: null,
    text: 'He said Monday that last week was hard. The law passed on March 3, 2020. The following day it took effect. Two years ago he quit.',
    want: [['Monday', 'DATE', null, null], ['last week', 'DATE', null, null], ['March 3, 2020', 'DATE', '2020-03-03', null], ['The following day', 'DATE', '2020-03-04', 't3'], ['Two years ago', 'DATE', null, null]],
  },
  { name: 'no publication date: durations and years stay', published: null, text: 'In 1999 the war lasted two years.', want: [['1999', 'DATE', '1999'], ['two years', 'DURATION', 'P2Y']] },
  { name: 'no publication date: a month takes the year in the text', published: null, text: 'In 2019, prices rose. In May they fell.', want: [['2019', 'DATE', '2019'], ['May', 'DATE', '2019-05', 't1']] },
  // the week of a date, "that same day", "the early hours of", results of a quarter
  { name: 'the week of a date', text: 'A hearing is set for the week of March 7.', want: [['the week of March 7', 'DATE', '2022-W10']] },
  { name: 'that same day', text: 'The plant closed on March 5, 2019. Workers protested that same day.', want: [['March 5, 2019', 'DATE', '2019-03-05'], ['that same day', 'DATE', '2019-03-05', 't1']] },
  { name: 'the early hours of a day are not a duration', text: 'Police arrested him in the early hours of Tuesday morning.', want: [['Tuesday morning', 'TIME', '2022-02-08TMO']] },
  { name: 'results are for a quarter that has ended', text: 'The company will report fourth-quarter results next month.', want: [['fourth-quarter', 'DATE', '2021-Q4'], ['next month', 'DATE', '2022-03']] },
];

for (const row of ROWS) {
  test(`times: ${row.name}`, () => {
    const got = times(row.text, row.published === undefined ? PUB : row.published);
    for (const [span, type, value, anchor] of row.want) {
      const t = got.find((x) => x.span.text === span);
      assert.ok(t, `no time [${span}] in: ${show(got)}`);
      assert.equal(t.type, type, `type of [${span}]: ${show(got)}`);
      assert.equal(t.value, value, `value of [${span}]: ${show(got)}`);
      if (anchor !== undefined) assert.equal(t.anchor, anchor, `anchor of [${span}]: ${show(got)}`);
    }
  });
}

test('times: ids are t1, t2, ... in document order, spans index the text', () => {
  const text = 'On Friday, two years after the 1998 bombings, officials said next week would be decisive.';
  const got = times(text, PUB);
  assert.ok(got.length >= 3);
  got.forEach((t, i) => {
    assert.equal(t.id, `t${i + 1}`);
    assert.equal(t.span.text, text.slice(t.span.start, t.span.end));
    if (i) assert.ok(got[i - 1].span.end <= t.span.start, 'no overlaps, in order');
    assert.match(t.rule, /^time\./);
  });
});

test('times: extents leave out "on" and "in" but keep "the", "last" and "ago"', () => {
  const got = times('On Monday, in the third quarter of last year, a year ago, he resigned.', PUB);
  const spans = got.map((t) => t.span.text);
  assert.ok(spans.includes('Monday'), spans.join('|'));
  assert.ok(spans.some((s) => s.startsWith('the third quarter')), spans.join('|'));
  assert.ok(spans.includes('a year ago'), spans.join('|'));
  assert.ok(!spans.some((s) => /^(on|in)\b/i.test(s)), spans.join('|'));
});

test('times: a publication date that is not ISO 8601 is refused with a HearsayError', () => {
  assert.throws(() => times('He left on Monday.', 'Feb 9, 2022'), (e: unknown) => (e as { name?: string; code?: string }).name === 'HearsayError' && (e as { code?: string }).code === 'BAD_ARGUMENT');
  assert.equal(times('He left on Monday.', '2022-02-09T10:30:00+01:00')[0].value, '2022-02-07');
});
