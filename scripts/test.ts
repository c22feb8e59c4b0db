// `npm test`: unit, integration and e2e suites in one vitest run, then one totals line.
// Uses TEST_DATABASE_URL's server when set (a database per test file), otherwise an
// embedded in-memory PostgreSQL per test file.
// `npm run test:reliability` (`--suite reliability`): the long load, outage and two-instance
// runs, on PostgreSQL servers the suite starts itself.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { inheritedEnv } from "@/lib/env";
import { CHROMIUM_MISSING, findChromium } from "@/tests/helpers/find-chromium";

const env = inheritedEnv();
if (!findChromium(env)) {
  console.error(CHROMIUM_MISSING);
  process.exit(1);
}
console.log(
  env.TEST_DATABASE_URL
    ? "Tests run against TEST_DATABASE_URL (a throwaway database per test file)."
    : "TEST_DATABASE_URL is not set: tests run against embedded PostgreSQL (PGlite).",
);

const args = process.argv.slice(2);
const isReliability = args[0] === "--suite" && args[1] === "reliability";
const projects = isReliability ? ["--project", "reliability"] : ["--project", "unit", "--project", "integration", "--project", "e2e"];
const report = isReliability ? "test-results/reliability.json" : "test-results/vitest.json";
rmSync(report, { force: true });
const result = spawnSync(
  process.execPath,
  ["node_modules/vitest/vitest.mjs", "run", ...projects, "--reporter=default", "--reporter=json", `--outputFile.json=${report}`, ...(isReliability ? args.slice(2) : args)],
  { stdio: "inherit", env },
);

if (existsSync(report)) {
  const totals = JSON.parse(readFileSync(report, "utf8")) as {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
  };
  const skipped = totals.numPendingTests + totals.numTodoTests;
  console.log(`${totals.numPassedTests} passed, ${totals.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ""}`);
} else {
  console.log("0 passed, 1 failed");
}
process.exit(result.status ?? 1);
