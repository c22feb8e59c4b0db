"use client";

import { memo, useSyncExternalStore } from "react";
import { formatDate, formatDateTime, formatRelative, formatTimeOfDay, formatUtc, type TReaderZone } from "@/lib/domain/time/format-time";

// The server does not know the reader's time zone. So the server, and the browser's first
// render that hydrates it, show UTC ("2026-11-24 06:15 UTC"); right after, the browser shows
// the reader's own time. useSyncExternalStore does the switch: its server snapshot during
// hydration, the browser's afterwards (and at once on a page opened later in the browser).

let reader: TReaderZone | null = null;
function readerSnapshot(): TReaderZone {
  if (!reader) {
    const { timeZone, locale } = Intl.DateTimeFormat().resolvedOptions();
    reader = { timeZone: timeZone || "UTC", locale };
  }
  return reader;
}
const serverReader = () => null;
const unchanging = () => () => {};

/** The reader's time zone and locale in the browser; null on the server and while hydrating. */
export function useReaderZone(): TReaderZone | null {
  return useSyncExternalStore(unchanging, readerSnapshot, serverReader);
}

// One clock for every relative time on the page, ticking while any is shown: "just now"
// becomes "1 minute ago" without each row keeping a timer.
const TICK_MS = 30_000;
let now = 0;
let timer: ReturnType<typeof setInterval> | undefined;
const listeners = new Set<() => void>();
function subscribeClock(listener: () => void): () => void {
  listeners.add(listener);
  if (timer === undefined) {
    now = Date.now();
    timer = setInterval(() => {
      now = Date.now();
      for (const l of listeners) l();
    }, TICK_MS);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer !== undefined) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}
const clockSnapshot = () => now;
const isUtcZone = (timeZone: string) => /^(Etc\/)?(UTC|UCT|GMT|Zulu|Universal)$/.test(timeZone);
const serverClock = () => 0;

export type TLocalTimeMode = "datetime" | "date" | "time" | "relative";

type TLocalTimeProps = {
  /** An ISO 8601 instant, as the server sends it. */
  iso: string;
  /** datetime: "24 Nov 2026, 07:15 CET"; date: "24 Nov 2026"; time: "07:15"; relative: "3 days ago". */
  mode?: TLocalTimeMode;
  /** Seconds too, in the text and the UTC title (an audit log). */
  seconds?: boolean;
  /** On paper, the UTC time beside the local one (a signed report), unless the reader's zone is UTC. */
  printUtc?: boolean;
  className?: string;
};

/** An instant in the reader's time zone, with UTC on hover. Cheap enough for a list of hundreds. */
export const LocalTime = memo(function LocalTime({ iso, mode = "datetime", seconds = false, printUtc = false, className }: TLocalTimeProps) {
  const zone = useReaderZone();
  const at = useSyncExternalStore(mode === "relative" ? subscribeClock : unchanging, clockSnapshot, serverClock);
  const utc = formatUtc(iso, { seconds });
  if (!utc) return <time className={className}>{iso}</time>;
  let text = utc;
  let title = utc;
  if (zone) {
    if (mode === "relative") {
      if (at) {
        text = formatRelative(iso, at, zone.locale);
        title = `${formatDateTime(iso, zone, { seconds })} (${utc})`;
      }
    } else {
      text = mode === "date" ? formatDate(iso, zone) : mode === "time" ? formatTimeOfDay(iso, zone) : formatDateTime(iso, zone, { seconds });
    }
  }
  return (
    <time dateTime={iso} title={title} className={className}>
      {text}
      {printUtc && zone && !isUtcZone(zone.timeZone) && text !== utc ? <span className="hidden print:inline"> ({utc})</span> : null}
    </time>
  );
});
