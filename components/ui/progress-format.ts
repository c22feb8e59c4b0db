/**
 * Words for long work (reading a file, checking it, saving it, downloading an export): pure,
 * so the client components that show them and the unit tests share one version.
 */
import type { TAuditExportFormat } from "@/lib/domain/audit/audit-export-file";


const NUMBER = new Intl.NumberFormat("en-US");
const KILOBYTE = 1024;
const UNITS = ["KB", "MB", "GB"] as const;

/** 1234 → "1,234". */
export const formatCount = (count: number): string => NUMBER.format(count);

/** "1 item", "2 items", "1,234 items". */
export const plural = (count: number, one: string, many = `${one}s`): string => `${formatCount(count)} ${count === 1 ? one : many}`;

/** "0 B", "900 B", "1.5 KB", "120 KB", "2.4 MB": one decimal under 10 of a unit, none above (1 KB = 1024 bytes). */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < KILOBYTE) return `${Math.max(0, Math.round(Number.isFinite(bytes) ? bytes : 0))} B`;
  const shown = (value: number) => (value < 9.95 ? value.toFixed(1) : value.toFixed(0));
  let value = bytes / KILOBYTE;
  let unit = 0;
  // Rounding can reach the next unit ("1024 KB"): that is said as "1.0 MB".
  while (unit < UNITS.length - 1 && Number(shown(value)) >= KILOBYTE) {
    value /= KILOBYTE;
    unit += 1;
  }
  return `${shown(value)} ${UNITS[unit]}`;
}

/** A whole percentage of done over total, within 0–100; null when the total is unknown. */
export function percentOf(done: number, total: number | null | undefined): number | null {
  if (total === null || total === undefined || !Number.isFinite(total) || total <= 0) return null;
  return Math.min(100, Math.max(0, Math.floor((done / total) * 100)));
}

// ---- Template import -------------------------------------------------------------------

export const readingText = (bytes: number): string => `Reading file (${formatBytes(bytes)})…`;

export const checkingText = ({ sections, items }: { sections: number; items: number }): string => `Checking ${plural(sections, "section")} and about ${plural(items, "item")}…`;

export const savingText = (items: number): string => `Saving ${plural(items, "item")}…`;

/** "12 s", "2 min 05 s": how long a stage has run. */
export function formatElapsed(seconds: number): string {
  const whole = Math.max(0, Math.floor(seconds));
  if (whole < 60) return `${whole} s`;
  return `${Math.floor(whole / 60)} min ${String(whole % 60).padStart(2, "0")} s`;
}

// ---- Audit export ----------------------------------------------------------------------

/**
 * Counts the events in an audit export as its text arrives, in pieces cut anywhere.
 * CSV: one record per line break outside quotes, less the header line. JSON: the export
 * writes one event per line, each starting with "{" right after a line break (JSON.stringify
 * escapes every line break inside a value), so those are counted.
 */
export function createRecordCounter(format: TAuditExportFormat): { add: (text: string) => void; readonly records: number } {
  let inQuotes = false;
  let lineBreaks = 0;
  let objects = 0;
  let previous = -1;
  const QUOTE = 34;
  const LINE_FEED = 10;
  const BRACE = 123;
  return {
    add(text: string) {
      for (let i = 0; i < text.length; i += 1) {
        const code = text.charCodeAt(i);
        if (format === "csv") {
          if (code === QUOTE) inQuotes = !inQuotes;
          else if (code === LINE_FEED && !inQuotes) lineBreaks += 1;
        } else if (code === BRACE && previous === LINE_FEED) {
          objects += 1;
        }
        previous = code;
      }
    },
    get records() {
      return format === "csv" ? Math.max(0, lineBreaks - 1) : objects;
    },
  };
}

/** "1,234 of 5,000 events · 1.2 MB", or "1,234 events · 1.2 MB" while the total is unknown. */
export function exportDetail({ events, total, bytes }: { events: number; total: number | null; bytes: number }): string {
  const counted = total !== null && total >= events ? `${formatCount(events)} of ${plural(total, "event")}` : plural(events, "event");
  return `${counted} · ${formatBytes(bytes)}`;
}

/** The total an export announces (X-Total-Count), or null when it sent none or garbage. */
export function totalFromHeader(value: string | null): number | null {
  if (value === null || !/^\d{1,15}$/.test(value.trim())) return null;
  return Number(value.trim());
}
