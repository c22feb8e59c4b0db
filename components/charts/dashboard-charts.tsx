"use client";

import { useMemo } from "react";
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, XAxis, YAxis, Tooltip, LabelList } from "recharts";
import { useReaderZone } from "@/components/ui/local-time";
import { ownerText } from "@/lib/domain/owners/owners";
import { dayTicks, formatDateTime, formatDayMonth, type TReaderZone } from "@/lib/domain/time/format-time";

// Fixed sizes render on the server too; colours come with labels and dash patterns so no
// chart relies on colour alone. currentColor keeps axes readable in dark mode, and every
// other colour is one of the theme's variables (app/globals.css), so the charts follow
// the light or dark palette and print in the light one.
const AXIS = { stroke: "currentColor", fontSize: 11 };
const COLOR = {
  grid: "var(--color-slate-300)",
  surface: "var(--color-white)",
  primary: "var(--color-brand-600)",
  muted: "var(--color-slate-500)",
  go: "var(--color-emerald-700)",
  // White labels sit on these fills: 4.8:1 and 5:1 on light; on dark the fills turn light
  // and var(--color-white) dark, 6.5:1 and 12:1.
  danger: "var(--color-red-600)",
  warning: "var(--color-amber-700)",
} as const;
// recharts' tooltip and cursor default to white and #ccc: the theme's surface and border instead.
const TOOLTIP_STYLE = { backgroundColor: COLOR.surface, border: `1px solid ${COLOR.grid}` };
const BAR_CURSOR = { fill: COLOR.grid, stroke: COLOR.grid };
const LINE_CURSOR = { stroke: COLOR.grid };
// The server and the hydrating browser draw the axis in UTC; then the reader's zone and language.
const SERVER_ZONE: TReaderZone = { timeZone: "UTC", locale: "en-GB" };
// Room for one "23 Nov" label and the gap around it.
const TICK_SPACING_PX = 64;

/**
 * A time axis read in days: a tick at the start of each day in the reader's zone ("23 Nov"),
 * no day twice and no more than fit in `plotWidth`; the tooltip gives the full local time.
 */
function useDayAxis(times: number[], plotWidth: number) {
  const zone = useReaderZone() ?? SERVER_ZONE;
  const min = times.length ? Math.min(...times) : Number.NaN;
  const max = times.length ? Math.max(...times) : Number.NaN;
  return useMemo(() => {
    const ticks = dayTicks(min, max, zone.timeZone, Math.max(2, Math.floor(plotWidth / TICK_SPACING_PX)));
    return {
      axis: {
        dataKey: "t",
        type: "number" as const,
        domain: ["dataMin", "dataMax"] as [string, string],
        ticks: ticks.length ? ticks : undefined,
        tickFormatter: (t: number) => formatDayMonth(t, zone),
        minTickGap: 8,
      },
      label: (t: unknown) => formatDateTime(Number(t), zone),
    };
  }, [min, max, zone, plotWidth]);
}

type TBurndownProps = { points: { at: string; openBlocking: number }[]; ideal: { at: string; ideal: number }[]; label: string; width?: number };

export function BurndownChart({ points, ideal, label, width = 420 }: TBurndownProps) {
  const data = [...points.map((p) => ({ t: new Date(p.at).getTime(), open: p.openBlocking })), ...ideal.map((p) => ({ t: new Date(p.at).getTime(), ideal: p.ideal }))].sort((a, b) => a.t - b.t);
  // The plot is the chart less its margins (20) and the Y axis (60).
  const time = useDayAxis(data.map((d) => d.t), width - 80);
  return (
    <figure aria-label={label} className="text-slate-700">
      <LineChart width={width} height={220} data={data} margin={{ top: 10, right: 20, bottom: 5, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" stroke={COLOR.grid} />
        <XAxis {...time.axis} {...AXIS} />
        <YAxis allowDecimals={false} {...AXIS} />
        <Tooltip labelFormatter={time.label} contentStyle={TOOLTIP_STYLE} cursor={LINE_CURSOR} />
        <Legend />
        <Line type="stepAfter" dataKey="open" name="Open blocking items" stroke={COLOR.primary} fill={COLOR.surface} strokeWidth={2} dot={{ r: 3 }} connectNulls isAnimationActive={false} />
        <Line type="linear" dataKey="ideal" name="Ideal" stroke={COLOR.muted} strokeDasharray="6 4" dot={false} connectNulls isAnimationActive={false} />
      </LineChart>
    </figure>
  );
}

const VERDICT_LEVEL = { NO_GO: 0, GO_WITH_EXCEPTIONS: 1, GO: 2 } as const;
const VERDICT_LABEL = ["No-go", "Go w/ exceptions", "Go"];

export function VerdictHistoryChart({ points, label }: { points: { at: string; verdict: keyof typeof VERDICT_LEVEL }[]; label: string }) {
  const data = points.map((p) => ({ t: new Date(p.at).getTime(), level: VERDICT_LEVEL[p.verdict] }));
  // 420 less the margins (60) and the Y axis (110).
  const time = useDayAxis(data.map((d) => d.t), 250);
  return (
    <figure aria-label={label} className="text-slate-700">
      <LineChart width={420} height={180} data={data} margin={{ top: 10, right: 20, bottom: 5, left: 40 }}>
        <CartesianGrid strokeDasharray="3 3" stroke={COLOR.grid} />
        <XAxis {...time.axis} {...AXIS} />
        <YAxis domain={[0, 2]} ticks={[0, 1, 2]} tickFormatter={(v: number) => VERDICT_LABEL[v] ?? ""} {...AXIS} width={110} />
        <Tooltip labelFormatter={time.label} formatter={(v) => [VERDICT_LABEL[Number(v)] ?? "", "Verdict"]} contentStyle={TOOLTIP_STYLE} cursor={LINE_CURSOR} />
        <Line type="stepAfter" dataKey="level" name="Verdict" stroke={COLOR.go} fill={COLOR.surface} strokeWidth={2} dot={{ r: 3 }} isAnimationActive={false} />
      </LineChart>
    </figure>
  );
}

export function SectionChart({ sections }: { sections: { title: string; incomplete: number; waived: number }[] }) {
  return (
    <figure aria-label="Sections most often incomplete or waived" className="text-slate-700">
      <BarChart width={520} height={Math.max(160, sections.length * 28 + 40)} data={sections} layout="vertical" margin={{ left: 40, right: 30 }}>
        <CartesianGrid strokeDasharray="3 3" stroke={COLOR.grid} />
        <XAxis type="number" allowDecimals={false} {...AXIS} />
        <YAxis type="category" dataKey="title" width={170} {...AXIS} />
        <Tooltip contentStyle={TOOLTIP_STYLE} cursor={BAR_CURSOR} />
        <Legend />
        <Bar dataKey="incomplete" name="Incomplete" stackId="s" fill={COLOR.danger} isAnimationActive={false}>
          <LabelList dataKey="incomplete" position="insideLeft" fill={COLOR.surface} fontSize={10} />
        </Bar>
        <Bar dataKey="waived" name="Waived" stackId="s" fill={COLOR.warning} isAnimationActive={false}>
          <LabelList dataKey="waived" position="insideRight" fill={COLOR.surface} fontSize={10} />
        </Bar>
      </BarChart>
    </figure>
  );
}

export function OwnerChart({ owners }: { owners: { owner: string; label?: string; open: number; overdue: number }[] }) {
  return (
    <figure aria-label="Open and overdue items per owner" className="text-slate-700">
      <BarChart
        width={520}
        height={Math.max(160, owners.length * 28 + 40)}
        data={owners.map((o) => ({ ...o, label: o.label ?? ownerText(o.owner) }))}
        layout="vertical"
        margin={{ left: 40, right: 30 }}
      >
        <CartesianGrid strokeDasharray="3 3" stroke={COLOR.grid} />
        <XAxis type="number" allowDecimals={false} {...AXIS} />
        <YAxis type="category" dataKey="label" width={150} {...AXIS} />
        <Tooltip contentStyle={TOOLTIP_STYLE} cursor={BAR_CURSOR} />
        <Legend />
        <Bar dataKey="open" name="Open" fill={COLOR.primary} isAnimationActive={false}>
          <LabelList dataKey="open" position="right" fill="currentColor" fontSize={10} />
        </Bar>
        <Bar dataKey="overdue" name="Overdue" fill={COLOR.danger} isAnimationActive={false}>
          <LabelList dataKey="overdue" position="right" fill="currentColor" fontSize={10} />
        </Bar>
      </BarChart>
    </figure>
  );
}
