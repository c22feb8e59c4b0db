"use client";

import dynamic from "next/dynamic";
import type { ComponentProps } from "react";
import type { BurndownChart } from "@/components/charts/dashboard-charts";

// The release page's one chart loads after the page: recharts is about 100 KB of gzipped
// JavaScript, and the checklist should not wait for it.
const Chart = dynamic(() => import("@/components/charts/dashboard-charts").then((m) => m.BurndownChart), {
  ssr: false,
  loading: () => <div className="h-[220px]" aria-hidden="true" />,
});

export function LazyBurndownChart(props: ComponentProps<typeof BurndownChart>) {
  return <Chart {...props} />;
}
