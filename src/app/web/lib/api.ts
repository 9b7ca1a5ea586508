/** The API client: typed GETs and the analyze POST; errors carry the API's code and message. */
import type { Analysis } from '../../../core/contract.ts';
import type { ArticleInfo, ArticleRef, CorpusStats, Dispute, SpeakerProfile, SpeakerRef, SpeakerSummary, StatementRow } from '../../../store/queries.ts';

export type { Analysis, ArticleInfo, ArticleRef, CorpusStats, Dispute, SpeakerRef, SpeakerSummary, StatementRow };
export type Speaker = SpeakerSummary & { key: string };
export type KeyedRef = SpeakerRef & { key: string };

export interface Status {
  hearsay: string;
  corpus: (CorpusStats & { path: string }) | null;
  db: string | null;
  analyze: { maxBytes: number; workers: number };
}
export interface Paged { hasMore: boolean; limit: number; offset: number }
export interface ArticlesPage extends Paged { articles: ArticleInfo[] }
export interface StatementsPage extends Paged { statements: StatementRow[]; query?: string }
export interface SpeakersPage extends Paged { speakers: Speaker[] }
export interface DisputesPage extends Paged { disputes: Dispute[] }
export interface ArticleResponse {
  article: ArticleInfo;
  analysis: Analysis;
  statements: Record<string, { id: number; speaker: KeyedRef | null }>;
}
export interface Counterpart { speaker: SpeakerRef | null; key: string | null; disputes: number; disputedBy: number }
export interface SpeakerResponse extends Paged {
  speaker: SpeakerProfile & { key: string };
  statements: StatementRow[];
  activity: { months: { month: string; count: number }[]; undated: number };
  disputes: { items: Dispute[]; total: number; counterparts: Counterpart[]; hasMore: boolean };
}

export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly extra: Record<string, unknown> = {}) {
    super(message);
  }
}

async function parse<T>(res: Response): Promise<T> {
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    // not JSON: a proxy page, a dropped connection
  }
  if (!res.ok) {
    const e = (body as { error?: { code?: string; message?: string } } | null)?.error;
    throw new ApiError(res.status, e?.code ?? 'HTTP_' + res.status, e?.message ?? `the server answered ${res.status} ${res.statusText}`, (e ?? {}) as Record<string, unknown>);
  }
  if (body === null) throw new ApiError(res.status, 'BAD_RESPONSE', 'the server sent something that is not JSON');
  return body as T;
}

function network(e: unknown): never {
  if ((e as Error).name === 'AbortError') throw e;
  throw new ApiError(0, 'NETWORK', 'cannot reach the hearsay server (is hearsay serve still running?)');
}

export async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, { signal, headers: { Accept: 'application/json' } });
  } catch (e) {
    network(e);
  }
  return parse<T>(res);
}

export interface AnalyzeRequest { text?: string; html?: string; published?: string; title?: string; explain?: boolean }

export async function postAnalyze(body: AnalyzeRequest, signal?: AbortSignal): Promise<Analysis> {
  let res: Response;
  try {
    res = await fetch('/api/analyze', { method: 'POST', signal, headers: { 'Content-Type': 'application/json', Accept: 'application/json' }, body: JSON.stringify(body) });
  } catch (e) {
    network(e);
  }
  return parse<Analysis>(res);
}

/** A query string from the set values. */
export function qs(params: Record<string, string | number | boolean | null | undefined>): string {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') u.set(k, String(v));
  const s = u.toString();
  return s ? `?${s}` : '';
}
