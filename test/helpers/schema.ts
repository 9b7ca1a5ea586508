/** Validation against the contract's JSON Schema (contract/analysis.schema.json, 2020-12). */
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';

const schema = JSON.parse(readFileSync(new URL('../../contract/analysis.schema.json', import.meta.url), 'utf8'));
const ajv = new Ajv2020({ allErrors: true, strict: false });
const check = ajv.compile(schema);

/** Empty when valid, else one line per schema error. */
export function validateAnalysis(a: unknown): string[] {
  if (check(a)) return [];
  return (check.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`);
}
