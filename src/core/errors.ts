/** Machine-readable reasons an input or request was refused. */
export type ErrorCode =
  | 'EMPTY'
  | 'BINARY'
  | 'ENCODING'
  | 'TOO_LARGE'
  | 'UNREADABLE'
  | 'NOT_FOUND'
  | 'PARSE'
  | 'BAD_ARGUMENT'
  | 'INTERNAL';

/**
 * The one error type every layer throws for bad input. `message` is a single line a user
 * can act on; `file` (and `item`, inside a corpus file) say where the problem is.
 */
export class HearsayError extends Error {
  readonly code: ErrorCode;
  readonly file: string | null;
  readonly item: string | null;

  constructor(code: ErrorCode, message: string, where: { file?: string | null; item?: string | null } = {}) {
    super(message);
    this.name = 'HearsayError';
    this.code = code;
    this.file = where.file ?? null;
    this.item = where.item ?? null;
  }

  /** `file: item: message`, one line. */
  oneLine(): string {
    const parts = [this.file, this.item, this.message].filter((p): p is string => !!p);
    return parts.join(': ').replace(/\s*\n\s*/g, ' ');
  }
}

export function isHearsayError(e: unknown): e is HearsayError {
  return e instanceof HearsayError;
}
