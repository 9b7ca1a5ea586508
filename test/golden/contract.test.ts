/** Every analysis validates against the contract's JSON Schema, and every span's text is its slice. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fixtures, root } from '../helpers/fixtures.ts';
import { analyzeFixture } from '../helpers/analyze-fixture.ts';
import { validateAnalysis } from '../helpers/schema.ts';
import type { Analysis } from '../../src/core/contract.ts';

function spansOf(a: Analysis): { where: string; start: number; end: number; text: string }[] {
  const out: { where: string; start: number; end: number; text: string }[] = [];
  for (const e of a.entities) e.mentions.forEach((m, k) => out.push({ where: `${e.id}.mentions[${k}]`, ...m }));
  for (const s of a.statements) {
    s.content.forEach((c, k) => out.push({ where: `${s.id}.content[${k}]`, ...c }));
    if (s.cue) out.push({ where: `${s.id}.cue`, ...s.cue });
    if (s.source.mention) out.push({ where: `${s.id}.source.mention`, ...s.source.mention });
  }
  for (const t of a.times) out.push({ where: `${t.id}.span`, ...t.span });
  return out;
}

test('the vendored schema is the shared contract', { skip: !existsSync(join(root, '../shared/contract')) && 'no ../shared' }, () => {
  const ours = readFileSync(join(root, 'contract/analysis.schema.json'), 'utf8');
  const shared = readFileSync(join(root, '../shared/contract/analysis.schema.json'), 'utf8');
  assert.equal(ours, shared);
});

for (const f of fixtures()) {
  test(`contract: ${f.slug}`, () => {
    for (const explain of [false, true]) {
      const a = analyzeFixture(f, explain);
      const errors = validateAnalysis(a);
      assert.deepEqual(errors, [], errors.join('\n'));
      assert.equal(a.document.text, f.text);
      for (const s of spansOf(a)) {
        assert.equal(s.text, f.text.slice(s.start, s.end), `${s.where} text is not its slice`);
      }
      const ids = new Set(a.statements.map((s) => s.id));
      for (const r of a.relations) assert.ok(ids.has(r.from) && ids.has(r.to), `relation ${JSON.stringify(r)} points nowhere`);
      const eids = new Set(a.entities.map((e) => e.id));
      for (const s of a.statements) if (s.source.entity) assert.ok(eids.has(s.source.entity), `${s.id} source entity missing`);
      const tids = new Set(a.times.map((t) => t.id));
      for (const s of a.statements) if (s.time) assert.ok(tids.has(s.time), `${s.id} time missing`);
    }
  });
}
