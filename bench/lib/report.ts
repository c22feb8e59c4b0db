import { readFileSync, writeFileSync } from "node:fs";
import type { TBenchRow } from "@/bench/lib/types";

export type TMachine = { cores: number; cpu: string; memoryGiB: number; node: string; postgres: string; platform: string };
export type TResults = { startedAt: string; seconds: number; quick: boolean; soakSeconds: number; machine: TMachine; rows: TBenchRow[] };

const START = "<!-- bench:table:start (written by npm run bench; edit outside the markers) -->";
const END = "<!-- bench:table:end -->";

function figure(value: number | undefined, digits = 1): string {
  if (value === undefined || Number.isNaN(value)) return "";
  return value >= 100 ? Math.round(value).toLocaleString("en") : value.toFixed(digits);
}

/** The results as a Markdown table, grouped, with each target and whether it was met. */
export function toMarkdown(results: TResults): string {
  const { machine } = results;
  const lines = [
    `Run ${results.startedAt.slice(0, 16).replace("T", " ")} UTC${results.quick ? " (quick run)" : ""}, ${Math.round(results.seconds)} s in all, on ${machine.cores} cores (${machine.cpu}), ${machine.memoryGiB} GiB, ${machine.platform}, Node ${machine.node}, PostgreSQL ${machine.postgres}.`,
    "",
    "| group | measurement | p50 | p95 | max | per second | value | target | met |",
    "| --- | --- | ---: | ---: | ---: | ---: | ---: | --- | :---: |",
  ];
  for (const r of results.rows) {
    const unit = r.unit && r.unit !== "ms" ? ` ${r.unit}` : "";
    lines.push(
      `| ${r.group} | ${r.name}${r.note ? ` (${r.note})` : ""} | ${figure(r.p50)} | ${figure(r.p95)} | ${figure(r.max)} | ${figure(r.perSecond, 0)} | ${r.value === undefined ? "" : `${figure(r.value, 2)}${unit}`} | ${r.target ?? ""} | ${r.met === undefined ? "" : r.met ? "yes" : "**no**"} |`,
    );
  }
  const missed = results.rows.filter((r) => r.met === false);
  lines.push("", missed.length ? `Missed: ${missed.map((r) => `${r.group}: ${r.name} (${r.target})`).join("; ")}.` : "Every target was met.");
  lines.push("", "Times in milliseconds unless a unit is given.");
  return lines.join("\n");
}

/** Replaces the generated table in BENCHMARKS.md, leaving the written analysis around it. */
export function updateBenchmarksFile(file: string, table: string): void {
  const text = readFileSync(file, "utf8");
  const start = text.indexOf(START);
  const end = text.indexOf(END);
  if (start < 0 || end < 0) throw new Error(`${file} has no ${START} … ${END} markers`);
  writeFileSync(file, `${text.slice(0, start + START.length)}\n${table}\n${text.slice(end)}`);
}
