import type { TSummary } from "@/bench/lib/stats";

/** One line of the results table. Times in ms unless `unit` says otherwise. */
export type TBenchRow = {
  group: string;
  name: string;
  unit?: "ms" | "s" | "KB" | "MB" | "%" | "×";
  p50?: number;
  p95?: number;
  max?: number;
  perSecond?: number;
  /** A single figure (sizes, memory, ratios). */
  value?: number;
  /** The target in words, e.g. "p95 ≤ 10 ms". */
  target?: string;
  met?: boolean;
  note?: string;
};

export type TBenchContext = { serverUrl: string; quick: boolean; soakSeconds: number; log: (line: string) => void };

export type TScenario = { id: string; title: string; run: (ctx: TBenchContext) => Promise<TBenchRow[]> };

export function row(group: string, name: string, summary: TSummary, extra: Partial<TBenchRow> = {}): TBenchRow {
  return { group, name, p50: summary.p50, p95: summary.p95, max: summary.max, ...(summary.perSecond ? { perSecond: summary.perSecond } : {}), ...extra };
}
