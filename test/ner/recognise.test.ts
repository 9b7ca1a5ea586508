/**
 * The shipped NER model on sentences written for these tests (no dataset text): names
 * with particles, hyphens and non-English letters, curly apostrophes, headlines in
 * capitals, contract type mapping, and sentences that must yield no names.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createDocument } from '../../src/core/document.ts';
import { analyzeNlp } from '../../src/nlp/tokens.ts';
import { entityType, loadNer, recogniseEntities, repairChunks, type NerSpan } from '../../src/extract/entities/ner/index.ts';

function entities(text: string): NerSpan[] {
  const doc = createDocument(text, { id: 't' });
  return recogniseEntities(analyzeNlp(doc), doc);
}

interface Case { text: string; expect: [string, string][]; todo?: string }

const CASES: Case[] = [
  // particles and compound names
  { text: 'European Commission President Ursula von der Leyen arrived in Kyiv on Friday.', expect: [['Ursula von der Leyen', 'PERSON'], ['European Commission', 'ORG'], ['Kyiv', 'GPE']] },
  { text: 'New York Mayor Bill de Blasio defended the plan.', expect: [['Bill de Blasio', 'PERSON'], ['New York', 'GPE']] },
  { text: 'Saudi Crown Prince Mohammed bin Salman met the delegation in Riyadh.', expect: [['Mohammed bin Salman', 'PERSON'], ['Riyadh', 'GPE']] },
  // hyphens and letters wink splits
  { text: 'Jean-Luc Mélenchon criticised the government in Paris.', expect: [['Jean-Luc Mélenchon', 'PERSON'], ['Paris', 'GPE']] },
  { text: 'Turkish President Recep Tayyip Erdoğan spoke to reporters in Ankara.', expect: [['Recep Tayyip Erdoğan', 'PERSON'], ['Turkish', 'NORP'], ['Ankara', 'GPE']] },
  { text: 'Chinese leader Xi Jinping will visit Moscow next month.', expect: [['Xi Jinping', 'PERSON'], ['Chinese', 'NORP'], ['Moscow', 'GPE']] },
  { text: 'Ukrainian President Volodymyr Zelenskyy thanked Germany for the aid.', expect: [['Volodymyr Zelenskyy', 'PERSON'], ['Germany', 'GPE']] },
  { text: 'Russian Foreign Minister Sergei Lavrov said talks had stalled.', expect: [['Sergei Lavrov', 'PERSON'], ['Russian', 'NORP']] },
  // curly and straight possessives stay outside the name
  { text: 'Putin’s spokesman Dmitry Peskov told reporters the claim was false.', expect: [['Putin', 'PERSON'], ['Dmitry Peskov', 'PERSON']] },
  { text: "Narendra Modi's party won the election in Uttar Pradesh.", expect: [['Narendra Modi', 'PERSON'], ['Uttar Pradesh', 'GPE']] },
  // seats of power are organisations
  { text: 'The Kremlin denied the report on Tuesday.', expect: [['Kremlin', 'ORG']] },
  { text: 'A White House spokeswoman said the president had not decided.', expect: [['White House', 'ORG']] },
  { text: 'Officials at the Pentagon declined to comment.', expect: [['Pentagon', 'ORG']] },
  // groups
  { text: 'Democrats and Republicans clashed over the budget in Congress.', expect: [['Democrats', 'NORP'], ['Republicans', 'NORP'], ['Congress', 'ORG']] },
  { text: 'Muslim and Christian leaders issued a joint statement.', expect: [['Muslim', 'NORP'], ['Christian', 'NORP']] },
  // places that are not GPEs
  { text: 'Fighting continued in the Middle East and across Africa.', expect: [['Middle East', 'LOC'], ['Africa', 'LOC']] },
  { text: 'The United Nations Security Council will meet on Monday.', expect: [['United Nations Security Council', 'ORG']] },
  // a headline in capitals, with the story below it
  {
    text: 'PUTIN SAYS RUSSIA WILL NOT ATTACK UKRAINE\n\nPresident Vladimir Putin said on Monday that Russia had no such plans.',
    expect: [['PUTIN', 'PERSON'], ['RUSSIA', 'GPE'], ['UKRAINE', 'GPE'], ['Vladimir Putin', 'PERSON'], ['Russia', 'GPE']],
  },
  // no names at all: sentence-initial capitals, "may" the verb
  { text: 'However, officials said the talks would continue.', expect: [] },
  { text: 'Prices may rise again next year, analysts said.', expect: [] },
  { text: 'Several witnesses said they saw the car leave.', expect: [] },
  { text: 'Police said the suspect may have fled.', expect: [] },
  { text: 'May we expect a deal soon, asked one analyst.', expect: [] },
  { text: 'Will the talks resume? Nobody knows.', expect: [] },
  { text: 'Hope faded as the deadline passed.', expect: [] },
  { text: 'Bill Clinton signed the bill.', expect: [['Bill Clinton', 'PERSON']] },
  // known failure, kept visible: a sentence-initial first name used as a verb
  { text: 'Mark my words, the senator said.', expect: [], todo: 'tagged "Mark" as PER' },
];

for (const c of CASES) {
  test(`ner: ${c.text.split('\n')[0].slice(0, 60)}`, { todo: c.todo }, () => {
    const got = entities(c.text);
    const found = got.map((e) => `${e.text}/${e.type}`);
    for (const [name, type] of c.expect) {
      assert.ok(found.includes(`${name}/${type}`), `expected ${name}/${type}, got [${found.join(', ')}]`);
    }
    if (c.expect.length === 0) assert.deepEqual(found, []);
  });
}

test('ner: spans point into the text and carry confidences', () => {
  const text = 'Boris Johnson’s government faced a revolt, said Kamala Harris in  Washington.\n\nOlaf Scholz said Germany would help.';
  const got = entities(text);
  assert.ok(got.length >= 4);
  for (const e of got) {
    assert.equal(e.text, text.slice(e.start, e.end));
    assert.ok(e.confidence > 0 && e.confidence <= 1);
    assert.match(e.rules[e.rules.length - 1], /^ner\.type\./);
  }
  const starts = got.map((e) => e.start);
  assert.deepEqual(starts, [...starts].sort((a, b) => a - b));
});

test('ner: the tagger gives one valid BIO tag per word', () => {
  const tagger = loadNer();
  assert.equal(loadNer(), tagger, 'cached singleton');
  const words = ['Officials', 'in', 'Kyiv', 'said', 'Vladimir', 'Putin', "'s", 'forces', 'had', 'withdrawn', '.'];
  const tags = tagger.tag(words);
  assert.equal(tags.length, words.length);
  tags.forEach((t, i) => {
    assert.match(t, /^(O|[BI]-(PER|ORG|LOC|MISC))$/);
    if (t.startsWith('I-')) assert.ok(tags[i - 1] === 'B-' + t.slice(2) || tags[i - 1] === t, `I- after ${tags[i - 1]}`);
  });
  assert.deepEqual(tags.slice(4, 6), ['B-PER', 'I-PER']);
  assert.equal(tags[2], 'B-LOC');
  assert.deepEqual(tagger.tag([]), []);
});

test('ner: contract types from labels and lexicons', () => {
  assert.equal(entityType('PER', 'Ada Lovelace').type, 'PERSON');
  assert.equal(entityType('LOC', 'France').type, 'GPE');
  assert.equal(entityType('LOC', 'the Alps').type, 'LOC');
  assert.equal(entityType('LOC', 'Kremlin').type, 'ORG');
  assert.equal(entityType('MISC', 'Republicans').type, 'NORP');
  assert.equal(entityType('MISC', 'Bosnian Serbs').type, 'NORP');
  assert.equal(entityType('MISC', 'Euro 2024').type, 'OTHER');
  assert.equal(entityType('ORG', 'Acme Corp').type, 'ORG');
  assert.equal(entityType('ORG', 'Washington').type, 'GPE');
  assert.equal(entityType('PER', 'Georgia').type, 'PERSON');
});

test('ner: chunk repairs for titles and name particles', () => {
  const show = (words: string[], tags: string[]) =>
    repairChunks(words, tags).map((c) => `${words.slice(c.start, c.end).join(' ')}/${c.label}${c.rules.length ? ' ' + c.rules.join(',') : ''}`);
  assert.deepEqual(
    show(['Prince', 'Mohammed', 'bin', 'Salman', 'spoke'], ['B-PER', 'I-PER', 'O', 'B-PER', 'O']),
    ['Mohammed bin Salman/PER ner.repair.particle,ner.repair.title'],
  );
  assert.deepEqual(show(['Ursula', 'von', 'der', 'Leyen', 'said'], ['B-PER', 'O', 'O', 'O', 'O']), ['Ursula von der Leyen/PER ner.repair.particle']);
  // not after other types, not into a lower-case word, not into a different name type
  assert.deepEqual(show(['Banco', 'de', 'Chile', 'fell'], ['B-ORG', 'O', 'B-LOC', 'O']), ['Banco/ORG', 'Chile/LOC']);
  assert.deepEqual(show(['Smith', 'de', 'facto', 'rules'], ['B-PER', 'O', 'O', 'O']), ['Smith/PER']);
  assert.deepEqual(show(['Anna', 'de', 'Paris'], ['B-PER', 'O', 'B-LOC']), ['Anna/PER', 'Paris/LOC']);
  // a lone title word stays (nothing would be left)
  assert.deepEqual(show(['President', 'spoke'], ['B-PER', 'O']), ['President/PER']);
});
