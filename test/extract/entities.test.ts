/**
 * Entities inside one article: surname ↔ full name, titles attached to the person, the
 * "<demonym> leader" description, pronouns and anonymous sources, and two people sharing a
 * surname staying two. Passages written for these tests.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createDocument } from '../../src/core/document.ts';
import { analyze } from '../../src/pipeline/analyze.ts';
import type { Analysis, Entity, EntityType } from '../../src/core/contract.ts';
import { analyzeNlp, nlpLayer, type NlpLayer, type Token } from '../../src/nlp/tokens.ts';
import { nerNames } from '../../src/extract/entities/recogniser.ts';
import { buildEntities } from '../../src/extract/entities/index.ts';
import { nameSpan } from '../../src/extract/entities/names.ts';
import { resolveSources } from '../../src/extract/coref/index.ts';

const run = (text: string): Analysis => analyze(createDocument(text, { id: 't' }), { published: '2022-02-08' });
const byName = (a: Analysis, name: string): Entity | undefined => a.entities.find((e) => e.name === name);
const speakerOf = (a: Analysis, quoteStart: string): Entity | undefined => {
  const s = a.statements.find((x) => x.quote.replace(/^[“"‘'\s]+/, '').startsWith(quoteStart));
  assert.ok(s, `no statement starting "${quoteStart}"`);
  return a.entities.find((e) => e.id === s.source.entity);
};

test('entities: surname and full name are one entity named by the full name, with the title', () => {
  const a = run('Russian President Vladimir Putin met the French leader in Moscow on Monday. Putin said the talks had been useful.');
  const e = byName(a, 'Vladimir Putin');
  assert.ok(e, JSON.stringify(a.entities.map((x) => x.name)));
  assert.equal(e.type, 'PERSON');
  assert.deepEqual(e.titles, ['Russian President']);
  assert.ok(e.aliases.includes('Putin'));
  assert.equal(a.entities.filter((x) => x.name.endsWith('Putin')).length, 1);
  assert.ok(e.mentions.some((m) => m.text === 'Putin' && m.kind === 'name'));
});

test('entities: title from an apposition', () => {
  const a = run('Jake Sullivan, the national security adviser, said the threat was real.');
  assert.deepEqual(byName(a, 'Jake Sullivan')?.titles, ['national security adviser']);
});

test('entities: "the Russian leader" is a nominal mention of the Russian president', () => {
  const a = run('Russian President Vladimir Putin met Emmanuel Macron on Monday. The Russian leader said he wanted guarantees, and the French president said he was hopeful.');
  const putin = byName(a, 'Vladimir Putin')!;
  assert.ok(putin.mentions.some((m) => m.text === 'The Russian leader' && m.kind === 'nominal'), JSON.stringify(putin.mentions));
  assert.equal(speakerOf(a, 'he wanted guarantees')?.name, 'Vladimir Putin');
});

test('entities: two people sharing a surname stay two', () => {
  const a = run('Mark Kessler, the founder, testified on Monday. His brother Paul Kessler, the chief financial officer, denied wrongdoing. Paul Kessler said he had never seen the accounts.');
  assert.ok(byName(a, 'Mark Kessler'));
  assert.ok(byName(a, 'Paul Kessler'));
  assert.notEqual(byName(a, 'Mark Kessler')!.id, byName(a, 'Paul Kessler')!.id);
});

test('entities: a bare surname goes to the person named last', () => {
  const a = run('Joe Biden spoke first. Hunter Biden arrived later. Biden said he was proud of the work.');
  assert.equal(speakerOf(a, 'he was proud')?.name, 'Hunter Biden');
});

test('entities: "Mr." and "Mrs." before a surname follow the gender of the full names', () => {
  // the person named last is Margaret, but "Mr. Hale" is Daniel, and "Mrs. Hale" Margaret
  const a = run('Daniel Hale, the mayor, opened the bridge on Monday with Margaret Hale, his wife and a council member. '
    + 'Mr. Hale said the repairs had come in under budget. Mrs. Hale said the council would vote on the tolls in May.');
  assert.equal(speakerOf(a, 'the repairs had come')?.name, 'Daniel Hale');
  assert.equal(speakerOf(a, 'the council would vote')?.name, 'Margaret Hale');
  const traced = analyze(createDocument(a.document.text, { id: 't' }), { published: '2022-02-08', explain: true });
  assert.ok(traced.statements.every((s) => s.explain?.includes('entities.honorific-gender')), JSON.stringify(traced.statements.map((s) => s.explain)));
});

test('entities: "Mr." goes to the man of that surname before a person whose gender the names lexicon lacks', () => {
  // "Ilse" is not in given-names.txt, so Ilse Brandt's gender is unknown; Oskar is not either,
  // but "Mr. Oskar Brandt" gives his
  const a = run('Mr. Oskar Brandt founded the company in 1990. Ilse Brandt took over as chief executive in 2015. '
    + 'Mr. Brandt said he still visited the factory every week.');
  assert.equal(speakerOf(a, 'he still visited')?.name, 'Oskar Brandt');
});

test('entities: names with particles merge with their short forms', () => {
  const a = run('European Commission President Ursula von der Leyen arrived in Kyiv. Von der Leyen said the bloc would keep its promises.');
  const e = byName(a, 'Ursula von der Leyen');
  assert.ok(e, JSON.stringify(a.entities.map((x) => x.name)));
  assert.equal(speakerOf(a, 'the bloc would keep')?.name, 'Ursula von der Leyen');
});

test('entities: postnominal letters are not part of the name', () => {
  const a = run('His barrister, Julian Ashdown KC, said his client would appeal.');
  assert.ok(byName(a, 'Julian Ashdown'), JSON.stringify(a.entities.map((x) => x.name)));
});

test('coref: a pronoun after a quote goes to the speaker, not to a name inside the quote', () => {
  const a = run('President Joe Biden spoke to reporters at the White House on Tuesday.\n\n“Putin has a choice to make,” he said.');
  assert.equal(speakerOf(a, 'Putin has a choice')?.name, 'Joe Biden');
});

test('coref: she and he follow gender', () => {
  const a = run('Katrin Amstutz met Peter Brandt on Friday. Brandt said the plan was sound. She said it needed more money.');
  assert.equal(speakerOf(a, 'it needed more money')?.name, 'Katrin Amstutz');
});

test('coref: an anonymous source, and the definite reference back to it', () => {
  const a = run('A French official said the talks had been frank. The official added that no date had been set.');
  const first = speakerOf(a, 'the talks had been frank');
  const second = speakerOf(a, 'that no date had been set');
  assert.ok(first?.anonymous);
  assert.equal(first?.name, 'French official');
  assert.equal(second?.id, first?.id);
});

test('coref: organisations and countries as sources', () => {
  const a = run('The Kremlin said the report was false. Russia has denied any plan to invade.');
  assert.equal(speakerOf(a, 'the report was false')?.type, 'ORG');
  assert.equal(speakerOf(a, 'the report was false')?.name, 'Kremlin');
  assert.equal(speakerOf(a, 'any plan to invade')?.type, 'GPE');
});

test('coref: a group source', () => {
  const a = run('The US and its allies warned that sanctions would follow any attack.');
  const e = speakerOf(a, 'that sanctions would follow');
  assert.equal(e?.type, 'GROUP');
});

test('relations: a denial of a claim reported inside it', () => {
  const a = run('The Kremlin on Tuesday pushed back against French claims that Putin had agreed to halt the exercises.');
  const deny = a.statements.find((s) => s.act === 'deny');
  assert.ok(deny, JSON.stringify(a.statements.map((s) => [s.act, s.quote])));
  const claim = a.statements.find((s) => s !== deny && s.act === 'claim');
  assert.ok(claim);
  assert.ok(a.relations.some((r) => r.type === 'denies' && r.from === deny.id && r.to === claim.id));
  assert.ok(a.relations.some((r) => r.type === 'within' && r.from === claim.id && r.to === deny.id));
});

test('relations: "denied the report" points at the earlier claim by someone else', () => {
  const a = run('Le Monde reported that the minister had resigned. The ministry denied the report on Wednesday.');
  const deny = a.statements.find((s) => s.act === 'deny');
  const claim = a.statements.find((s) => s.quote.includes('the minister had resigned'));
  assert.ok(deny && claim, JSON.stringify(a.statements.map((s) => [s.act, s.quote])));
  assert.ok(a.relations.some((r) => r.type === 'denies' && r.from === deny.id && r.to === claim.id));
});

test('relations: none between unrelated statements', () => {
  const a = run('The mayor said the bridge would reopen. The coach said the team was ready.');
  assert.deepEqual(a.relations, []);
});

test('entities: an all-caps headline, particles and hyphenated names do not fall apart', () => {
  const a = run('PUTIN SAYS WEST IGNORED CONCERNS\n\nRussian President Vladimir Putin said on Tuesday that the West had ignored Moscow\'s concerns.\n\nMayor Bill de Blasio and Jean-Luc Mélenchon also spoke. De Blasio said the city was ready.');
  const putin = byName(a, 'Vladimir Putin');
  assert.ok(putin?.aliases.includes('PUTIN'), JSON.stringify(a.entities.map((e) => [e.name, e.aliases])));
  assert.equal(a.entities.filter((e) => /putin/i.test(e.name)).length, 1);
  assert.ok(byName(a, 'Bill de Blasio')?.aliases.includes('De Blasio'));
  assert.ok(byName(a, 'Jean-Luc Mélenchon'));
});

test('coref: "two of them" is the group named before (coref.partitive)', () => {
  const a = run('Several people familiar with the negotiations said the deal was close. Two of them said the final text could be signed on Friday.');
  const e = speakerOf(a, 'the final text');
  assert.equal(e?.name, 'people familiar with the negotiations');
  assert.ok(!a.entities.some((x) => x.name === 'them'), JSON.stringify(a.entities.map((x) => x.name)));
});

test('coref: "the government", "his government", "the Ukrainian government" (coref.government)', () => {
  const a = run('PARIS — France’s unions called new strikes on Thursday. The government said the reform would not be withdrawn.');
  assert.equal(speakerOf(a, 'the reform would not')?.name, 'French government');
  const b = run('German Chancellor Olaf Scholz arrived in Brussels on Thursday. His government said a price cap could push suppliers away.');
  assert.equal(speakerOf(b, 'a price cap')?.name, 'German government');
  const c = run('The White House said the sanctions were ready. The Ukrainian government said the move was premature.');
  assert.equal(speakerOf(c, 'the move was premature')?.name, 'Ukrainian government');
  // the country the article names most, not the one named last
  const d = run('French unions met ministers in Paris on Monday, and France’s railways stopped. Spain’s unions watched closely. The government said talks would resume.');
  assert.equal(speakerOf(d, 'talks would resume')?.name, 'French government');
});

test('coref: a role noun never points at a person introduced later', () => {
  const a = run('Tomás Ibáñez praised his players after the match. The manager said the team had shown character. Later, Millbrook manager Piotr Wiśniewski said the referee had lost control.');
  assert.notEqual(speakerOf(a, 'the team had shown')?.name, 'Piotr Wiśniewski');
  // and still finds one named before
  const b = run('Millbrook manager Piotr Wiśniewski was angry on Saturday. The manager said the referee had lost control.');
  assert.equal(speakerOf(b, 'the referee had lost')?.name, 'Piotr Wiśniewski');
});

test('entities: the first word of one two-word name joins it (a family name written first, a first name)', () => {
  const a = run('A foreign ministry spokeswoman, Liu Meiling, spoke on Friday. Liu said the drills were a legitimate response.');
  assert.equal(speakerOf(a, 'the drills were')?.name, 'Liu Meiling');
  const b = run('Kevin Smith, the chairman, spoke first. Later, Kevin said he was optimistic about the merger.');
  assert.equal(speakerOf(b, 'he was optimistic')?.name, 'Kevin Smith');
  // two people it could be: neither
  const c = run('Kevin Smith and Kevin Jones both spoke. Kevin said he was optimistic about the merger.');
  assert.ok(!['Kevin Smith', 'Kevin Jones'].includes(speakerOf(c, 'he was optimistic')?.name ?? ''));
});

test('coref: "the American side", "the Chinese authorities" are the country (coref.demonym-side)', () => {
  const a = run('Ryabkov said the American side had assured him that Washington had no plans to deploy strike weapons.');
  assert.equal(speakerOf(a, 'that Washington had no plans')?.name, 'United States');
  const b = run('The Chinese authorities said the exercises would end on Sunday.');
  assert.equal(speakerOf(b, 'the exercises would end')?.name, 'China');
});

test('coref: "her campaign", "the mayor\'s campaign" belong to that person (coref.owner); an office does not', () => {
  const a = run('Mayor Tom Walsh trailed Karen Walsh by 212 votes. The mayor’s campaign said the count was flawed. Karen Walsh was confident. Her campaign said the result would stand.');
  assert.equal(speakerOf(a, 'the count was flawed')?.name, 'Tom Walsh campaign');
  assert.equal(speakerOf(a, 'the result would stand')?.name, 'Karen Walsh campaign');
  const b = run('County Clerk Maria Lopez certified the vote. The clerk’s office said 600 ballots arrived late.');
  assert.notEqual(speakerOf(b, '600 ballots arrived late')?.name, 'Maria Lopez office');
});

test('coref: "the CGT union" is the CGT (coref.name-kind); "Paris-based" stays in a description', () => {
  const a = run('Workers answered the call of the CGT on Tuesday. The CGT union said more than a million people had marched.');
  assert.equal(speakerOf(a, 'more than a million')?.name, 'CGT');
  const b = run('Economists at the Paris-based Institut Lemaire said the strikes could cost 0.1 percent of growth.');
  assert.match(speakerOf(b, 'the strikes could cost')?.name ?? '', /Paris-based Institut Lemaire/);
});

test('entities: a title in an apposition that goes on ("a glaciologist who led the study", "an economist at ...")', () => {
  const a = run('“We expected the losses,” said Anna Berg, a glaciologist who led the study. Later the glaciologist said the data were clear.');
  assert.deepEqual(byName(a, 'Anna Berg')?.titles, ['glaciologist']);
  assert.equal(speakerOf(a, 'the data were clear')?.name, 'Anna Berg');
  const b = run('Pieter Vos, an energy economist at the University of Groningen, said a cap could work.');
  assert.deepEqual(byName(b, 'Pieter Vos')?.titles, ['energy economist']);
  // a description that is no title stays out
  const c = run('Jane Roe, a mother of three from Leeds, said the bus was late.');
  assert.deepEqual(byName(c, 'Jane Roe')?.titles, []);
});

/** Resolves the given passages of `text` as source spans, as coref does for statements. */
function resolveIn(text: string, sources: string[]) {
  const nlp = analyzeNlp(createDocument(text, { id: 't' }));
  const layer = buildEntities(nlp, nerNames(nlp));
  const spans = sources.map((s) => { const start = text.indexOf(s); assert.ok(start >= 0, s); return { start, end: start + s.length }; });
  return { layer, spans, res: resolveSources(layer, nlp, [], spans.map((span) => ({ span, exclude: [] }))) };
}

/** [entity name, rule] of each of the given source spans of `text` (see `resolveIn`). */
function namesAndRules(text: string, sources: string[]) {
  return resolveIn(text, sources).res.map((r) => [r.entity?.name ?? null, r.rule]);
}

test('coref: a source span that runs from a pronoun into its verb is the pronoun; first and second person stay unresolved', () => {
  const text = 'Tom Baker, the club’s treasurer, arrived late on Monday.\n\n' +
    'He would have to tell the board about the shortfall, he said. He’s sure of it.\n\n' +
    'You will not like this, one member said. I didn’t see the accounts, said another.';
  const { layer, spans, res } = resolveIn(text, ['He would have to tell the board', 'He’s', 'You', 'I didn’t']);
  assert.deepEqual(res.map((r) => [r.entity?.name ?? null, r.rule]), [
    ['Tom Baker', 'coref.pronoun.clause'],
    ['Tom Baker', 'coref.pronoun.clause'],
    [null, 'coref.pronoun.unresolved'],
    [null, 'coref.pronoun.clause.unresolved'],
  ]);
  // the statement's source stays the span the attribution found; the entity gains the pronoun alone
  assert.deepEqual(res[0].mention, spans[0]);
  assert.ok(layer.entities.find((e) => e.name === 'Tom Baker')!.mentions.some((m) => m.text === 'He' && m.kind === 'pronoun'));
  assert.ok(!layer.entities.some((e) => /^(he|you|i)$/i.test(e.name)), 'no entity named by a pronoun');
});

test('coref: a source span that runs from a name into its verb is the name; a description with a participle stays a description', () => {
  const text = 'Mayor Helen Achterberg opened the new ferry terminal on Saturday.\n\n' +
    'Achterberg is rolling out a campaign with one message: “Take the boat.” ' +
    'Officials briefed on the plans said the city would add two ferries next year.';
  assert.deepEqual(namesAndRules(text, ['Achterberg is rolling out a campaign', 'Officials briefed on the plans']), [
    ['Helen Achterberg', 'coref.name'],
    ['Officials briefed on the plans', 'coref.anonymous'],
  ]);
});

test('coref: "the government of Norway" is that country\'s government, not the government named before', () => {
  const text = 'The French government said on Monday it would host the talks.\n\n' +
    'The government of Norway said it would send a delegation.';
  assert.deepEqual(namesAndRules(text, ['The French government', 'The government of Norway']), [
    ['French government', 'coref.government'],
    ['Norwegian government', 'coref.government'],
  ]);
});

test('coref: a name that an emphatic pronoun or an adverb follows is the name; not a name after a preposition', () => {
  const text = 'Mayor Helen Achterberg opened the new ferry terminal on Saturday.\n\n' +
    'Achterberg herself has said the fares are too high. Achterberg also is planning a night service, aides said. ' +
    'Reports about Achterberg lately have been kinder, the paper said.';
  assert.deepEqual(namesAndRules(text, ['Achterberg herself', 'Achterberg also is planning', 'Reports about Achterberg lately']), [
    ['Helen Achterberg', 'coref.name'],
    ['Helen Achterberg', 'coref.name'],
    ['Reports about Achterberg lately', 'coref.nominal-source'],
  ]);
});

test('coref: a title with "of" before a person\'s name ("Secretary of State John Kerry") is the name; "supporters of Lund" is not', () => {
  const text = 'Talks on the ferry link resumed on Monday.\n\n' +
    'Minister of Transport Pia Lund said the link would reopen in May. ' +
    'Former Secretary of State Jonas Berg said the delay was avoidable. ' +
    'Supporters of Lund said the minister had done what she could.';
  assert.deepEqual(namesAndRules(text, ['Minister of Transport Pia Lund', 'Former Secretary of State Jonas Berg', 'Supporters of Lund']), [
    ['Pia Lund', 'coref.name'],
    ['Jonas Berg', 'coref.name'],
    ['Supporters of Lund', 'coref.anonymous'],
  ]);
});

test('coref: an epithet ("the billionaire", "the businessman") is the person named nearby, not the subject of its own sentence (coref.epithet)', () => {
  const text = 'Shipping magnate Arne Solberg met the harbour board in Bergen on Monday.\n\n' +
    'When Mayor Kari Dahl asked about the new terminal, Solberg promised an answer within a week. ' +
    'The billionaire said the terminal would open in 2027.\n\n' +
    'Dahl praised Solberg, and the businessman thanked the council for its patience.\n\n' +
    'A businessman who asked not to be named said the fees were too high. ' +
    'Dahl says the real-estate developer owes the city an apology.';
  assert.deepEqual(namesAndRules(text, ['The billionaire', 'the businessman', 'A businessman who asked not to be named', 'the real-estate developer']), [
    // the subject of the sentence before, not of its "when" clause
    ['Arne Solberg', 'coref.epithet'],
    // earlier in its own sentence, not that sentence's subject
    ['Arne Solberg', 'coref.epithet'],
    // not definite: an unnamed person, not an "other" source
    ['businessman', 'coref.anonymous'],
    // no one named nearby but the sentence's own subject: an unnamed person
    ['real-estate developer', 'coref.anonymous'],
  ]);
});

test('coref: two names joined by "and" are a group, also after an honorific or a title; an "and" inside a clause is not', () => {
  const text = 'Mayor Helen Achterberg and her deputy, Rob Kessel, met the harbour board on Monday.\n\n' +
    'Ms. Achterberg and Mr. Kessel said the ferry would run again by spring. ' +
    'Mayor Achterberg and Councillor Dana Ruiz, both up for election, disagreed. ' +
    'Ms. Achterberg and Mr. Kessel appeared to be at odds, with the board’s report saying so. ' +
    'Kessel was charged with fraud and forgery in 2019, the paper said. Councillor Ruiz and';
  const { res, spans } = resolveIn(text, ['Ms. Achterberg and Mr. Kessel', 'Mayor Achterberg and Councillor Dana Ruiz, both up for election',
    'Ms. Achterberg and Mr. Kessel appeared to be at odds', 'Kessel was charged with fraud and forgery', 'Councillor Ruiz and']);
  // a span that ends at its "and" (the text's last word) has no second name: nothing of the
  // entity it resolves to lies past the span
  const open = res.pop()!, end = spans.pop()!.end;
  assert.ok(open.entity && open.entity.mentions.every((m) => m.end <= end));
  assert.deepEqual(res.map((r) => [r.entity?.type ?? null, r.entity?.name ?? null, r.rule]), [
    ['GROUP', 'Ms. Achterberg and Mr. Kessel', 'coref.group'],
    // the group ends at the comma after its second name
    ['GROUP', 'Mayor Achterberg and Councillor Dana Ruiz', 'coref.group'],
    // a clause the span model took after the pair is not part of the group's name
    ['GROUP', 'Ms. Achterberg and Mr. Kessel', 'coref.group'],
    // "and" inside the clause joins two charges, not two people
    ['PERSON', 'Rob Kessel', 'coref.name'],
  ]);
});

test('entities: a party label or a chamber before a name is not part of it', () => {
  const a = run('Democrat Maria Delgado said on Monday that the county budget was “a disgrace”. Republican Tom Whitfield said the plan would pass.\n\n' +
    'Delgado, who chairs the finance committee, added that she would vote against it.\n\n' +
    'Senate Majority Leader John Whitaker said the chamber would not take it up this year.');
  assert.ok(byName(a, 'Maria Delgado'), a.entities.map((e) => e.name).join(', '));
  assert.ok(!a.entities.some((e) => /^(Democrat|Republican|Senate|Majority) \p{Lu}/u.test(e.name)), a.entities.map((e) => e.name).join(', '));
  assert.deepEqual(byName(a, 'John Whitaker')?.titles, ['Senate Majority Leader']);
  assert.equal(speakerOf(a, 'that she would vote')?.name, 'Maria Delgado');
});

/** A name span made by hand over the words of `s` (found in `text` from `from`), as the recogniser would give it. */
function handSpan(text: string, nlp: NlpLayer) {
  return (s: string, from = 0, type: EntityType = 'PERSON') => {
    const start = text.indexOf(s, from), end = start + s.length;
    const first = nlp.tokenAt(start);
    let last = first;
    while (last < nlp.tokens.length && nlp.tokens[last].start < end) last++;
    return nameSpan(start, end, s, first, last, type, 0.9, 'test');
  };
}

test('entities: a title-case headline read as one long name is cut to the name at its end', () => {
  // the recogniser sometimes takes a headline's capitalised words for one name; such spans are made by hand here
  const text = 'Voters Do Not Like Grace Ashworth\n\nThe Long Tenure Of Grace Ashworth\n\nMedia And Ben Okafor\n\nDepot Desk\nBen Okafor\n\n' +
    'Grace Ashworth said on Tuesday that the depot would stay open. Ben Okafor said the plan was unaffordable.';
  const nlp = analyzeNlp(createDocument(text, { id: 't' }));
  const span = handSpan(text, nlp);
  const body = text.indexOf('Grace Ashworth said');
  const layer = buildEntities(nlp, [
    span('Voters Do Not Like Grace Ashworth'), span('Long Tenure Of Grace Ashworth'), span('Media And Ben Okafor'), span('Depot Desk\nBen Okafor'),
    span('Grace Ashworth', body), span('Ben Okafor', body),
  ]);
  assert.deepEqual(layer.entities.map((e) => [e.name, e.mentions.length]).sort(), [['Ben Okafor', 3], ['Grace Ashworth', 3]]);
});

test('entities: a one-word name tagged as an organisation that is the last name of a person named in full is that person', () => {
  // the recogniser sometimes tags a surname ORG ("Trump" beside "Donald Trump"); the spans are made by hand here
  const text = 'Adaeze Okonkwo and Mira Bloomberg met Kasper Ruud in Lagos. Okonkwo said the port would reopen. ' +
    'RUUD disagreed, Bloomberg reported, and Halvorsen declined to comment. Her brother Chidi Okonkwo came later; Okonkwo said little.';
  const nlp = analyzeNlp(createDocument(text, { id: 't' }));
  const span = handSpan(text, nlp);
  const layer = buildEntities(nlp, [
    span('Adaeze Okonkwo'), span('Mira Bloomberg'), span('Kasper Ruud'),
    span('Okonkwo', 20, 'ORG'), span('RUUD', 0, 'ORG'), span('Bloomberg', 80, 'ORG'), span('Halvorsen', 0, 'ORG'),
    span('Chidi Okonkwo'), span('Okonkwo', text.indexOf('little') - 20, 'ORG'),
  ]);
  const got = layer.entities.map((e) => [e.name, e.type, e.mentions.map((m) => m.text).join(' | ')]).sort();
  assert.deepEqual(got, [
    // with two people of that name, the one named last before it (as for a bare surname tagged a person)
    ['Adaeze Okonkwo', 'PERSON', 'Adaeze Okonkwo | Okonkwo'],
    ['Bloomberg', 'ORG', 'Bloomberg'], // a news organisation the tagger's gazetteer knows stays one
    ['Chidi Okonkwo', 'PERSON', 'Chidi Okonkwo | Okonkwo'],
    ['Halvorsen', 'ORG', 'Halvorsen'], // nobody of that name
    ['Kasper Ruud', 'PERSON', 'Kasper Ruud'],
    ['Mira Bloomberg', 'PERSON', 'Mira Bloomberg'],
    ['RUUD', 'ORG', 'RUUD'], // capitals: an acronym, not a name
  ]);
  assert.ok(layer.entities.find((e) => e.name === 'Adaeze Okonkwo')!.rules.has('entities.org-surname'));
});

test('entities: a possessive glued to the last word of a person\'s name is left out of the name', () => {
  // wink keeps "Okafor’s" as one token once the document has made it a word of its lexicon; the tokens are made by hand here
  const text = 'Ben Okafor said so. Sen. Ben Okafor’s aide agreed, and Bally’s did too.';
  const tokens: Token[] = [];
  for (const m of text.matchAll(/Sen\.|[\p{L}’]+|[.,]/gu)) {
    tokens.push({ i: tokens.length, start: m.index!, end: m.index! + m[0].length, text: m[0], lower: m[0].toLowerCase(), pos: /^\p{Lu}/u.test(m[0]) ? 'PROPN' : 'X', sent: 0, para: 0 });
  }
  const nlp = nlpLayer(text, tokens, [{ i: 0, start: 0, end: text.length, first: 0, last: tokens.length, para: 0 }]);
  const span = handSpan(text, nlp);
  const layer = buildEntities(nlp, [span('Ben Okafor'), span('Sen. Ben Okafor’s', 10), span('Bally’s', 0, 'ORG')]);
  const got = layer.entities.map((e) => [e.name, e.surname, e.mentions.map((m) => m.text).join(' | ')]).sort();
  assert.deepEqual(got, [
    ['Bally’s', null, 'Bally’s'], // an organisation may be named so
    ['Ben Okafor', 'okafor', 'Ben Okafor | Ben Okafor'],
  ]);
});

test('entities: clergy titles, "Supreme Court Justice" and plural abbreviations ("Reps.") are titles, not parts of a name', () => {
  const a = run('Pastor Lionel Okafor told the congregation on Sunday that the shelter would stay open. '
    + 'Supreme Court Justice Miriam Adebayo said the ruling was narrow. '
    + 'The bill was drafted by Reps. Tomas Lindgren and Carla Vance, and Rabbi Ezra Koenig said he would back it.');
  const names = a.entities.filter((e) => e.type === 'PERSON').map((e) => e.name);
  for (const n of ['Lionel Okafor', 'Miriam Adebayo', 'Tomas Lindgren', 'Ezra Koenig']) assert.ok(names.includes(n), `${n} in ${JSON.stringify(names)}`);
  assert.ok(!names.some((n) => /^(Pastor|Supreme|Reps|Rabbi)\b/.test(n)), JSON.stringify(names));
  assert.deepEqual(byName(a, 'Lionel Okafor')?.titles, ['Pastor']);
  assert.deepEqual(byName(a, 'Miriam Adebayo')?.titles, ['Supreme Court Justice']);
  assert.deepEqual(byName(a, 'Ezra Koenig')?.titles, ['Rabbi']);
  // and a bare "the pastor" later is that person
  const b = run('Pastor Lionel Okafor opened the shelter in March. "We will not close," the pastor said on Friday.');
  assert.equal(speakerOf(b, 'We will not close')?.name, 'Lionel Okafor');
});
