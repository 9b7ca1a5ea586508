/** `hearsay serve [--db FILE] [--port 8787] [--host 127.0.0.1]`: the API and the web app in the browser. */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { createDocument } from '../../core/document.ts';
import { isHearsayError } from '../../core/errors.ts';
import { stats, DEFAULT_DB } from '../../store/index.ts';

interface ServeFlags { db: string; port: string; host: string; workers?: string; readers?: string; build?: boolean; cache: string }

const VITE_CONFIG = fileURLToPath(new URL('../web/vite.config.ts', import.meta.url));

export function registerServe(program: Command, version: string): void {
  program
    .command('serve')
    .description('open the corpus in the browser: the web app and its JSON API on one port (paste an article to analyse it)')
    .option('--db <file>', 'corpus database (without one, pasted articles still work)', process.env.HEARSAY_DB ?? DEFAULT_DB)
    .option('--port <n>', 'port to listen on (0: any free port)', '8787')
    .option('--host <host>', 'address to listen on (loopback by default; 0.0.0.0 opens it to the network)', '127.0.0.1')
    .option('-w, --workers <n>', `analysis threads for pasted articles (default: the number of cores, here ${availableParallelism()})`)
    .option('--readers <n>', `threads answering corpus reads (default: the number of cores; 0 = in the server's thread)`)
    .option('--cache <MB>', 'megabytes of corpus answers to keep while the database is unchanged (0: none)', '64')
    .option('--no-build', 'do not build the web app when it is missing')
    .addHelpText('after', `
The API is described at /api/openapi.json. The web app is served from dist/web
(npm run build:web); when it is missing, serve builds it first.

Examples:
  hearsay serve --db week.db
  hearsay serve --port 0          # any free port; the URL is printed`)
    .action(async (flags: ServeFlags) => {
      process.exitCode = await runServe(flags, version);
    });
}

function say(line: string): void {
  process.stdout.write(line + '\n');
}

function fail(message: string, code = 2): number {
  process.stderr.write(`hearsay: ${message}\n`);
  return code;
}

async function buildWeb(webBuilt: () => boolean): Promise<string | null> {
  try {
    const { build } = await import('vite');
    await build({ configFile: VITE_CONFIG, logLevel: 'warn' });
    return webBuilt() ? null : 'the build wrote no index.html';
  } catch (e) {
    return (e as Error).message?.split('\n')[0] ?? String(e);
  }
}

export async function runServe(flags: ServeFlags, version: string): Promise<number> {
  // loaded here, not at the top: every other command starts without the server's modules
  const [{ createAnalysisService, warm }, { CorpusHandle }, { isLoopback, startServer }, { WEB_DIST, webBuilt }, { ReadPool }] = await Promise.all([
    import('../http/analyzer.ts'), import('../http/corpus.ts'), import('../http/server.ts'), import('../http/static.ts'), import('../http/read-pool.ts'),
  ]);
  const port = Number(flags.port);
  if (!/^\d+$/.test(flags.port) || port > 65535) return fail(`--port must be a whole number from 0 to 65535, not "${flags.port}"`);
  const cacheMb = Number(flags.cache);
  if (!/^\d+(\.\d+)?$/.test(flags.cache) || !Number.isFinite(cacheMb)) return fail(`--cache must be a number of megabytes (0 for none), not "${flags.cache}"`);
  const workers = flags.workers === undefined ? availableParallelism() : Number(flags.workers);
  if (!Number.isInteger(workers) || workers < 1) return fail(`--workers must be a whole number ≥ 1, not "${flags.workers}"`);
  const readers = flags.readers === undefined ? availableParallelism() : Number(flags.readers);
  if (!Number.isInteger(readers) || readers < 0) return fail(`--readers must be a whole number ≥ 0, not "${flags.readers}"`);

  const corpus = new CorpusHandle(flags.db);
  let corpusLine: string;
  try {
    const db = corpus.open();
    if (db) {
      const s = stats(db);
      corpusLine = `corpus: ${flags.db} (${s.articles.toLocaleString('en-US')} articles, ${s.statements.toLocaleString('en-US')} statements)`;
    } else {
      corpusLine = `no corpus at ${flags.db} yet: paste articles in the browser, or fill one with: hearsay ingest ARTICLES... --db ${flags.db}`;
    }
  } catch (e) {
    if (!isHearsayError(e)) throw e;
    return fail(e.oneLine(), 1);
  }

  if (!webBuilt()) {
    if (flags.build === false || !existsSync(VITE_CONFIG)) {
      process.stderr.write(`hearsay: the web app is not built (build it with: npm run build:web); serving the API only\n`);
    } else {
      process.stderr.write('hearsay: the web app is not built yet; building it now (npm run build:web) ...\n');
      const why = await buildWeb(webBuilt);
      if (why) process.stderr.write(`hearsay: could not build the web app (${why}); run npm run build:web. Serving the API only\n`);
    }
  }

  const analysis = createAnalysisService(workers);
  const log = (line: string) => process.stderr.write(`hearsay: ${line}\n`);
  const readPool = readers > 0 ? new ReadPool(flags.db, readers, log) : null;
  let running;
  try {
    running = await startServer({ corpus, analysis, readPool, log, version, webDir: WEB_DIST, port, host: flags.host, cacheBytes: Math.round(cacheMb * 1024 * 1024) });
  } catch (e) {
    corpus.close();
    await analysis.close();
    await readPool?.close();
    if (!isHearsayError(e)) throw e;
    return fail(e.message, 1);
  }
  say(`hearsay: serving ${running.url}`);
  say(`  ${corpusLine}`);
  say(`  API: ${running.url}api/openapi.json · Ctrl-C to stop`);
  if (!isLoopback(flags.host)) {
    process.stderr.write(`hearsay: listening on ${flags.host}: anyone who can reach this machine can read the corpus and use its CPU\n`);
  }
  // load the models in the workers now, so that the first pasted article is quick
  warm(analysis, createDocument('“We are ready,” the minister said on Monday.', { id: 'warm-up' }));

  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  const force = setTimeout(() => process.exit(0), 3000);
  force.unref();
  await running.close();
  await analysis.close();
  await readPool?.close();
  corpus.close();
  return 0;
}
