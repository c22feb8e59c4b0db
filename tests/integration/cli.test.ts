import { writeFile, mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXPORT_MARKER } from "@/lib/domain/markdown/item-meta";
import { hasSeeds, SEEDS_DIR } from "@/tests/helpers/seeds";
import { runProcess } from "@/tests/helpers/run-process";
import { createTestDatabase, type TTestDatabase } from "@/tests/helpers/test-database";

function preflight(args: string[], databaseUrl?: string) {
  return runProcess(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/preflight.ts", ...args], {
    env: { ...process.env, DATABASE_URL: databaseUrl ?? "", NODE_ENV: "development" },
  });
}

describe("preflight CLI", () => {
  let database: TTestDatabase;
  let dir: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    dir = await mkdtemp(path.join(tmpdir(), "preflight-cli-"));
  });

  afterAll(async () => {
    await database?.drop();
  });

  it.skipIf(!hasSeeds)("import --dry-run --json prints exactly one JSON object with the counts", async () => {
    const result = await preflight(["import", path.join(SEEDS_DIR, "readiness-plan-go-no-go.md"), "--dry-run", "--json"]);
    expect(result.code).toBe(0);
    expect(result.stdout.trim().split("\n")).toHaveLength(1);
    expect(JSON.parse(result.stdout)).toMatchObject({
      title: "Production Readiness Plan (1–2 Weeks)",
      mode: "lists",
      items: 32,
      topLevelItems: 24,
      maxDepth: 2,
      done: 0,
      criteria: { go: 4, noGo: 4 },
      levels: [],
      warnings: [],
      sections: expect.any(Array),
    });
  });

  it("honours --mode", async () => {
    const file = path.join(dir, "mixed.md");
    await writeFile(file, "# Mixed\n\n- [ ] task\n- plain\n");
    const tasks = JSON.parse((await preflight(["import", file, "--dry-run", "--json"])).stdout);
    const lists = JSON.parse((await preflight(["import", file, "--dry-run", "--json", "--mode", "lists"])).stdout);
    expect([tasks.mode, tasks.items, lists.mode, lists.items]).toEqual(["tasks", 1, "lists", 2]);
  });

  it.each([
    ["a file with no items", "# Prose only\n\nNothing to tick.\n", /^preflight: No checklist items found/],
    ["a binary file", "\u0000\u0001PNG", /^preflight: The file is not text/],
  ])("exits non-zero with a one-line error for %s", async (_label, content, message) => {
    const file = path.join(dir, `bad-${Math.random()}.md`);
    await writeFile(file, content);
    const result = await preflight(["import", file, "--dry-run", "--json"]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).toMatch(message);
  });

  it("imports a release, then prints its verdict and exports it", async () => {
    const file = path.join(dir, "release.md");
    await writeFile(file, "# API 2.0\n\n## Checks\n\n- [x] Tests green\n- [ ] Runbook written\n");
    const imported = await preflight(["import", file, "--as", "release", "--service", "api", "--version", "2.0.0", "--json"], database.url);
    expect(imported.stderr).toBe("");
    const { releaseId } = JSON.parse(imported.stdout);

    const verdict = await preflight(["verdict", releaseId, "--json"], database.url);
    expect(JSON.parse(verdict.stdout)).toMatchObject({ verdict: "NO_GO", progress: { satisfied: 1, total: 2, percent: 50 } });
    const human = await preflight(["verdict", releaseId], database.url);
    expect(human.stdout).toContain("API 2.0: NO GO (1/2 blocking items satisfied, 50%)");
    expect(human.stdout).toContain("Not done yet: “Runbook written”.");

    const exported = await preflight(["export", releaseId, "--format", "md"], database.url);
    expect(exported.stdout).toBe(`${EXPORT_MARKER}\n# API 2.0\n\n## Checks\n\n- [x] Tests green\n- [ ] Runbook written\n`);
    const csv = await preflight(["export", releaseId, "--format", "csv"], database.url);
    expect(csv.stdout.trim().split("\n")).toHaveLength(3);

    const audit = await database.db.auditEvent.findMany({ where: { releaseId } });
    expect(audit.map((e) => [e.action, e.actorLabel.startsWith("cli:")])).toEqual([["release.create", true]]);
  });

  it("create-admin creates an admin, and later promotes an existing user", async () => {
    const created = await preflight(["create-admin", "First.Admin@Example.com"], database.url);
    expect(created.stdout).toBe("First.Admin@Example.com is now an admin (new user).\n");
    await database.db.user.create({ data: { email: "later@example.com", role: "VIEWER" } });
    await preflight(["create-admin", "later@example.com"], database.url);
    const roles = await database.db.user.findMany({ where: { email: { in: ["first.admin@example.com", "later@example.com"] } }, select: { role: true } });
    expect(roles.map((r) => r.role)).toEqual(["ADMIN", "ADMIN"]);
    const refused = await preflight(["create-admin", "nobody"], database.url);
    expect(refused).toMatchObject({ code: 1, stderr: "preflight: nobody is not an email address\n" });
  });

  it("says which release it cannot find", async () => {
    const result = await preflight(["verdict", "00000000-0000-4000-8000-000000000000"], database.url);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe("preflight: no release 00000000-0000-4000-8000-000000000000\n");
  });
});
