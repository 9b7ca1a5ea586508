/** Quotation marks: pairing, styles, paragraphs, apostrophes that are not quotes. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createDocument } from '../../src/core/document.ts';
import { findQuotations } from '../../src/nlp/quotes.ts';

function quotes(text: string) {
  const d = createDocument(text, { id: 't' });
  return findQuotations(text, d.paragraphs).map((q) => ({ text: text.slice(q.start, q.end), closed: q.closed, paragraphs: q.paragraphs, depth: q.depth }));
}

const CASES: { name: string; text: string; want: string[]; unclosed?: string[] }[] = [
  { name: 'curly double', text: '“We will not sign,” the minister said.', want: ['“We will not sign,”'] },
  { name: 'straight double', text: '"We will not sign," the minister said.', want: ['"We will not sign,"'] },
  { name: 'curly single', text: '‘We will not sign,’ the minister said.', want: ['‘We will not sign,’'] },
  { name: 'straight single', text: "'We will not sign,' the minister said.", want: ["'We will not sign,'"] },
  { name: 'guillemets', text: '« Nous ne signerons pas », a dit le ministre.', want: ['« Nous ne signerons pas »'] },
  { name: 'typewriter double', text: "''It is over,'' said Mr. Garin.", want: ["''It is over,''"] },
  { name: 'split quote', text: '“First part,” Peskov told reporters. “Second part.”', want: ['“First part,”', '“Second part.”'] },
  { name: 'nested single in double', text: '“He told me ‘never again’ twice,” she said.', want: ['“He told me ‘never again’ twice,”', '‘never again’'] },
  { name: 'apostrophes are not quotes', text: "Rock ’n’ roll in the ’90s: O’Brien’s band and the students’ union didn't care.", want: [] },
  { name: 'possessive after s with straight apostrophe', text: "The Joneses' house was sold, she said.", want: [] },
  { name: 'stray closing mark', text: 'The vote ” was delayed again, officials said.', want: [] },
];

for (const c of CASES) {
  test(`quotes: ${c.name}`, () => {
    const got = quotes(c.text);
    assert.deepEqual(got.map((q) => q.text), c.want);
    assert.ok(got.every((q) => q.closed));
  });
}

test('quotes: a quotation running over paragraphs is one quotation', () => {
  const text = '“It starts here,\n\n“continues here,\n\n“and ends here,” she said.';
  const got = quotes(text);
  assert.equal(got.length, 1);
  assert.equal(got[0].paragraphs, 3);
  assert.ok(got[0].closed);
  assert.equal(got[0].text, text.slice(0, text.indexOf('” she') + 1));
});

test('quotes: an unclosed mark closes at its paragraph end without crashing', () => {
  const text = 'She said: “we will see\n\nThe next paragraph has no mark.';
  const got = quotes(text);
  assert.equal(got.length, 1);
  assert.equal(got[0].closed, false);
  assert.equal(got[0].text, '“we will see');
});

test('quotes: an article ending inside a quotation', () => {
  const got = quotes('He said: “This is not the end');
  assert.equal(got.length, 1);
  assert.equal(got[0].closed, false);
});

test('quotes: empty and mark-only texts', () => {
  assert.deepEqual(quotes('“'), quotes('“'));
  assert.doesNotThrow(() => quotes('”””“““"\'\'‘’'));
  assert.doesNotThrow(() => quotes(''));
});
