/** What an eval suite returns: flat metric names (e.g. `exact.source.f1`) to values in percent. */
export interface SuiteResult {
  suite: string;
  metrics: Record<string, number>;
}

export type Suite = (args: string[]) => Promise<SuiteResult | null>;

export function prf(tp: number, predicted: number, gold: number): { p: number; r: number; f: number } {
  const p = predicted ? (100 * tp) / predicted : 0;
  const r = gold ? (100 * tp) / gold : 0;
  const f = p + r ? (2 * p * r) / (p + r) : 0;
  return { p, r, f };
}

export const fmt = (x: number) => x.toFixed(1).padStart(5);
