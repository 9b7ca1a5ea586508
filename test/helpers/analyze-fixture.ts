import { createDocument } from '../../src/core/document.ts';
import type { Analysis } from '../../src/core/contract.ts';
import { analyze } from '../../src/pipeline/analyze.ts';
import type { Fixture } from './fixtures.ts';

/** The analysis a fixture's golden holds: its text with its publication date, ids from the file name. */
export function analyzeFixture(f: Fixture, explain = false): Analysis {
  return analyze(createDocument(f.text, { id: f.slug, published: f.expected.published }), { explain });
}
