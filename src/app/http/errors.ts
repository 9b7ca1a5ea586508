/**
 * Errors the API answers with. Every error is JSON `{ error: { code, message } }` (plus
 * fields that help, such as `candidates` for an ambiguous name); never a stack trace.
 */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ZodError } from 'zod';
import { isHearsayError, type HearsayError } from '../../core/errors.ts';

export type ApiErrorCode =
  | 'BAD_REQUEST' | 'BAD_JSON' | 'UNSUPPORTED_MEDIA_TYPE' | 'TOO_LARGE' | 'NOT_FOUND' | 'NO_CORPUS' | 'AMBIGUOUS'
  | 'METHOD_NOT_ALLOWED' | 'FORBIDDEN_HOST' | 'BUSY' | 'INTERNAL' | HearsayError['code'];

export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: ApiErrorCode,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface ErrorBody { error: { code: string; message: string; [k: string]: unknown } }

export function errorBody(code: string, message: string, extra: Record<string, unknown> = {}): ErrorBody {
  return { error: { ...extra, code, message } };
}

export function sendError(c: Context, status: ContentfulStatusCode, code: string, message: string, extra: Record<string, unknown> = {}): Response {
  c.header('Cache-Control', 'no-store');
  return c.json(errorBody(code, message, extra), status);
}

/** A zod failure → one line naming each bad parameter. */
export function zodMessage(e: ZodError, where: string): string {
  const parts = e.issues.slice(0, 5).map((i) => {
    if (i.code === 'unrecognized_keys') return `unknown ${where} ${i.keys.map((k) => JSON.stringify(k)).join(', ')}`;
    const path = i.path.length ? i.path.join('.') : where;
    return `${path}: ${i.message}`;
  });
  return parts.join('; ');
}

const STATUS_OF: Partial<Record<HearsayError['code'], ContentfulStatusCode>> = {
  NOT_FOUND: 404,
  TOO_LARGE: 413,
  INTERNAL: 500,
};

/** Any thrown value → the response. Unknown errors are logged (with their stack) and answered 500. */
export function errorResponse(c: Context, e: unknown, log: (line: string) => void): Response {
  if (e instanceof ApiError) return sendError(c, e.status, e.code, e.message, e.extra);
  if (isHearsayError(e)) {
    // refusals of the input (EMPTY, BINARY, ENCODING, BAD_ARGUMENT, ...) are the client's to fix
    const status = STATUS_OF[e.code] ?? 400;
    if (status === 500) log(`internal error on ${c.req.method} ${c.req.path}: ${e.message}`);
    return sendError(c, status, e.code, status === 500 ? 'internal error' : e.oneLine());
  }
  const err = e as { status?: number; message?: string; stack?: string };
  // hono's HTTPException (e.g. from a malformed body) carries its own status
  if (typeof err?.status === 'number' && err.status >= 400 && err.status < 500) {
    return sendError(c, err.status as ContentfulStatusCode, 'BAD_REQUEST', err.message || 'bad request');
  }
  log(`internal error on ${c.req.method} ${c.req.path}: ${err?.stack ?? String(e)}`);
  return sendError(c, 500, 'INTERNAL', 'internal error (see the server log)');
}
