#!/usr/bin/env node
// Launcher: runs the TypeScript sources through tsx's loader (no build step).
import { register } from 'tsx/esm/api';

register();
// A closed pipe (hearsay ... | head) ends the program quietly.
process.stdout.on('error', (e) => { if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0); else throw e; });
const { main } = await import('../src/app/cli/main.ts');
try {
  process.exitCode = await main(process.argv.slice(2));
} catch (e) {
  process.stderr.write(`hearsay: internal error: ${e && e.stack ? e.stack : e}\n`);
  process.exitCode = 70;
}
