#!/usr/bin/env node
// Launcher. Runs the compiled JavaScript in .build/ (`npm run build`, run by `npm ci`) when it
// is newer than every source file, else the TypeScript sources through tsx's loader, so an
// edited source never runs stale code. HEARSAY_SOURCES=1 forces the sources.
import { compiledIsFresh, moduleUrl } from './compiled.js';
import { tuneHeap } from './runtime.js';

tuneHeap();

const fresh = compiledIsFresh();
if (!fresh) (await import('tsx/esm/api')).register();
const { main } = await import(moduleUrl('src/app/cli/main.ts', fresh));
// A closed pipe (hearsay ... | head) ends the program quietly.
process.stdout.on('error', (e) => { if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0); else throw e; });
try {
  process.exitCode = await main(process.argv.slice(2));
} catch (e) {
  process.stderr.write(`hearsay: internal error: ${e && e.stack ? e.stack : e}\n`);
  process.exitCode = 70;
}
