/**
 * The `hearsay` command line. A thin shell: argument parsing, reading inputs, printing.
 */
import { Command, Option } from 'commander';
import { registerAnalyze } from './analyze.ts';
import { registerIngest } from './ingest.ts';
import { registerServe } from './serve.ts';
import { registerSearch, registerWho, registerSpeakers, registerTimeline, registerShow, registerExport, registerDisputes } from './query.ts';

export function buildProgram(): Command {
  const program = new Command();
  program
    .name('hearsay')
    .description('Who said what, to whom, when — and who denies it: attributed statements from news articles.')
    .version(VERSION, '-V, --version')
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ outputError: (str, write) => write(`hearsay: ${str.replace(/^error: /, '')}`) })
    .exitOverride();
  registerAnalyze(program);
  registerIngest(program);
  registerSearch(program);
  registerWho(program);
  registerSpeakers(program);
  registerTimeline(program);
  registerShow(program);
  registerExport(program);
  registerDisputes(program);
  registerServe(program, VERSION);
  return program;
}

export const VERSION = '0.1.0';

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return process.exitCode === undefined ? 0 : Number(process.exitCode);
  } catch (e) {
    const err = e as { code?: string; exitCode?: number };
    if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return 0;
    if (err.code?.startsWith('commander.')) return 2;
    throw e;
  }
}

export { Option };
