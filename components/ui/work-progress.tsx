"use client";

import { useEffect, useState } from "react";
import { formatElapsed } from "@/components/ui/progress-format";

/** Seconds since it was mounted, ticking each second; shown from the second second on. */
function Elapsed() {
  const [seconds, setSeconds] = useState(0);
  useEffect(() => {
    const started = Date.now();
    const timer = setInterval(() => setSeconds(Math.floor((Date.now() - started) / 1000)), 1000);
    return () => clearInterval(timer);
  }, []);
  return seconds >= 2 ? <span className="shrink-0 tabular-nums text-xs text-slate-500">{formatElapsed(seconds)}</span> : null;
}

type TWorkProgressProps = {
  /** The progress bar's accessible name: "Import progress". */
  label: string;
  /** What is happening, announced politely when it changes ("Reading file (120 KB)…"); "" for nothing. */
  status: string;
  /** Whether work is under way: shows the bar, the detail and the time it has taken. */
  active: boolean;
  /** How far: a determinate bar when both are known, an indeterminate one otherwise. */
  value?: number | null;
  max?: number | null;
  /** Numbers that change as it goes ("1,234 of 5,000 events · 1.2 MB"): shown and given as the bar's value text, never announced one by one. */
  detail?: string;
  /** Changes when a new stage starts: the time taken starts again. */
  stage?: string;
  className?: string;
};

/**
 * Feedback for long work: a polite live status line that is always in the page (so each
 * change of stage is announced), and while active a native <progress> (role progressbar,
 * its value when known) with the changing numbers and the seconds taken beside it.
 */
export function WorkProgress({ label, status, active, value = null, max = null, detail, stage, className = "" }: TWorkProgressProps) {
  const isDeterminate = active && value !== null && max !== null && max > 0;
  // With nothing to say it takes no room, but stays in the page: a live region that appears
  // together with its first words is often not announced.
  const isQuiet = !active && !status;
  return (
    <div className={isQuiet ? "sr-only" : `text-sm text-slate-600 ${className}`.trim()}>
      <p role="status" aria-live="polite">
        {status}
      </p>
      {active ? (
        <div className="mt-1 flex items-center gap-2">
          {isDeterminate ? (
            <progress key="determinate" aria-label={label} aria-valuetext={detail} value={Math.min(value, max)} max={max} className="h-2 w-full min-w-32 accent-brand-600" />
          ) : (
            <progress key="indeterminate" aria-label={label} aria-valuetext={detail} className="h-2 w-full min-w-32 accent-brand-600" />
          )}
          <Elapsed key={stage} />
        </div>
      ) : null}
      {active && detail ? <p className="mt-0.5 tabular-nums text-xs text-slate-500">{detail}</p> : null}
    </div>
  );
}
