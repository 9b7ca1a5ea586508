/**
 * `npm run bench` / `npm run bench -- analyze`: the whole engine (`analyze`) over every
 * PolNeAR train article in one process — on one thread, through hearsay's analysis pool on
 * every core (threads paired, as `hearsay analyze --workers` runs), and on the pool unpaired —
 * then compromise's `quotations()` + `people()` on the same texts in the same run. Prints
 * articles/s, time per pipeline step (one thread) and peak RSS.
 * Each system runs in its own child process (_analyze-child.mjs) so peak memory is its own;
 * hearsay runs as the `hearsay` command does: the compiled tree (.build, `npm run build`)
 * when it is fresh, else the sources through tsx (the line says which).
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { datasetPath } from '../data.ts';
import { compiledIsFresh, moduleUrl } from '../../bin/compiled.js';

export const isDefault = true;

export async function run(): Promise<void> {
  const dir = datasetPath('polnear', 'train', 'text');
  if (!dir) { console.log('analyze bench: skipped (PolNeAR train texts not found)'); return; }
  const count = readdirSync(dir).filter((f) => f.endsWith('.txt')).length;
  const child = fileURLToPath(new URL('./_analyze-child.mjs', import.meta.url));
  const fresh: boolean = compiledIsFresh();
  const pipeline: string = moduleUrl('src/pipeline/analyze.ts', fresh);
  console.log(`analyze bench: ${count} PolNeAR train articles, one process each system`);
  console.log(`hearsay runs ${fresh ? 'compiled (.build, as `hearsay` runs after `npm ci`)' : 'from the sources through tsx (.build missing or older than src/: `npm run build`)'}`);
  console.log('system              articles/s   words/s    peak RSS   what  (RSS sampled every 2 ms; MB = 10^6 bytes)');
  const cores = (await import('node:os')).availableParallelism();
  for (const system of ['hearsay', `hearsay-threads-${cores}`, `hearsay-whole-${cores}`, 'compromise']) {
    const loader = system !== 'compromise' && !fresh ? ['--import', 'tsx'] : [];
    const r = spawnSync(process.execPath, [...loader, child, dir, system, pipeline], { encoding: 'utf8', maxBuffer: 1 << 26 });
    if (r.status !== 0) { console.log(`${system}: failed\n${r.stderr}`); continue; }
    process.stderr.write(r.stderr);
    const m = JSON.parse(r.stdout.trim().split('\n').pop()!);
    const what = system === 'hearsay' ? 'full analysis (statements, entities, coref, times, relations), one thread'
      : system.startsWith('hearsay-threads') ? `the same through hearsay's pool: ${system.split('-').pop()} threads of one process in pairs (words | rest), JSON out`
        : system.startsWith('hearsay-whole') ? `the same, ${system.split('-').pop()} threads each running the whole pipeline (the pool unpaired)`
          : 'quotations() + people() only, one thread';
    console.log(`${system.padEnd(19)} ${(m.docs / m.secs).toFixed(1).padStart(10)} ${Math.round(m.words / m.secs).toLocaleString('en-US').padStart(9)} ${(m.peak / 1e6).toFixed(0).padStart(7)} MB   ${what}`);
    if (system === 'hearsay') {
      const total = Object.values(m.steps as Record<string, number>).reduce((a, b) => a + b, 0);
      console.log('  per article: ' + Object.entries(m.steps as Record<string, number>).map(([k, v]) => `${k} ${(v / m.docs).toFixed(2)}`).join(', ') + ` ms (total ${(total / m.docs).toFixed(2)} ms)`);
    }
  }
}
