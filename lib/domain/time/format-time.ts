// Times as a reader reads them: in their own time zone and language, with the UTC time
// beside for anyone comparing notes across zones. Pure functions over Intl, no React: the
// server, the browser and the tests all call them with an explicit zone and locale.

/** An instant: an ISO 8601 string, a Date, or milliseconds since the epoch. */
export type TInstant = string | Date | number;

/** Where and how a reader reads times: an IANA time zone ("Europe/Berlin") and a BCP 47 locale. */
export type TReaderZone = { timeZone: string; locale?: string };

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

function toMs(instant: TInstant): number {
  return typeof instant === "number" ? instant : typeof instant === "string" ? Date.parse(instant) : instant.getTime();
}

// Building an Intl formatter costs far more than using one, and a list formats hundreds of
// times: one formatter per locale, zone and shape.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: TReaderZone, shape: string, options: Intl.DateTimeFormatOptions | (() => Intl.DateTimeFormatOptions)): Intl.DateTimeFormat {
  const key = `${zone.locale ?? ""}|${zone.timeZone}|${shape}`;
  let found = formatters.get(key);
  if (!found) {
    found = new Intl.DateTimeFormat(zone.locale, { ...(typeof options === "function" ? options() : options), timeZone: zone.timeZone });
    formatters.set(key, found);
  }
  return found;
}

const DATE = { day: "numeric", month: "short", year: "numeric" } as const;

// "07:15" on a 24-hour clock, "7:15 AM" on a 12-hour one (not "07:15 AM").
function timeOptions(locale: string | undefined): Intl.DateTimeFormatOptions {
  const cycle = new Intl.DateTimeFormat(locale, { hour: "numeric" }).resolvedOptions().hourCycle;
  return { hour: cycle === "h23" || cycle === "h24" ? "2-digit" : "numeric", minute: "2-digit" };
}

/** Date and time in the reader's zone, with the zone's short name: "24 Nov 2026, 07:15 CET" (en-GB, Europe/Berlin). */
export function formatDateTime(instant: TInstant, zone: TReaderZone, { seconds = false, zoneName = true } = {}): string {
  const shape = `datetime${seconds ? "s" : ""}${zoneName ? "z" : ""}`;
  const options = (): Intl.DateTimeFormatOptions => ({ ...DATE, ...timeOptions(zone.locale), ...(seconds ? { second: "2-digit" } : {}), ...(zoneName ? { timeZoneName: "short" } : {}) });
  return formatter(zone, shape, options).format(toMs(instant));
}

/** The calendar date in the reader's zone: "24 Nov 2026". */
export function formatDate(instant: TInstant, zone: TReaderZone): string {
  return formatter(zone, "date", DATE).format(toMs(instant));
}

/** The time of day in the reader's zone: "07:15", or "07:15 CET" with `zoneName`. */
export function formatTimeOfDay(instant: TInstant, zone: TReaderZone, { zoneName = false } = {}): string {
  return formatter(zone, zoneName ? "timez" : "time", () => ({ ...timeOptions(zone.locale), ...(zoneName ? { timeZoneName: "short" } : {}) })).format(toMs(instant));
}

/** Day and short month, for a chart's axis: "23 Nov". */
export function formatDayMonth(instant: TInstant, zone: TReaderZone): string {
  return formatter(zone, "daymonth", { day: "numeric", month: "short" }).format(toMs(instant));
}

/** The instant in UTC, the same in every language: "2026-11-24 06:15 UTC" (with `seconds`, "2026-11-24 06:15:09 UTC"). */
export function formatUtc(instant: TInstant, { seconds = false } = {}): string {
  const ms = toMs(instant);
  if (Number.isNaN(ms)) return "";
  return `${new Date(ms).toISOString().slice(0, seconds ? 19 : 16).replace("T", " ")} UTC`;
}

type TRelativeUnit = Intl.RelativeTimeFormatUnit;

/** The unit a person would use for a span, and how many of it: 3 days, 2 hours, 5 months. */
export function relativeUnit(spanMs: number): { value: number; unit: TRelativeUnit } | null {
  const abs = Math.abs(spanMs);
  const sign = spanMs < 0 ? -1 : 1;
  const of = (size: number, unit: TRelativeUnit) => ({ value: sign * Math.max(1, Math.round(abs / size)), unit });
  if (abs < 45_000) return null;
  if (abs < 45 * MINUTE) return of(MINUTE, "minute");
  if (abs < 22 * HOUR) return of(HOUR, "hour");
  if (abs < 7 * DAY) return of(DAY, "day");
  if (abs < 30 * DAY) return of(7 * DAY, "week");
  if (abs < 365 * DAY) return of(DAY * 30.436875, "month");
  return of(DAY * 365.2425, "year");
}

const relativeFormatters = new Map<string, Intl.RelativeTimeFormat>();

function relativeFormatter(locale: string | undefined, numeric: "always" | "auto"): Intl.RelativeTimeFormat {
  const key = `${locale ?? ""}|${numeric}`;
  let found = relativeFormatters.get(key);
  if (!found) {
    found = new Intl.RelativeTimeFormat(locale, { numeric });
    relativeFormatters.set(key, found);
  }
  return found;
}

/**
 * The instant relative to `now`: "3 days ago", "in 2 hours", "just now" (under 45 seconds
 * either way). Counted in elapsed time, not calendar days: "1 day ago", never a "yesterday"
 * that may name the wrong day.
 */
export function formatRelative(instant: TInstant, now: TInstant, locale?: string): string {
  const ms = toMs(instant);
  if (Number.isNaN(ms)) return "";
  const span = relativeUnit(ms - toMs(now));
  const rtf = relativeFormatter(locale, "always");
  if (span) return rtf.format(span.value, span.unit);
  // Intl says "now"; English readers expect "just now". Other languages get Intl's word.
  return rtf.resolvedOptions().locale.startsWith("en") ? "just now" : relativeFormatter(locale, "auto").format(0, "second");
}

/** The zone's offset from UTC at an instant, in ms (Europe/Berlin in winter: +3 600 000). */
export function zoneOffsetMs(instant: TInstant, timeZone: string): number {
  const ms = toMs(instant);
  const parts = formatter({ timeZone, locale: "en-US" }, "parts", {
    year: "numeric",
    month: "numeric",
    day: "numeric",
    hour: "numeric",
    minute: "numeric",
    second: "numeric",
    hourCycle: "h23",
  }).formatToParts(ms);
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wall = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
  return wall - Math.floor(ms / 1000) * 1000;
}

/** The instant a day starts in a zone: midnight there of the day `instant` falls on. */
export function startOfDay(instant: TInstant, timeZone: string): number {
  const ms = toMs(instant);
  const offset = zoneOffsetMs(ms, timeZone);
  const wall = new Date(ms + offset);
  const midnightWall = Date.UTC(wall.getUTCFullYear(), wall.getUTCMonth(), wall.getUTCDate());
  // The offset at midnight may differ from the one at `instant` (a daylight-saving change that day).
  const guess = midnightWall - offset;
  return midnightWall - zoneOffsetMs(guess, timeZone);
}

/**
 * Ticks for a time axis from `min` to `max`: the start of each day in the zone, never the
 * same day twice, at most `maxTicks` of them (every 2nd, 3rd… day when the span is long).
 * A span inside one day gets one tick, at its start.
 */
export function dayTicks(min: number, max: number, timeZone: string, maxTicks = 6): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max) || max < min) return [];
  const midnights: number[] = [];
  let day = startOfDay(min, timeZone);
  if (day < min) day = startOfDay(day + DAY + 12 * HOUR, timeZone);
  // Noon-to-noon steps land on the next day whatever daylight saving does; 400 years at most.
  for (let guard = 0; day <= max && guard < 146_100; guard++) {
    midnights.push(day);
    day = startOfDay(day + DAY + 12 * HOUR, timeZone);
  }
  if (midnights.length < 2 && midnights[0] !== min) midnights.unshift(min);
  const limit = Math.max(1, Math.floor(maxTicks));
  if (midnights.length <= limit) return midnights;
  const step = Math.ceil(midnights.length / limit);
  return midnights.filter((_, i) => i % step === 0);
}
