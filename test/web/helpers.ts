/**
 * Browser test plumbing: Debian's chromium driven by playwright-core (no browser
 * downloads), the web build, a corpus of the web fixtures, and `hearsay serve` started as
 * a child process on a free port.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root } from '../helpers/fixtures.ts';

export const CHROMIUM = '/usr/bin/chromium';
export const bin = join(root, 'bin/hearsay.js');
export const webFixtures = join(root, 'test/fixtures/web');
export const outDir = join(root, 'test-output');

/** Why the browser tests cannot run here, or null when they can. */
export function browserMissing(): string | null {
  if (!existsSync(CHROMIUM)) return `no chromium at ${CHROMIUM} (install it: apt-get install -y chromium); browser tests skipped`;
  return null;
}

/** Builds the web app when dist/web is missing (CI builds it first with npm run build:web). */
export function ensureWebBuild(): void {
  if (existsSync(join(root, 'dist/web/index.html'))) return;
  const r = spawnSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'src/app/web/vite.config.ts'], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`web build failed:\n${r.stdout}\n${r.stderr}`);
}

export function hearsay(...args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

export interface Served { url: string; child: ChildProcess; stdout: () => string; stderr: () => string; stop(): Promise<number | null> }

/** `hearsay serve ... --port 0`: resolves with the URL it prints. */
export function serve(args: string[], timeoutMs = 30000): Promise<Served> {
  const child = spawn(process.execPath, [bin, 'serve', '--port', '0', ...args], { env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr!.on('data', (d) => (err += d));
  return new Promise((resolve, reject) => {
    let started = false;
    const onExit = (code: number | null) => { clearTimeout(timer); reject(new Error(`hearsay serve exited (${code}):\n${out}\n${err}`)); };
    const timer = setTimeout(() => { child.off('exit', onExit); child.kill('SIGKILL'); reject(new Error(`hearsay serve did not start in ${timeoutMs} ms:\n${out}\n${err}`)); }, timeoutMs);
    child.on('exit', onExit);
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /serving (http:\/\/\S+\/)/.exec(out);
      // the whole start-up message, once
      if (started || !m || !/Ctrl-C to stop\n/.test(out)) return;
      started = true;
      clearTimeout(timer);
      child.off('exit', onExit);
      resolve({
        url: m[1],
        child,
        stdout: () => out,
        stderr: () => err,
        stop: () => new Promise((done) => {
          if (child.exitCode !== null || child.signalCode !== null) return done(child.exitCode);
          child.once('exit', (code) => done(code));
          child.kill('SIGTERM');
        }),
      });
    });
  });
}

/** A fresh corpus of the web fixtures in a temporary directory. */
export function fixtureCorpus(): { dir: string; db: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'hearsay-web-'));
  const db = join(dir, 'web.db');
  const r = hearsay('ingest', webFixtures, '--db', db, '--workers', '1', '--no-progress');
  if (r.code !== 0) throw new Error(`ingest failed (${r.code}):\n${r.out}\n${r.err}`);
  return { dir, db, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Chromium with a fresh profile (playwright passes it as --user-data-dir). */
export async function launch() {
  const { chromium } = await import('playwright-core');
  const profile = mkdtempSync(join(tmpdir(), 'hearsay-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1360, height: 900 },
    deviceScaleFactor: 1,
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
