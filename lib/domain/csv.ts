import { stringify, type Options } from "csv-stringify/sync";

/**
 * CSV for spreadsheets. A cell that starts with = + - @ tab or return is prefixed with a
 * quote, so text someone typed into Preflight ("=HYPERLINK(…)") is shown, never run as a
 * formula by whoever opens the export (CSV injection).
 */
export function toCsv(rows: Record<string, unknown>[], options: Pick<Options, "header" | "columns"> = {}): string {
  return stringify(rows, { ...options, escape_formulas: true });
}
