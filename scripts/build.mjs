#!/usr/bin/env node
// `npm run build` (also run by `npm ci` / `npm install` as `prepare`, with --soft): compiles src/ to plain
// JavaScript in .build/ so that `hearsay` and its worker threads start without tsx's loader
// (about 35 MB less memory per thread and a faster start). bin/hearsay.js uses .build while
// it is newer than every file in src/, and the TypeScript sources through tsx otherwise, so
// editing a source never runs stale code. The compiled tree keeps the source layout, so the
// paths the code reads relative to itself (models/, contract/, dist/web, src/lexicons) resolve
// the same way: data files are copied and the top-level folders linked.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, '.build');
const t0 = Date.now();
rmSync(out, { recursive: true, force: true });

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const r = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
if (r.status !== 0) {
  rmSync(out, { recursive: true, force: true });
  console.error('hearsay build: tsc failed; nothing built (bin/hearsay.js will run the sources through tsx)');
  // `--soft` (the install's `prepare`): an install still succeeds, and runs the sources
  process.exit(process.argv.includes('--soft') ? 0 : 1);
}

// data files beside the sources (lexicons, worker boot files), except the web app's sources
let copied = 0;
(function copy(dir) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    const rel = relative(root, p);
    if (rel === join('src', 'app', 'web')) continue;
    if (e.isDirectory()) copy(p);
    else if (!/\.tsx?$/.test(e.name)) {
      mkdirSync(dirname(join(out, rel)), { recursive: true });
      cpSync(p, join(out, rel));
      copied++;
    }
  }
})(join(root, 'src'));
// folders the code reaches by relative paths: linked, not copied
for (const [link, target] of [['models', '../models'], ['contract', '../contract'], ['dist', '../dist'], ['src/app/web', '../../../src/app/web']]) {
  mkdirSync(dirname(join(out, link)), { recursive: true });
  symlinkSync(target, join(out, link));
}
writeFileSync(join(out, 'stamp'), new Date().toISOString() + '\n');
console.error(`hearsay build: src/ compiled to .build/ (${copied} data files) in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
