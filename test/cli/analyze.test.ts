/**
 * The command line as a user meets it: formats, and bad input giving one-line errors that
 * name the file, while the rest of a batch is still analysed and the exit status says so.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, mkdirSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root } from '../helpers/fixtures.ts';
import { validateAnalysis } from '../helpers/schema.ts';

const bin = join(root, 'bin/hearsay.js');
const example = join(root, 'examples/kremlin-denial.txt');

function hearsay(...args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

test('analyze prints a readable report by default', () => {
  const r = hearsay('analyze', example, '--published', '2022-02-08');
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /statements/);
  assert.match(r.out, /Peskov/);
  assert.match(r.out, /cue “/);
});

test('--format json prints one valid analysis; --explain adds rule ids', () => {
  const r = hearsay('analyze', example, '--published', '2022-02-08', '--format', 'json', '--explain');
  assert.equal(r.code, 0, r.err);
  const a = JSON.parse(r.out);
  assert.deepEqual(validateAnalysis(a), []);
  assert.equal(a.document.id, 'kremlin-denial');
  assert.equal(a.document.published, '2022-02-08');
  assert.ok(a.statements.length > 5);
  assert.ok(a.statements.every((s: { explain?: string[] }) => Array.isArray(s.explain) && s.explain.length > 0));
});

test('bad inputs: one-line errors naming the file; the batch goes on; exit 1', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hearsay-cli-'));
  const batch = join(dir, 'batch');
  mkdirSync(batch);
  copyFileSync(example, join(batch, 'a-good.txt'));
  writeFileSync(join(batch, 'b-empty.txt'), '');
  writeFileSync(join(batch, 'c-binary.txt'), Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0xff, 0x10, 0x00]));
  writeFileSync(join(batch, 'd-latin1.txt'), Buffer.from('Le ministre a d\xe9clar\xe9 lundi.', 'latin1'));
  writeFileSync(join(batch, 'e-huge.txt'), Buffer.alloc(20 * 1024 * 1024, 'a'));
  copyFileSync(example, join(batch, 'f-good.txt'));
  const r = hearsay('analyze', batch, join(dir, 'missing.txt'), '--format', 'jsonl', '--published', '2022-02-08');
  assert.equal(r.code, 1);
  const lines = r.out.trim().split('\n');
  assert.equal(lines.length, 2, 'both good articles are printed');
  for (const l of lines) assert.deepEqual(validateAnalysis(JSON.parse(l)), []);
  const errs = r.err.trim().split('\n');
  for (const name of ['b-empty.txt', 'c-binary.txt', 'd-latin1.txt', 'e-huge.txt', 'missing.txt']) {
    const line = errs.find((e) => e.includes(name));
    assert.ok(line, `no error line for ${name}:\n${r.err}`);
    assert.ok(!line.includes('\n') && !/at .*\.ts:\d+/.test(r.err), 'no stack traces');
  }
  assert.match(errs.find((e) => e.includes('b-empty'))!, /empty/i);
  assert.match(errs.find((e) => e.includes('c-binary'))!, /binary/i);
  assert.match(errs.find((e) => e.includes('d-latin1'))!, /UTF-8/i);
  assert.match(errs.find((e) => e.includes('e-huge'))!, /large|MB/i);
  assert.match(errs.find((e) => e.includes('missing'))!, /not found|no such/i);
});

test('bad arguments exit 2 with a clear message', () => {
  const r = hearsay('analyze', example, '--published', 'last tuesday');
  assert.equal(r.code, 2);
  assert.match(r.err, /published|date/i);
  const f = hearsay('analyze', example, '--format', 'xml');
  assert.equal(f.code, 2);
  assert.match(f.err, /format/);
});

test('--format json refuses several articles and points to jsonl', () => {
  const r = hearsay('analyze', example, example, '--format', 'json');
  assert.equal(r.code, 2);
  assert.match(r.err, /jsonl/);
});

test('--workers gives the same jsonl, in input order, as one thread', () => {
  const dir = join(root, 'test/fixtures/articles');
  const one = hearsay('analyze', dir, '--format', 'jsonl');
  const two = hearsay('analyze', dir, '--format', 'jsonl', '--workers', '2');
  assert.equal(one.code, 0, one.err);
  assert.equal(two.code, 0, two.err);
  assert.equal(two.out, one.out);
  assert.ok(one.out.trim().split('\n').length >= 12);
  // the report is built from the workers' JSON text as from an analysis made in this thread
  const file = join(dir, 'paris-pension-strikes.txt');
  assert.equal(hearsay('analyze', file, '--workers', '2').out, hearsay('analyze', file).out);
  const bad = hearsay('analyze', dir, '--workers', 'many');
  assert.equal(bad.code, 2);
  assert.match(bad.err, /workers/);
});
