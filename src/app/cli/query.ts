/**
 * The corpus queries: `hearsay search | who | speakers | timeline | show | export | disputes`.
 * Thin shells over src/store: parse flags, call one query, print it as a table, JSON or CSV.
 */
import { Command, Option } from 'commander';
import { HearsayError, isHearsayError } from '../../core/errors.ts';
import {
  openCorpus, search, resolveSpeaker, speakerProfile, speakers, timeline, disputes, findArticle, analysisOf, exportAnalyses,
  exportStatements, statements as listStatements, checkDate, DEFAULT_DB, type Db, type SpeakerSelector, type SpeakerSummary, type StatementRow,
} from '../../store/index.ts';
import {
  csv, csvLine, json, outputWidth, speakerColumns, speakerRecord, SPEAKER_CSV, statementColumns, statementRecord, statementsCsv, STATEMENT_CSV,
  table, type OutputFormat,
} from './format.ts';
import { formatReport } from './report.ts';

interface Common { db: string; format: OutputFormat; limit: string; offset: string }

const out = (s: string) => process.stdout.write(s);
const dbOption = () => new Option('--db <file>', 'corpus database').default(process.env.HEARSAY_DB ?? DEFAULT_DB);
const formatOption = (choices = ['table', 'json', 'csv'], dflt = 'table') => new Option('-f, --format <format>', 'output format').choices(choices).default(dflt);

function common(cmd: Command, limit = '20'): Command {
  return cmd
    .addOption(dbOption())
    .addOption(formatOption())
    .option('-n, --limit <n>', 'at most this many rows', limit)
    .option('--offset <n>', 'skip this many rows first (paging)', '0');
}

function int(value: string, what: string, min: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new HearsayError('BAD_ARGUMENT', `${what} must be a whole number ≥ ${min}, not "${value}"`);
  return n;
}

/** Opens the corpus, runs the command, turns refusals into one-line messages and exit codes. */
async function run(flags: { db: string }, body: (db: Db) => number | void | Promise<number | void>): Promise<void> {
  let db: Db | null = null;
  try {
    db = openCorpus(flags.db);
    process.exitCode = (await body(db)) ?? 0;
  } catch (e) {
    if (!isHearsayError(e)) throw e;
    process.stderr.write(`hearsay: ${e.code === 'NOT_FOUND' || e.code === 'UNREADABLE' ? e.oneLine() : e.message}\n`);
    process.exitCode = e.code === 'BAD_ARGUMENT' ? 2 : 1;
  } finally {
    db?.close();
  }
}

function paging(flags: Common): { limit: number; offset: number } {
  return { limit: int(flags.limit, '--limit', 1), offset: int(flags.offset, '--offset', 0) };
}

function more(hasMore: boolean, flags: Common, shown: number): string {
  if (!hasMore) return '';
  const offset = paging(flags).offset + shown;
  return `… more: --offset ${offset}\n`;
}

/** --who NAME → a selector, or a clear refusal listing the candidates. */
function speakerArg(db: Db, name: string | undefined): SpeakerSelector | undefined {
  if (name === undefined) return undefined;
  const r = resolveSpeaker(db, name);
  if (r.kind === 'none') throw new HearsayError('BAD_ARGUMENT', `no source matches ${JSON.stringify(name)} (see: hearsay speakers)`);
  if (r.kind === 'ambiguous') {
    const list = r.candidates.slice(0, 8).map((c) => `${c.name}${c.id !== null ? ` [${c.id}]` : ''} (${c.statements})`).join(', ');
    throw new HearsayError('BAD_ARGUMENT', `${JSON.stringify(name)} could be ${r.candidates.length} sources: ${list}; use a full name`);
  }
  return r.speaker.id !== null ? { entity: r.speaker.id } : { group: r.speaker.group! };
}

function printStatements(rows: StatementRow[], hasMore: boolean, flags: Common, opts: { score?: boolean } = {}): void {
  if (flags.format === 'json') out(json(rows));
  else if (flags.format === 'csv') out(statementsCsv(rows, opts));
  else if (!rows.length) out('no statements\n');
  else out(table(statementColumns(opts), rows) + more(hasMore, flags, rows.length));
}

// ---------------------------------------------------------------- search

interface SearchFlags extends Common { who?: string; from?: string; to?: string; anonymous?: boolean; act?: string }

export function registerSearch(program: Command): void {
  common(program.command('search'))
    .description('statements whose words match, best first (bm25), with source, article and date')
    .argument('<text...>', 'words to find (all must match; "a phrase", OR, NOT, NEAR(a b), prefix* also work)')
    .option('--who <name>', 'only statements by this source')
    .option('--from <date>', 'said on or after (YYYY-MM-DD)')
    .option('--to <date>', 'said on or before')
    .option('--anonymous', 'only anonymous sources')
    .option('--act <act>', 'only this speech act (say, claim, deny, promise, warn, ...)')
    .addHelpText('after', `
Examples:
  hearsay search NATO expansion
  hearsay search '"no commitments"' --who Peskov
  hearsay search sanction* --from 2022-02-01 --format json`)
    .action((words: string[], flags: SearchFlags) =>
      run(flags, (db) => {
        if (flags.from) checkDate(flags.from, '--from');
        if (flags.to) checkDate(flags.to, '--to');
        const r = search(db, words.join(' '), {
          ...paging(flags), speaker: speakerArg(db, flags.who), from: flags.from, to: flags.to, act: flags.act,
          anonymous: flags.anonymous ? true : undefined,
        });
        printStatements(r.statements, r.hasMore, flags, { score: true });
      }));
}

// ---------------------------------------------------------------- who

interface WhoFlags extends Common { id?: string; from?: string; to?: string }

function printCandidates(name: string, candidates: SpeakerSummary[], flags: Common): void {
  if (flags.format === 'json') out(json({ query: name, ambiguous: true, candidates }));
  else if (flags.format === 'csv') out(csv(SPEAKER_CSV, candidates.map(speakerRecord)));
  else out(`${JSON.stringify(name)} could be ${candidates.length} sources; ask again with a full name or --id:\n\n` + table(speakerColumns, candidates));
}

export function registerWho(program: Command): void {
  common(program.command('who'))
    .description("a source's profile: names, aliases, titles, statement count, statements newest first")
    .argument('[name...]', 'a name ("Dmitry Peskov", "Peskov") or an anonymous description ("French official")')
    .option('--id <id>', 'the source with this id (from hearsay speakers)')
    .option('--from <date>', 'statements said on or after (YYYY-MM-DD)')
    .option('--to <date>', 'statements said on or before')
    .addHelpText('after', `
A name shared by several sources (a bare surname, a description) lists the candidates.

Examples:
  hearsay who Dmitry Peskov
  hearsay who Peskov --limit 5 --format json
  hearsay who French official`)
    .action((words: string[], flags: WhoFlags) =>
      run(flags, (db) => {
        const name = words.join(' ').trim();
        let sel: SpeakerSelector;
        if (flags.id !== undefined) sel = { entity: int(flags.id, '--id', 1) };
        else if (!name) throw new HearsayError('BAD_ARGUMENT', 'who needs a name (or --id ID)');
        else {
          const r = resolveSpeaker(db, name);
          if (r.kind === 'none') {
            process.stderr.write(`hearsay: no source matches ${JSON.stringify(name)} (see: hearsay speakers)\n`);
            if (flags.format === 'json') out(json({ query: name, ambiguous: false, candidates: [] }));
            return 1;
          }
          if (r.kind === 'ambiguous') return printCandidates(name, r.candidates, flags);
          sel = r.speaker.id !== null ? { entity: r.speaker.id } : { group: r.speaker.group! };
        }
        if (flags.from) checkDate(flags.from, '--from');
        if (flags.to) checkDate(flags.to, '--to');
        const p = speakerProfile(db, sel, { ...paging(flags), from: flags.from, to: flags.to });
        if (!p) {
          process.stderr.write(`hearsay: no source with id ${flags.id}\n`);
          return 1;
        }
        if (flags.format === 'json') return void out(json(p));
        if (flags.format === 'csv') return void out(statementsCsv(p.statements));
        const s = p.speaker;
        const lines = [
          `${s.name}${s.id !== null ? `  [id ${s.id}]` : ''}  ${s.type.toLowerCase()}${s.anonymous ? ', anonymous' : ''}${s.group !== null && s.sources > 1 ? ` (${s.sources} separate sources grouped by description)` : ''}`,
          `${s.statements} statements in ${s.articles} articles${s.firstSeen ? `, seen ${s.firstSeen} to ${s.lastSeen}` : ''}`,
        ];
        const forms = (f: { form: string; count: number }[]) => f.map((x) => `${x.form} (${x.count})`).join(', ');
        if (s.aliases.length) lines.push(`also called: ${forms(s.aliases.slice(0, 12))}`);
        if (s.titleCounts.length) lines.push(`titles: ${forms(s.titleCounts.slice(0, 12))}`);
        out(lines.join('\n') + '\n\n');
        printStatements(p.statements, p.hasMore, flags);
      }));
}

// ---------------------------------------------------------------- speakers

interface SpeakersFlags extends Common { anonymous?: boolean; named?: boolean; type?: string }

export function registerSpeakers(program: Command): void {
  common(program.command('speakers'))
    .description('the most quoted sources, with counts; sources described but not named ("a French official", "the poll") grouped by description')
    .option('--anonymous', 'only anonymous sources (grouped)')
    .option('--named', 'only sources that are not anonymous (named, or described like "the poll")')
    .addOption(new Option('--type <type>', 'only this entity type').choices(['PERSON', 'ORG', 'GPE', 'LOC', 'NORP', 'GROUP', 'OTHER']))
    .action((flags: SpeakersFlags) =>
      run(flags, (db) => {
        if (flags.anonymous && flags.named) throw new HearsayError('BAD_ARGUMENT', '--anonymous and --named exclude each other');
        const r = speakers(db, { ...paging(flags), anonymous: flags.anonymous ? true : flags.named ? false : undefined, type: flags.type });
        if (flags.format === 'json') out(json(r.speakers));
        else if (flags.format === 'csv') out(csv(SPEAKER_CSV, r.speakers.map(speakerRecord)));
        else if (!r.speakers.length) out('no sources\n');
        else out(table(speakerColumns, r.speakers) + more(r.hasMore, flags, r.speakers.length));
      }));
}

// ---------------------------------------------------------------- timeline

interface TimelineFlags extends Common { from?: string; to?: string; who?: string; anonymous?: boolean }

export function registerTimeline(program: Command): void {
  common(program.command('timeline'), '50')
    .description("statements by the date they were made (the statement's own date, else the article's), oldest first")
    .option('--from <date>', 'on or after (YYYY-MM-DD, YYYY-MM or YYYY)')
    .option('--to <date>', 'on or before (inclusive; 2022-02 means to the end of February)')
    .option('--who <name>', 'only statements by this source')
    .option('--anonymous', 'only anonymous sources')
    .addHelpText('after', `
Examples:
  hearsay timeline --from 2022-02-07 --to 2022-02-13
  hearsay timeline --who Peskov --format csv > peskov.csv`)
    .action((flags: TimelineFlags) =>
      run(flags, (db) => {
        const r = timeline(db, {
          ...paging(flags), from: flags.from, to: flags.to, speaker: speakerArg(db, flags.who), anonymous: flags.anonymous ? true : undefined,
        });
        printStatements(r.statements, r.hasMore, flags);
      }));
}

// ---------------------------------------------------------------- show

export function registerShow(program: Command): void {
  program
    .command('show')
    .description("one article's analysis: the readable report, the stored contract JSON, or its statements as CSV")
    .argument('<article>', 'article id (from search results), URL, document id or content hash prefix')
    .addOption(dbOption())
    .addOption(formatOption())
    .action((ref: string, flags: { db: string; format: OutputFormat }) =>
      run(flags, (db) => {
        const a = findArticle(db, ref);
        if (!a) {
          process.stderr.write(`hearsay: no article ${JSON.stringify(ref)} in ${flags.db}\n`);
          return 1;
        }
        const analysis = analysisOf(db, a.id)!;
        if (flags.format === 'json') out(json(analysis));
        else if (flags.format === 'csv') out(statementsCsv(listStatements(db, { article: a.id, order: 'desc', limit: 10000 }).statements.sort((x, y) => x.id - y.id)));
        else {
          const where = [a.url, a.sourceFile + (a.sourceItem ? ` (${a.sourceItem})` : '')].filter(Boolean).join(' · ');
          out(`article ${a.id} · ${where}\n`);
          out(formatReport(analysis, { color: !!process.stdout.isTTY && !process.env.NO_COLOR, width: outputWidth() }));
        }
      }));
}

// ---------------------------------------------------------------- export

export function registerExport(program: Command): void {
  program
    .command('export')
    .description('everything: one contract analysis per line (jsonl), or every statement as a CSV row')
    .addOption(dbOption())
    .addOption(formatOption(['jsonl', 'csv'], 'jsonl'))
    .addHelpText('after', `
Examples:
  hearsay export > corpus.jsonl
  hearsay export --format csv > statements.csv`)
    .action((flags: { db: string; format: 'jsonl' | 'csv' }) =>
      run(flags, async (db) => {
        const write = (s: string) => (process.stdout.write(s) ? Promise.resolve() : new Promise<void>((r) => process.stdout.once('drain', () => r())));
        if (flags.format === 'jsonl') {
          for (const line of exportAnalyses(db)) await write(line + '\n');
        } else {
          await write(csvLine([...STATEMENT_CSV]));
          for (const s of exportStatements(db)) {
            const rec = statementRecord(s);
            await write(csvLine(STATEMENT_CSV.map((c) => rec[c])));
          }
        }
      }));
}

// ---------------------------------------------------------------- disputes

interface DisputesFlags extends Common { who?: string; from?: string; to?: string }

export function registerDisputes(program: Command): void {
  common(program.command('disputes'))
    .description('who denies whom: statements that reject another statement, with both sides')
    .option('--who <name>', 'only disputes with this source on either side')
    .option('--from <date>', 'denials made on or after (YYYY-MM-DD)')
    .option('--to <date>', 'denials made on or before')
    .action((flags: DisputesFlags) =>
      run(flags, (db) => {
        const r = disputes(db, { ...paging(flags), speaker: speakerArg(db, flags.who), from: flags.from, to: flags.to });
        if (flags.format === 'json') return void out(json(r.disputes));
        if (flags.format === 'csv') {
          const rows = r.disputes.map((d) => {
            const f = statementRecord(d.from), t = statementRecord(d.to);
            return {
              relation: d.type, article_id: d.article.id, title: d.article.title, url: d.article.url, date: d.from.date,
              from_statement: f.statement_id, from_speaker: f.speaker, from_quote: f.quote,
              to_statement: t.statement_id, to_speaker: t.speaker ?? t.mention, to_quote: t.quote,
            };
          });
          return void out(csv(['relation', 'article_id', 'title', 'url', 'date', 'from_statement', 'from_speaker', 'from_quote', 'to_statement', 'to_speaker', 'to_quote'], rows));
        }
        if (!r.disputes.length) return void out('no disputes\n');
        const who = (s: StatementRow) => s.source.speaker?.name ?? (s.source.mention ? `“${s.source.mention}”` : 'unattributed');
        out(table([
          { header: 'date', get: (d) => d.from.date ?? '' },
          { header: 'who', get: (d) => who(d.from), max: 28 },
          { header: 'denies', get: (d) => d.from.quote, max: 50 },
          { header: 'whom', get: (d) => who(d.to), max: 28 },
          { header: 'claim', get: (d) => d.to.quote, flex: true },
          { header: 'article', get: (d) => String(d.article.id), right: true },
        ], r.disputes) + more(r.hasMore, flags, r.disputes.length));
      }));
}
