/**
 * Output for the corpus commands: aligned tables for people, JSON and CSV for programs.
 */
import type { SpeakerSummary, StatementRow } from '../../store/index.ts';

export type OutputFormat = 'table' | 'json' | 'csv';

/** Terminal width, or $COLUMNS, or 120 when writing to a pipe or file. */
export function outputWidth(): number {
  const env = Number(process.env.COLUMNS);
  return process.stdout.columns ?? (Number.isFinite(env) && env > 20 ? env : 120);
}

export function json(value: unknown): string {
  return JSON.stringify(value, null, 2) + '\n';
}

// ---------------------------------------------------------------- CSV (RFC 4180)

function csvField(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(values: unknown[]): string {
  return values.map(csvField).join(',') + '\r\n';
}

export function csv(columns: readonly string[], rows: readonly Record<string, unknown>[]): string {
  return csvLine([...columns]) + rows.map((r) => csvLine(columns.map((c) => r[c]))).join('');
}

// ---------------------------------------------------------------- tables

export interface Column<T> {
  header: string;
  get(row: T): string;
  /** Right-align (numbers). */
  right?: boolean;
  /** Takes the width left over; cut with … when too long. At most one column. */
  flex?: boolean;
  max?: number;
}

const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

function cut(s: string, width: number): string {
  if (width <= 0) return '';
  if ([...s].length <= width) return s;
  return [...s].slice(0, Math.max(0, width - 1)).join('') + '…';
}

export function table<T>(columns: readonly Column<T>[], rows: readonly T[], width = outputWidth()): string {
  const cells = rows.map((r) => columns.map((c) => oneLine(c.get(r))));
  const widths = columns.map((c, k) => Math.min(c.max ?? Infinity, Math.max(c.header.length, ...cells.map((row) => [...row[k]].length))));
  const flex = columns.findIndex((c) => c.flex);
  if (flex >= 0) {
    const fixed = widths.reduce((a, w, k) => (k === flex ? a : a + w), 0) + 2 * (columns.length - 1);
    widths[flex] = Math.max(20, Math.min(widths[flex], width - fixed));
  }
  const fmt = (row: string[]) =>
    row
      .map((cell, k) => {
        const c = cut(cell, widths[k]);
        const pad = widths[k] - [...c].length;
        return columns[k].right ? ' '.repeat(pad) + c : k === row.length - 1 ? c : c + ' '.repeat(pad);
      })
      .join('  ')
      .trimEnd();
  const out = [fmt(columns.map((c) => c.header)), fmt(widths.map((w) => '─'.repeat(w)))];
  for (const row of cells) out.push(fmt(row));
  return out.join('\n') + '\n';
}

// ---------------------------------------------------------------- statements and speakers

export function speakerLabel(s: StatementRow): string {
  const sp = s.source.speaker;
  if (!sp) return s.source.mention ? `“${s.source.mention}” (unresolved)` : '(no source)';
  return sp.anonymous ? `${sp.name} (anonymous)` : sp.name;
}

export function statementColumns(opts: { score?: boolean } = {}): Column<StatementRow>[] {
  const cols: Column<StatementRow>[] = [
    { header: 'id', get: (s) => String(s.id), right: true },
    { header: 'date', get: (s) => s.date ?? '' },
    { header: 'source', get: speakerLabel, max: 32 },
    { header: 'act', get: (s) => s.act },
    { header: 'statement', get: (s) => (s.type === 'direct' ? `“${s.quote}”` : s.quote), flex: true },
    { header: 'article', get: (s) => String(s.article.id), right: true },
  ];
  if (opts.score) cols.splice(1, 0, { header: 'score', get: (s) => (s.score === undefined ? '' : (-s.score).toFixed(1)), right: true });
  return cols;
}

export const STATEMENT_CSV = [
  'statement_id', 'article_id', 'doc_id', 'title', 'url', 'published', 'local_id', 'date', 'date_source', 'speaker_id', 'speaker',
  'speaker_type', 'anonymous', 'group', 'mention', 'type', 'act', 'cue', 'time_text', 'time_value', 'confidence', 'quote',
] as const;

export function statementRecord(s: StatementRow): Record<string, unknown> {
  const sp = s.source.speaker;
  return {
    statement_id: s.id, article_id: s.article.id, doc_id: s.article.docId, title: s.article.title, url: s.article.url,
    published: s.article.published, local_id: s.localId, date: s.date, date_source: s.dateSource, speaker_id: sp?.id ?? null,
    speaker: sp?.name ?? null, speaker_type: sp?.type ?? null, anonymous: sp ? sp.anonymous : null, group: sp?.group ?? null,
    mention: s.source.mention, type: s.type, act: s.act, cue: s.cue, time_text: s.time?.text ?? null, time_value: s.time?.value ?? null,
    confidence: s.confidence, quote: s.quote, score: s.score,
  };
}

export function statementsCsv(rows: readonly StatementRow[], opts: { score?: boolean } = {}): string {
  return csv(opts.score ? [...STATEMENT_CSV, 'score'] : STATEMENT_CSV, rows.map(statementRecord));
}

/** " (anonymous, 12 sources)", " (12 sources)" for a group of described sources, " (anonymous)", or nothing. */
function sourceNote(s: SpeakerSummary): string {
  const n = s.group !== null && s.sources > 1 ? `${s.sources} sources` : '';
  const parts = [s.anonymous ? 'anonymous' : '', n].filter(Boolean);
  return parts.length ? ` (${parts.join(', ')})` : '';
}

export const speakerColumns: Column<SpeakerSummary>[] = [
  { header: 'id', get: (s) => (s.id === null ? '' : String(s.id)), right: true },
  { header: 'source', get: (s) => `${s.name}${sourceNote(s)}`, max: 48 },
  { header: 'type', get: (s) => s.type },
  { header: 'statements', get: (s) => String(s.statements), right: true },
  { header: 'articles', get: (s) => String(s.articles), right: true },
  { header: 'first seen', get: (s) => s.firstSeen ?? '' },
  { header: 'last seen', get: (s) => s.lastSeen ?? '' },
  { header: 'titles', get: (s) => s.titles.join('; '), flex: true },
];

export const SPEAKER_CSV = ['id', 'group', 'name', 'type', 'anonymous', 'statements', 'articles', 'sources', 'first_seen', 'last_seen', 'titles'] as const;

export function speakerRecord(s: SpeakerSummary): Record<string, unknown> {
  return {
    id: s.id, group: s.group, name: s.name, type: s.type, anonymous: s.anonymous, statements: s.statements, articles: s.articles,
    sources: s.sources, first_seen: s.firstSeen, last_seen: s.lastSeen, titles: s.titles.join('; '),
  };
}
