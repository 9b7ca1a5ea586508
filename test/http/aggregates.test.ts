/**
 * The speaker page's disputes: the newest few listed, but the count and the people on the
 * other side taken over all of the speaker's disputes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { speakerDisputes } from '../../src/app/http/aggregates.ts';
import { disputeCounts, disputes, disputeTuning, resolveSpeaker, type Db } from '../../src/store/index.ts';
import { memoryCorpus, prepared, type ArticleSpec } from '../store/helpers.ts';

const PESKOV = { name: 'Dmitry Peskov', titles: ['Kremlin spokesman'] };
const FRENCH = { name: 'French official', anonymous: true };

/** Peskov denies a French official, Stoltenberg, an unattributed rumour and himself; both French officials deny him back. */
const SPECS: ArticleSpec[] = [
  {
    id: 'drills', published: '2022-02-08', title: 'Kremlin denies pledge',
    entities: { k: PESKOV, f: FRENCH, s: { name: 'Jens Stoltenberg' } },
    said: [
      { by: 'f', quote: 'Putin promised there would be no new drills' },
      { by: 'k', quote: 'no commitments of that kind were made', act: 'deny' },
      { by: 's', quote: 'troops are still massing at the border' },
      { by: 'k', quote: 'no troops are massing anywhere', act: 'deny' },
      { by: 'k', quote: 'the troops may be massing after all' },
      { by: null, quote: 'the talks had collapsed' },
    ],
    // Peskov → French official, Peskov → Stoltenberg, Stoltenberg → Peskov, Peskov → himself, Peskov → no one named
    denies: [[1, 0], [3, 2], [2, 3], [4, 3], [1, 5]],
  },
  {
    id: 'gas', published: '2022-03-01', title: 'Gas row',
    entities: { k: PESKOV, f: FRENCH },
    said: [
      { by: 'f', quote: 'gas deliveries were cut on purpose' },
      { by: 'k', quote: 'the cuts were for maintenance', act: 'deny' },
    ],
    denies: [[1, 0], [0, 1]],
  },
];

function corpus(): Db {
  const { db, writer } = memoryCorpus();
  writer.writeBatch(SPECS.map((s) => prepared(s)));
  return db;
}

const rows = (r: ReturnType<typeof speakerDisputes>) => r.counterparts.map((c) => [c.key, c.speaker?.name ?? null, c.disputes, c.disputedBy]);

test('counterparts and the total cover all of a speaker’s disputes, not only the ones listed', () => {
  const db = corpus();
  const peskov = resolveSpeaker(db, 'Peskov');
  assert.ok(peskov.kind === 'one');
  const sel = { entity: peskov.speaker.id! };
  const all = disputes(db, { speaker: sel }).disputes;
  assert.equal(all.length, 7);

  const few = speakerDisputes(db, sel, 2);
  assert.deepEqual(few.items, all.slice(0, 2), 'the newest, as the disputes list gives them');
  assert.equal(few.hasMore, true);
  assert.equal(few.total, 7, 'the total counts every dispute, the self-contradiction included');
  const stoltenberg = resolveSpeaker(db, 'Stoltenberg');
  assert.ok(stoltenberg.kind === 'one');
  assert.deepEqual(rows(few), [
    ['anon:french official', 'French official', 2, 1], // two anonymous sources, one group
    [String(stoltenberg.speaker.id), 'Jens Stoltenberg', 1, 1],
    [null, null, 1, 0], // the unattributed rumour
  ]);
  // the same answer however many are listed
  assert.deepEqual(rows(speakerDisputes(db, sel, 100)), rows(few));
  assert.equal(speakerDisputes(db, sel, 100).hasMore, false);
});

test('an anonymous group’s disputes, and a speaker with none', () => {
  const db = corpus();
  const group = speakerDisputes(db, { group: 'french official' }, 1);
  assert.equal(group.total, 3);
  assert.equal(group.items.length, 1);
  assert.deepEqual(group.counterparts.map((c) => [c.speaker?.name, c.disputes, c.disputedBy]), [['Dmitry Peskov', 1, 2]]);
  assert.equal(disputes(db, { speaker: { group: 'french official' } }).disputes.length, group.total);

  const none = disputeCounts(db, { entity: 999999 }, 5);
  assert.deepEqual(none, { total: 0, others: [], disputes: [], hasMore: false });
});

test('a source’s disputes are the same found from its statements or by reading every dispute', () => {
  const db = corpus();
  const peskov = resolveSpeaker(db, 'Peskov');
  assert.ok(peskov.kind === 'one');
  const sels = [{ entity: peskov.speaker.id! }, { group: 'french official' }];
  const answers = () => sels.map((sel) => ({
    all: disputes(db, { speaker: sel }),
    paged: disputes(db, { speaker: sel, limit: 2, offset: 1 }),
    dated: disputes(db, { speaker: sel, from: '2022-02-15' }),
    counts: speakerDisputes(db, sel, 3),
  }));
  const saved = disputeTuning.fewStatements;
  assert.ok(saved >= 3, 'the test corpus’s sources have few statements');
  const probed = answers();
  try {
    disputeTuning.fewStatements = 0;
    assert.deepEqual(answers(), probed);
  } finally {
    disputeTuning.fewStatements = saved;
  }
  assert.equal(probed[0].all.disputes.length, 7);
  assert.equal(probed[0].dated.disputes.length, 2);
  assert.deepEqual(probed[0].paged.disputes, probed[0].all.disputes.slice(1, 3));
});
