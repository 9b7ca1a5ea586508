/** `hearsay analyze FILE_OR_DIR... [--published DATE] [--format table|json|jsonl] [--explain]` */
import { Command, Option } from 'commander';
import { isHearsayError, HearsayError } from '../../core/errors.ts';
import { formatReport } from './report.ts';
import { progress } from './progress.ts';

interface AnalyzeFlags { published?: string; format: 'table' | 'json' | 'jsonl'; explain?: boolean; maxSize: string; progress?: boolean }

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
    .addHelpText('after', `
Examples:
  hearsay analyze examples/kremlin-denial.txt --published 2022-02-08
  hearsay analyze article.html --format json
  hearsay analyze corpus/ --format jsonl > analyses.jsonl

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
  const out = process.stdout;
  const results = readInputs(paths, { kinds: 'analyze', maxBytes: Math.round(maxMb * 1024 * 1024), published: flags.published === undefined ? undefined : published });
  let ok = 0, failed = 0, printedJson = false;
  const bar = flags.progress !== false && flags.format !== 'table' ? progress('analyzing') : null;
  for await (const r of results) {
    if (!r.ok) {
      failed++;
      bar?.clear();
      process.stderr.write(`hearsay: ${r.error.oneLine()}\n`);
      bar?.tick(ok + failed);
      continue;
    }
    let analysis;
    try {
      analysis = analyze(r.doc, { explain: !!flags.explain });
    } catch (e) {
      failed++;
      bar?.clear();
      const msg = isHearsayError(e) ? e.message : `internal error: ${(e as Error).message}`;
      process.stderr.write(`hearsay: ${r.file}${r.item ? `: ${r.item}` : ''}: ${msg}\n`);
      continue;
    }
    ok++;
    bar?.tick(ok + failed);
    if (flags.format === 'jsonl') out.write(JSON.stringify(analysis) + '\n');
    else if (flags.format === 'json') {
      if (printedJson) {
        bar?.done();
        return fail('--format json prints one article; use --format jsonl for several');
      }
      out.write(JSON.stringify(analysis, null, 2) + '\n');
      printedJson = true;
    } else {
      if (ok + failed > 1) out.write('\n');
      out.write(formatReport(analysis, { color: !!out.isTTY && !process.env.NO_COLOR, width: out.columns ?? 100 }));
    }
  }
  bar?.done();
  if (ok + failed === 0) {
    process.stderr.write(`hearsay: ${new HearsayError('NOT_FOUND', 'no articles found (looked for .txt, .html, .htm)').message}\n`);
    return 1;
  }
  if (failed) process.stderr.write(`hearsay: ${ok} analysed, ${failed} failed\n`);
  return failed ? 1 : 0;
}
