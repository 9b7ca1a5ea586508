import type { Time, TimeType } from '../../core/contract.ts';
import type { NlpLayer } from '../../nlp/tokens.ts';
import type { Ymd } from './calendar.ts';
import type { Tense } from './tense.ts';

/** A contract `Time` plus the id of the rule that produced it (for --explain). */
export interface TimeExpr extends Time {
  rule: string;
}

export type Gran = 'day' | 'week' | 'weekend' | 'month' | 'quarter' | 'half' | 'season' | 'year' | 'decade' | 'century';

/** A resolved point or period on the calendar, kept so later phrases can refer back to it. */
export interface Point {
  gran: Gran;
  y: number;
  m?: number;
  d?: number;
  q?: number;
  w?: number;
}

/** What a rule's resolver returns. `anchor` is 'published', 'ref' (then `ref` names the time), or null. */
export interface Out {
  type: TimeType;
  value: string | null;
  anchor: 'published' | 'ref' | null;
  refId?: string;
  point?: Point;
  /** A comparison value ("a year ago" in an earnings report): not a reference for later phrases. */
  comparison?: boolean;
  /** Overrides the rule id (a rule with several readings names the one it used). */
  rule?: string;
}

export interface Resolved extends Out {
  id: string;
  start: number;
  end: number;
  sent: number;
}

/** Everything a resolver may look at. Nothing here reads the clock. */
export interface State {
  text: string;
  nlp: NlpLayer;
  dct: Ymd | null;
  dctClock: { h: number; min: number } | null;
  done: Resolved[];
}

export interface Here {
  start: number;
  end: number;
  /** Token range of the expression. */
  t0: number;
  t1: number;
  sent: number;
  tense(): Tense | null;
}

export type Resolver = (st: State, here: Here) => Out | null;

export interface Candidate {
  start: number;
  end: number;
  rule: string;
  prio: number;
  resolve: Resolver;
}
