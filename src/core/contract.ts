/**
 * TypeScript form of the analysis format, version 1 (../shared/contract/). Every output
 * path — CLI JSON, HTTP API, exports — emits `Analysis`. Fields may be added, never
 * renamed or re-meant.
 */
import type { Span } from './span.ts';

export const FORMAT_VERSION = '1' as const;

export type EntityType = 'PERSON' | 'ORG' | 'GPE' | 'LOC' | 'NORP' | 'GROUP' | 'OTHER';
export type MentionKind = 'name' | 'nominal' | 'pronoun';
export type StatementType = 'direct' | 'indirect' | 'mixed';
export type SpeechAct =
  | 'say' | 'claim' | 'deny' | 'promise' | 'warn' | 'threaten' | 'demand'
  | 'estimate' | 'accuse' | 'believe' | 'want' | 'other';
export const SPEECH_ACTS: readonly SpeechAct[] = [
  'say', 'claim', 'deny', 'promise', 'warn', 'threaten', 'demand',
  'estimate', 'accuse', 'believe', 'want', 'other',
];
export type TimeType = 'DATE' | 'TIME' | 'DURATION' | 'SET';
export type RelationType = 'denies' | 'disputes' | 'confirms' | 'within';

export interface Mention extends Span {
  kind: MentionKind;
}

export interface Entity {
  id: string;
  type: EntityType;
  name: string;
  aliases: string[];
  titles: string[];
  anonymous: boolean;
  mentions: Mention[];
}

export interface Statement {
  id: string;
  type: StatementType;
  content: Span[];
  quote: string;
  cue: Span | null;
  source: { entity: string | null; mention: Span | null };
  act: SpeechAct;
  time: string | null;
  confidence: number;
  /** Added field: ids of the rules that produced this statement (only with --explain). */
  explain?: string[];
}

export interface Time {
  id: string;
  span: Span;
  type: TimeType;
  value: string | null;
  anchor: string | null;
}

export interface Relation {
  type: RelationType;
  from: string;
  to: string;
}

export interface AnalysisDocument {
  id: string;
  title: string | null;
  url: string | null;
  publisher: string | null;
  published: string | null;
  text: string;
}

export interface Analysis {
  hearsay: typeof FORMAT_VERSION;
  document: AnalysisDocument;
  entities: Entity[];
  statements: Statement[];
  times: Time[];
  relations: Relation[];
}
