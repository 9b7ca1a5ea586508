/** `hearsay analyze FILE_OR_DIR... [--published DATE] [--format table|json|jsonl] [--explain]` */
import { Command, Option } from 'commander';
import { isHearsayError, HearsayError } from '../../core/errors.ts';
import type { Analysis } from '../../core/contract.ts';
import type { HearsayDocument } from '../../core/document.ts';
import { formatReport } from './report.ts';
import { progress } from './progress.ts';

interface AnalyzeFlags { published?: string; format: 'table' | 'json' | 'jsonl'; explain?: boolean; maxSize: string; progress?: boolean; workers?: string }

export function registerAnalyze(program: Command): void {
  program
    .command('analyze')
    .description('find every attributed statement in articles (.txt, .html, .htm; a directory means every such file in it)')
    .argument('<paths...>', 'article files or directories')
    .option('-p, --published <date>', 'publication date (YYYY-MM-DD or ISO date-time) that relative dates resolve against')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['table', 'json', 'jsonl']).default('table'))
    .option('--explain', 'list the ids of the rules behind each statement')
    .option('--max-size <MB>', 'refuse articles larger than this many megabytes', '5')
    .option('--no-progress', 'no progress bar on the terminal')
    .option('-w, --workers <n>', 'analyse on this many worker threads (for large batches; output keeps input order)', '1')
    .addHelpText('after', `
Examples:
  hearsay analyze examples/kremlin-denial.txt --published 2022-02-08
  hearsay analyze article.html --format json
  hearsay analyze corpus/ --format jsonl --workers 2 > analyses.jsonl

Exit status: 0 when every article was analysed, 1 when some could not be read
(each named on stderr), 2 for bad arguments.`)
    .action(async (paths: string[], flags: AnalyzeFlags) => {
      process.exitCode = await runAnalyze(paths, flags);
    });
}

function fail(message: string): number {
  process.stderr.write(`hearsay: ${message}\n`);
  return 2;
}

export async function runAnalyze(paths: string[], flags: AnalyzeFlags): Promise<number> {
  // loaded here, not at start-up: other commands need neither the models nor the HTML parser
  const [{ readInputs, parsePublishedArg }, { analyze }] = await Promise.all([import('../../ingest/index.ts'), import('../../pipeline/analyze.ts')]);
  let published: string | null;
  try {
    published = flags.published === undefined ? null : parsePublishedArg(flags.published);
  } catch (e) {
    return fail(isHearsayError(e) ? e.message : String(e));
  }
  const maxMb = Number(flags.maxSize);
  if (!Number.isFinite(maxMb) || maxMb <= 0) return fail(`--max-size must be a positive number of megabytes, not "${flags.maxSize}"`);
  const workers = Number(flags.workers ?? '1');
  if (!Number.isInteger(workers) || workers < 1 || workers > 64) return fail(`--workers must be a whole number from 1 to 64, not "${flags.workers}"`);
  if (workers > 1 && flags.explain) return fail('--explain runs in one thread; leave out --workers');
  const out = process.stdout;
  const results = readInputs(paths, { kinds: 'analyze', maxBytes: Math.round(maxMb * 1024 * 1024), published: flags.published === undefined ? undefined : published });
  let ok = 0, failed = 0, printedJson = false, stop = false;
  const bar = flags.progress !== false && flags.format !== 'table' ? progress('analyzing') : null;

  // With workers, analyses run ahead on the pool while results print in input order.
  const pool = workers > 1 ? await createPool(workers) : null;
  // a worker's result is the contract JSON as text: printed as it is for jsonl, parsed for the other formats
  type Job = { file: string; item: string | null; result: Promise<Analysis | string> } | { file: string; item: string | null; error: string };
  const pending: Job[] = [];
  const print = async (job: Job): Promise<void> => {
    let result: Analysis | string;
    try {
      if ('error' in job) throw new Error(job.error);
      result = await job.result;
    } catch (e) {
      failed++;
      const msg = 'error' in job ? job.error : `${job.file}${job.item ? `: ${job.item}` : ''}: ${isHearsayError(e) ? e.message : `internal error: ${(e as Error).message}`}`;
      process.stderr.write(`hearsay: ${msg}\n`);
      bar?.tick(ok + failed);
      return;
    }
    ok++;
    bar?.tick(ok + failed);
    if (flags.format === 'jsonl') {
      out.write((typeof result === 'string' ? result : JSON.stringify(result)) + '\n');
      return;
    }
    const analysis: Analysis = typeof result === 'string' ? JSON.parse(result) : result;
    if (flags.format === 'json') {
      if (printedJson) { stop = true; return; }
      out.write(JSON.stringify(analysis, null, 2) + '\n');
      printedJson = true;
    } else {
      if (ok + failed > 1) out.write('\n');
      out.write(formatReport(analysis, { color: !!out.isTTY && !process.env.NO_COLOR, width: out.columns ?? 100 }));
    }
  };
  try {
    for await (const r of results) {
      if (!r.ok) pending.push({ file: r.file, item: r.item, error: r.error.oneLine() });
      else if (pool) pending.push({ file: r.file, item: r.item, result: pool.analyze(r.doc) });
      else {
        let result: Promise<Analysis | string>;
        try { result = Promise.resolve(analyze(r.doc, { explain: !!flags.explain })); } catch (e) { result = Promise.reject(e); }
        pending.push({ file: r.file, item: r.item, result });
      }
      while (pending.length > (pool ? 4 * workers : 0)) await print(pending.shift()!);
      if (stop) break;
    }
    while (pending.length && !stop) await print(pending.shift()!);
  } finally {
    await pool?.close();
    bar?.done();
  }
  if (stop) return fail('--format json prints one article; use --format jsonl for several');
  if (ok + failed === 0) {
    process.stderr.write(`hearsay: ${new HearsayError('NOT_FOUND', 'no articles found (looked for .txt, .html, .htm)').message}\n`);
    return 1;
  }
  if (failed) process.stderr.write(`hearsay: ${ok} analysed, ${failed} failed\n`);
  return failed ? 1 : 0;
}

/**
 * Analyses on worker threads (the corpus store's pool), each answered as the contract JSON
 * text the worker wrote. (Until 2026-11-28 the workers also prepared the store's rows and
 * compressed the JSON, which this thread inflated, parsed and printed again.)
 */
async function createPool(n: number): Promise<{ analyze(doc: HearsayDocument): Promise<string>; close(): Promise<void> }> {
  const { createAnalyzer } = await import('../../store/pool.ts');
  const pool = createAnalyzer(n, { batch: true });
  return {
    async analyze(doc) {
      return (await pool.analyze(doc)).json;
    },
    close: () => pool.close(),
  };
}
