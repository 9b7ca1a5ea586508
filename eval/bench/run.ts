/**
 * `npm run bench [-- NAME...]`: runs the named benchmarks (default: analyze, plus any
 * listed as default in eval/bench/*.ts) and prints throughput and peak memory.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../data.ts';

interface Bench { run(args: string[]): Promise<void>; isDefault?: boolean }

const args = process.argv.slice(2);
const available = readdirSync(join(repoRoot, 'eval', 'bench'))
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts' && !f.startsWith('_'))
  .map((f) => f.replace(/\.ts$/, ''))
  .sort();
const named = args.filter((a) => !a.startsWith('--'));
const unknown = named.filter((n) => !available.includes(n));
if (unknown.length) {
  console.error(`unknown bench: ${unknown.join(', ')} (available: ${available.join(', ')})`);
  process.exit(2);
}
const mods = new Map<string, Bench>();
for (const name of available) mods.set(name, (await import(`./${name}.ts`)) as Bench);
const chosen = named.length ? named : available.filter((n) => mods.get(n)!.isDefault);
for (const name of chosen) await mods.get(name)!.run(args.filter((a) => a !== name));
