import { describe, expect, it } from "vitest";
import {
  dayTicks,
  formatDate,
  formatDateTime,
  formatDayMonth,
  formatRelative,
  formatTimeOfDay,
  formatUtc,
  relativeUnit,
  startOfDay,
  zoneOffsetMs,
} from "@/lib/domain/time/format-time";

const AT = "2026-11-24T06:15:09.000Z";
const gb = (timeZone: string) => ({ timeZone, locale: "en-GB" });
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe("formatUtc", () => {
  it("writes the instant in UTC, to the minute or the second", () => {
    expect(formatUtc(AT)).toBe("2026-11-24 06:15 UTC");
    expect(formatUtc(AT, { seconds: true })).toBe("2026-11-24 06:15:09 UTC");
    expect(formatUtc(new Date(AT))).toBe("2026-11-24 06:15 UTC");
    expect(formatUtc(Date.parse(AT))).toBe("2026-11-24 06:15 UTC");
  });

  it("gives nothing for something that is not a time", () => {
    expect(formatUtc("not a date")).toBe("");
  });
});

describe("formatDateTime", () => {
  it("shows the time in the reader's zone, with the zone's name", () => {
    expect(formatDateTime(AT, gb("Europe/Berlin"))).toBe("24 Nov 2026, 07:15 CET");
    expect(formatDateTime(AT, gb("UTC"))).toBe("24 Nov 2026, 06:15 UTC");
    expect(formatDateTime(AT, gb("Asia/Kolkata"))).toBe("24 Nov 2026, 11:45 GMT+5:30");
    expect(formatDateTime(AT, { timeZone: "America/New_York", locale: "en-US" })).toBe("Nov 24, 2026, 1:15 AM EST");
  });

  it("crosses to the previous day where the zone is behind", () => {
    expect(formatDateTime("2026-11-24T03:00:00Z", gb("America/New_York"))).toBe("23 Nov 2026, 22:00 GMT-5");
  });

  it("follows daylight saving", () => {
    expect(formatDateTime("2026-07-01T12:00:00Z", { timeZone: "America/New_York", locale: "en-US" })).toBe("Jul 1, 2026, 8:00 AM EDT");
  });

  it("adds seconds, or leaves the zone out, when asked", () => {
    expect(formatDateTime(AT, gb("UTC"), { seconds: true })).toBe("24 Nov 2026, 06:15:09 UTC");
    expect(formatDateTime(AT, gb("Asia/Kolkata"), { zoneName: false })).toBe("24 Nov 2026, 11:45");
  });
});

describe("formatDate, formatTimeOfDay, formatDayMonth", () => {
  it("gives the date in the zone", () => {
    expect(formatDate(AT, gb("UTC"))).toBe("24 Nov 2026");
    expect(formatDate("2026-11-24T03:00:00Z", gb("America/New_York"))).toBe("23 Nov 2026");
  });

  it("gives the time of day on the locale's clock", () => {
    expect(formatTimeOfDay(AT, gb("Asia/Kolkata"))).toBe("11:45");
    expect(formatTimeOfDay(AT, gb("UTC"))).toBe("06:15");
    expect(formatTimeOfDay(AT, { timeZone: "America/New_York", locale: "en-US" })).toBe("1:15 AM");
    expect(formatTimeOfDay(AT, gb("Europe/Berlin"), { zoneName: true })).toBe("07:15 CET");
  });

  it("labels a chart's day", () => {
    expect(formatDayMonth(AT, gb("UTC"))).toBe("24 Nov");
    expect(formatDayMonth("2026-11-24T03:00:00Z", gb("America/New_York"))).toBe("23 Nov");
    expect(formatDayMonth(AT, { timeZone: "UTC", locale: "en-US" })).toBe("Nov 24");
  });
});

describe("formatRelative", () => {
  const now = Date.parse(AT);
  const ago = (ms: number) => formatRelative(now - ms, now, "en");

  it("says just now within 45 seconds either way", () => {
    expect(ago(0)).toBe("just now");
    expect(ago(44_999)).toBe("just now");
    expect(ago(-44_999)).toBe("just now");
  });

  it("counts minutes from 45 seconds to 45 minutes", () => {
    expect(ago(45_000)).toBe("1 minute ago");
    expect(ago(90_000)).toBe("2 minutes ago");
    expect(ago(44 * MINUTE)).toBe("44 minutes ago");
    expect(ago(-10 * MINUTE)).toBe("in 10 minutes");
  });

  it("counts hours from 45 minutes to 22 hours", () => {
    expect(ago(45 * MINUTE)).toBe("1 hour ago");
    expect(ago(-2 * HOUR)).toBe("in 2 hours");
    expect(ago(22 * HOUR - 1)).toBe("22 hours ago");
  });

  it("counts days, then weeks, months and years", () => {
    expect(ago(22 * HOUR)).toBe("1 day ago");
    expect(ago(3 * DAY)).toBe("3 days ago");
    expect(ago(-3 * DAY)).toBe("in 3 days");
    expect(ago(7 * DAY)).toBe("1 week ago");
    expect(ago(16 * DAY)).toBe("2 weeks ago");
    expect(ago(30 * DAY)).toBe("1 month ago");
    expect(ago(200 * DAY)).toBe("7 months ago");
    expect(ago(365 * DAY)).toBe("1 year ago");
    expect(ago(3 * 365 * DAY)).toBe("3 years ago");
  });

  it("takes ISO strings and Dates, and speaks the locale", () => {
    expect(formatRelative("2026-11-21T06:15:09Z", new Date(AT), "en")).toBe("3 days ago");
    expect(formatRelative("2026-11-21T06:15:09Z", AT, "de")).toBe("vor 3 Tagen");
    expect(formatRelative(AT, AT, "de")).toBe("jetzt");
  });

  it("picks no unit under 45 seconds", () => {
    expect(relativeUnit(10_000)).toBeNull();
    expect(relativeUnit(-3 * DAY)).toEqual({ value: -3, unit: "day" });
  });
});

describe("zones and days", () => {
  it("knows a zone's offset", () => {
    expect(zoneOffsetMs(AT, "UTC")).toBe(0);
    expect(zoneOffsetMs(AT, "Asia/Kolkata")).toBe(5.5 * HOUR);
    expect(zoneOffsetMs(AT, "America/New_York")).toBe(-5 * HOUR);
    expect(zoneOffsetMs("2026-07-01T12:00:00Z", "America/New_York")).toBe(-4 * HOUR);
  });

  it("finds midnight in the zone", () => {
    expect(new Date(startOfDay(AT, "UTC")).toISOString()).toBe("2026-11-24T00:00:00.000Z");
    expect(new Date(startOfDay(AT, "Asia/Kolkata")).toISOString()).toBe("2026-11-23T18:30:00.000Z");
    expect(new Date(startOfDay(AT, "America/New_York")).toISOString()).toBe("2026-11-24T05:00:00.000Z");
    // The day daylight saving ends in New York (1 November 2026) starts on summer time.
    expect(new Date(startOfDay("2026-11-01T20:00:00Z", "America/New_York")).toISOString()).toBe("2026-11-01T04:00:00.000Z");
  });

  it("ticks once per day, never the same day twice", () => {
    const min = Date.parse("2026-11-23T09:00:00Z");
    const max = Date.parse("2026-11-26T17:00:00Z");
    const ticks = dayTicks(min, max, "UTC");
    expect(ticks.map((t) => formatDayMonth(t, gb("UTC")))).toEqual(["24 Nov", "25 Nov", "26 Nov"]);
    const labels = dayTicks(min, max, "America/New_York").map((t) => formatDayMonth(t, gb("America/New_York")));
    expect(new Set(labels).size).toBe(labels.length);
  });

  it("gives a span inside one day a single tick at its start", () => {
    const min = Date.parse("2026-11-23T09:00:00Z");
    expect(dayTicks(min, min + 5 * HOUR, "UTC")).toEqual([min]);
    expect(dayTicks(min, min, "UTC")).toEqual([min]);
  });

  it("starts with the first day when only one midnight falls inside", () => {
    const min = Date.parse("2026-11-23T09:00:00Z");
    expect(dayTicks(min, min + 20 * HOUR, "UTC")).toEqual([min, Date.parse("2026-11-24T00:00:00Z")]);
  });

  it("thins a long span to every few days", () => {
    const min = Date.parse("2026-10-01T00:00:00Z");
    const ticks = dayTicks(min, min + 60 * DAY, "Europe/Berlin", 6);
    expect(ticks.length).toBeLessThanOrEqual(6);
    expect(ticks.length).toBeGreaterThanOrEqual(4);
    const labels = ticks.map((t) => formatDayMonth(t, gb("Europe/Berlin")));
    expect(new Set(labels).size).toBe(labels.length);
    // Each tick is a Berlin midnight, across the end of summer time on 25 October.
    for (const t of ticks) expect(formatTimeOfDay(t, gb("Europe/Berlin"))).toBe("00:00");
  });

  it("gives nothing for an empty or backwards span", () => {
    expect(dayTicks(Number.NaN, 0, "UTC")).toEqual([]);
    expect(dayTicks(10, 0, "UTC")).toEqual([]);
  });
});
