import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_ADMIN_EMAIL } from "@/prisma/seed/seed-demo-data";
import { freePort } from "@/tests/helpers/app-server";

type TStarted = { exit: Promise<number | null>; stop: () => void; output: () => string };

// `npm start` with no DATABASE_URL: embedded database under the data folder.
function npmStart(dataDir: string, port: number): TStarted {
  const { DATABASE_URL: _d, NEXTAUTH_SECRET: _s, NEXTAUTH_URL: _u, ...rest } = process.env;
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/start.ts"], {
    env: { ...rest, PORT: String(port), PREFLIGHT_DATA_DIR: dataDir, LOG_LEVEL: "warn", PREFLIGHT_WORKERS: "2" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  return {
    exit: new Promise((resolve) => child.on("exit", (code) => resolve(code))),
    stop: () => child.kill("SIGTERM"),
    output: () => output,
  };
}

async function waitForReady(port: number, started: TStarted): Promise<Response> {
  const deadline = Date.now() + 90_000;
  for (;;) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/readyz`);
      if (response.ok) return response;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`npm start never became ready:\n${started.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

async function withDataDir<T>(dataDir: string, work: (db: PGlite) => Promise<T>): Promise<T> {
  const db = await PGlite.create(path.join(dataDir, "pglite"));
  try {
    return await work(db);
  } finally {
    await db.close();
  }
}

describe("npm start on the embedded database", () => {
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), "preflight-start-"));
  });

  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it("serves a ready app with the demo sign-in, and stops cleanly on SIGTERM", async () => {
    const port = await freePort();
    const started = npmStart(dataDir, port);
    const ready = await waitForReady(port, started);
    expect(await ready.json()).toMatchObject({ status: "ready" });
    const page = await fetch(`http://127.0.0.1:${port}/releases`);
    expect(new URL(page.url).pathname).toBe("/sign-in");
    expect(await page.text()).toContain("Demo sign-in");
    // Two Next.js servers share the port (PREFLIGHT_WORKERS=2).
    expect(started.output()).toContain(`Preflight: 2 workers on port ${port}`);
    const answers = await Promise.all(Array.from({ length: 8 }, () => fetch(`http://127.0.0.1:${port}/healthz`)));
    expect(answers.map((a) => a.status)).toEqual(Array(8).fill(200));
    started.stop();
    expect(await started.exit).toBe(0);
  });

  it("keeps the data across a restart", async () => {
    await withDataDir(dataDir, (db) => db.query(`INSERT INTO users (email, name) VALUES ('kept@example.com', 'Kept')`));

    const port = await freePort();
    const started = npmStart(dataDir, port);
    await waitForReady(port, started);
    started.stop();
    expect(await started.exit).toBe(0);

    const emails = await withDataDir(dataDir, async (db) => {
      const result = await db.query<{ email: string }>("SELECT email FROM users ORDER BY email");
      return result.rows.map((row) => row.email);
    });
    expect(emails).toContain("kept@example.com");
    expect(emails).toContain(DEMO_ADMIN_EMAIL);
  });
});
