/**
 * What every extractor receives besides the document. Extractors never read the clock:
 * the only notion of "now" is `published`.
 */
export interface ExtractContext {
  /** Publication date (ISO 8601 date or date-time) that relative dates resolve against, or null. */
  published: string | null;
  /** Record rule ids for `--explain`. */
  explain: boolean;
}

export function makeContext(partial: Partial<ExtractContext> = {}): ExtractContext {
  return { published: partial.published ?? null, explain: partial.explain ?? false };
}
