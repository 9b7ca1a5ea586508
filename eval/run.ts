/**
 * `npm run eval [-- SUITE... [--check-floors]]`: runs the named suites (default: all) on
 * the shared dev data and prints their tables. With --check-floors, exits 1 when any
 * metric listed in eval/floors.json falls below its floor. Suites skip cleanly when the
 * data is absent.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './data.ts';
import type { Suite, SuiteResult } from './types.ts';

const args = process.argv.slice(2);
const checkFloors = args.includes('--check-floors');
const available = readdirSync(join(repoRoot, 'eval', 'suites'))
  .filter((f) => f.endsWith('.ts'))
  .map((f) => f.replace(/\.ts$/, ''))
  .sort();
const named = args.filter((a) => !a.startsWith('--'));
const unknown = named.filter((n) => !available.includes(n));
if (unknown.length) {
  console.error(`unknown eval suite: ${unknown.join(', ')} (available: ${available.join(', ')})`);
  process.exit(2);
}
const chosen = named.length ? named : available;
const passthrough = args.filter((a) => a !== '--check-floors');

const floors: Record<string, Record<string, number>> = JSON.parse(
  readFileSync(join(repoRoot, 'eval', 'floors.json'), 'utf8'),
);
const results: SuiteResult[] = [];
for (const name of chosen) {
  const mod = (await import(`./suites/${name}.ts`)) as { run: Suite };
  const res = await mod.run(passthrough.filter((a) => a !== name));
  if (res) results.push(res);
  else console.log(`${name}: skipped (dataset not found; set HEARSAY_DATASETS or place ../shared/datasets)`);
}

if (checkFloors) {
  const failures: string[] = [];
  for (const r of results) {
    for (const [metric, floor] of Object.entries(floors[r.suite] ?? {})) {
      const got = r.metrics[metric];
      if (got === undefined) failures.push(`${r.suite} ${metric}: not reported`);
      else if (got + 1e-9 < floor) failures.push(`${r.suite} ${metric}: ${got.toFixed(1)} < floor ${floor}`);
    }
  }
  if (failures.length) {
    console.error('eval floors not met:\n  ' + failures.join('\n  '));
    process.exit(1);
  }
  console.log(`eval floors met (${results.map((r) => r.suite).join(', ') || 'no suites ran'})`);
}
