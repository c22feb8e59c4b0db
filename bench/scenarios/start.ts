import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TBenchRow, TScenario } from "@/bench/lib/types";
import { freePort } from "@/tests/helpers/app-server";

// Time to first value, as a newcomer meets it: `git clone`, `npm install`, `npm start` (the
// README's two commands, on the embedded database), until the first page answers; then a
// restart of the built app. The clone is of the committed HEAD; npm's cache is warm on this
// machine (as after any earlier install), the registry still answers every request.

const GROUP = "Time to first value (fresh clone, embedded database)";

function startApp(dir: string, port: number): ChildProcess {
  const { DATABASE_URL: _d, NEXTAUTH_SECRET: _s, NEXTAUTH_URL: _u, TEST_DATABASE_URL: _t, ...env } = process.env;
  // Its own process group: stopping it stops npm, the cluster and every worker.
  return spawn("npm", ["start"], { cwd: dir, env: { ...env, PORT: String(port), LOG_LEVEL: "warn", NEXT_TELEMETRY_DISABLED: "1" }, stdio: "ignore", detached: true });
}

/** Seconds from `since` until the sign-in page (the first page a newcomer sees) answers 200. */
async function firstPage(port: number, child: ChildProcess, since: number): Promise<number> {
  const deadline = since + 600_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode}`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/sign-in`);
      if (response.ok) {
        await response.text();
        return (performance.now() - since) / 1000;
      }
    } catch {
      // not up yet
    }
    if (performance.now() > deadline) throw new Error("npm start gave no page in 10 minutes");
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function stop(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once("exit", resolve));
  try {
    process.kill(-child.pid!, "SIGTERM");
  } catch {
    return;
  }
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 30_000))]);
}

export const startScenario: TScenario = {
  id: "start",
  title: "Time to first value: fresh clone → npm install → npm start, and a restart",
  async run({ quick, log }) {
    // Minutes of install and build: not part of a quick run (CI's), which builds anyway.
    if (quick) {
      log("  skipped in a quick run (npm run bench -- --only start runs it)");
      return [];
    }
    const root = await mkdtemp(path.join(tmpdir(), "preflight-first-run-"));
    const dir = path.join(root, "preflight");
    const rows: TBenchRow[] = [];
    try {
      execFileSync("git", ["clone", "-q", process.cwd(), dir]);
      let t0 = performance.now();
      execFileSync("npm", ["install", "--no-audit", "--no-fund"], { cwd: dir, stdio: "ignore", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
      const install = (performance.now() - t0) / 1000;
      log(`  npm install: ${install.toFixed(1)} s`);

      const port = await freePort();
      t0 = performance.now();
      let app = startApp(dir, port);
      const first = await firstPage(port, app, t0);
      log(`  first npm start → first page: ${first.toFixed(1)} s`);
      await stop(app);

      t0 = performance.now();
      app = startApp(dir, port);
      const restart = await firstPage(port, app, t0);
      log(`  restart → first page: ${restart.toFixed(1)} s`);
      await stop(app);

      rows.push({ group: GROUP, name: "npm install", unit: "s", value: install });
      rows.push({ group: GROUP, name: "first npm start → first page (builds once, loads the demo data)", unit: "s", value: first });
      rows.push({ group: GROUP, name: "clone → npm install && npm start → first page", unit: "s", value: install + first, target: "≤ 90 s", met: install + first <= 90 });
      rows.push({ group: GROUP, name: "restart with a built app → first page", unit: "s", value: restart, target: "≤ 10 s", met: restart <= 10 });
    } finally {
      await rm(root, { recursive: true, force: true });
    }
    return rows;
  },
};
