import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_ADMIN_EMAIL } from "@/prisma/seed/seed-demo-data";
import { freePort } from "@/tests/helpers/app-server";
import { launchBrowser, visible } from "@/tests/e2e/browser";
import { DEMO_USERS } from "@/prisma/seed/demo-users";

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
    await showsTheDemoStory(`http://localhost:${port}`);
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

/**
 * The first run sells the product: every stage of the demo story is on the dashboard, and
 * every demo user has something waiting in My work.
 */
async function showsTheDemoStory(origin: string): Promise<void> {
  const browser = await launchBrowser();
  try {
    for (const [index, user] of DEMO_USERS.entries()) {
      const page = await (await browser.newContext()).newPage();
      await page.goto(`${origin}/sign-in`);
      await page.getByRole("button", { name: user.name }).click();
      await page.waitForURL((url) => url.pathname === "/releases", { timeout: 20_000 });
      if (index === 0) {
        await page.goto(`${origin}/dashboard`);
        const inFlight = page.getByRole("list", { name: "Releases in flight" });
        const card = (name: string) => inFlight.getByRole("listitem", { name });
        await visible(card("Search 1.0.0").getByText("Go with exceptions"));
        await visible(card("Search 1.0.0").getByText("Signed off: ready to ship"));
        await visible(card("Payments 5.1.0").getByText("No-go"));
        await visible(card("Checkout 2.4.0").getByText("Sign-off voided by a later change: sign again"));
        await visible(card("Search 1.1.0"));
        await visible(card("Checkout 2.5.0").getByText("In preparation: not signed off"));
        await visible(page.getByRole("region", { name: "Evidence going stale" }).getByText(/Search 1.1.0/));
        await visible(page.getByRole("region", { name: "Waivers expiring" }).getByText(/Search 1.0.0/));
        const closed = page.getByRole("list", { name: "Recently shipped and cancelled" });
        for (const [name, stage] of [["Payments 5.0.0", "Shipped"], ["Checkout 2.3.0", "Shipped"], ["Search 0.9.0", "Cancelled"]]) {
          await visible(closed.getByRole("listitem", { name }).getByText(stage!, { exact: true }));
        }
        await visible(page.getByRole("figure", { name: "Burndown of Checkout 2.4.0" }).locator("svg.recharts-surface").first());
      }
      await page.goto(`${origin}/my-work`);
      await visible(page.getByRole("heading", { level: 1, name: "My work" }));
      expect(await page.getByRole("table").getByRole("row").count(), `${user.email}'s My work`).toBeGreaterThan(1);
    }
  } finally {
    await browser.close();
  }
}
