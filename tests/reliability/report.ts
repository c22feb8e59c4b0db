import { mkdirSync, writeFileSync } from "node:fs";

/** Prints what a scenario tried and what held, and keeps it for RELIABILITY.md. */
export function reportScenario(name: string, figures: Record<string, unknown>): void {
  const lines = Object.entries(figures).map(([key, value]) => `  ${key}: ${typeof value === "object" ? JSON.stringify(value) : String(value)}`);
  console.log(`\n[reliability] ${name}\n${lines.join("\n")}\n`);
  mkdirSync("test-results/reliability", { recursive: true });
  writeFileSync(`test-results/reliability/${name}.json`, `${JSON.stringify({ scenario: name, at: new Date().toISOString(), ...figures }, null, 2)}\n`);
}

/** Counts by kind, e.g. errors by what went wrong. */
export function tally(): { add: (kind: string) => void; counts: Record<string, number>; total: () => number } {
  const counts: Record<string, number> = {};
  return {
    counts,
    add: (kind) => {
      counts[kind] = (counts[kind] ?? 0) + 1;
    },
    total: () => Object.values(counts).reduce((a, b) => a + b, 0),
  };
}
