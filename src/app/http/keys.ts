/**
 * Speaker keys in URLs, shared by the API and the web app (pure, no Node imports): a
 * named source is its corpus entity number ("12"); anonymous sources are grouped by
 * their description, "anon:" and the description ("anon:french official"), the way the
 * speakers list shows them (one anonymous source alone can still be asked for by number).
 */

export interface SpeakerLike { id: number | null; group: string | null; anonymous?: boolean }

export const ANON_PREFIX = 'anon:';

export function speakerKey(s: SpeakerLike): string {
  if (s.group !== null && (s.id === null || s.anonymous)) return ANON_PREFIX + s.group;
  return String(s.id);
}

export type ParsedKey = { entity: number } | { group: string } | null;

/** "12" → entity 12, "anon:french official" → that group, anything else → null. */
export function parseSpeakerKey(key: string): ParsedKey {
  if (/^[1-9]\d{0,14}$/.test(key)) return { entity: Number(key) };
  // an anonymous description can be empty ("anon:"): sources the text describes by no noun
  if (key.startsWith(ANON_PREFIX) && key.length <= 400) return { group: key.slice(ANON_PREFIX.length) };
  return null;
}
