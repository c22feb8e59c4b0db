import { writeFile, mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRelease } from "@/lib/data/releases/create-release";
import { updateItemStatus } from "@/lib/data/releases/update-item-status";
import { signOffRelease } from "@/lib/data/sign-offs/sign-off-release";
import { importTemplate } from "@/lib/data/templates/import-template";
import { authenticateToken } from "@/lib/data/tokens/api-tokens";
import { EXPORT_MARKER } from "@/lib/domain/markdown/item-meta";
import { createActor } from "@/tests/helpers/actors";
import { hasSeeds, SEEDS_DIR } from "@/tests/helpers/seeds";
import { runProcess } from "@/tests/helpers/run-process";
import { createTestDatabase, type TTestDatabase } from "@/tests/helpers/test-database";
import { unwrap } from "@/tests/helpers/unwrap";

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

  it("token create prints the token alone on its last line, and it authenticates with its role", async () => {
    const result = await preflight(["token", "create", "--name", "ci", "--role", "Release-Manager", "--expires-in-days", "90"], database.url);
    expect(result).toMatchObject({ code: 0, stderr: "" });
    const lines = result.stdout.trim().split("\n");
    expect(lines[0]).toMatch(/^Created token “ci” \(pfl_[0-9a-f]{8}\), role release-manager, expires \d{4}-/);
    expect(result.stdout).toContain("shown once: store it now");
    const token = lines.at(-1)!;
    expect(token).toMatch(/^pfl_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$/);
    expect(await authenticateToken(token, database.db)).toMatchObject({ role: "RELEASE_MANAGER", label: expect.stringMatching(/^token:ci /) });
    const member = await preflight(["token", "create", "--name", "reader", "--role", "member"], database.url);
    expect(member.stdout).toContain("never expires");
    expect(await authenticateToken(member.stdout.trim().split("\n").at(-1)!, database.db)).toMatchObject({ role: "MEMBER" });
  });

  it.each([
    ["a role tokens cannot have", ["--name", "ci", "--role", "admin"], "preflight: --role must be one of viewer, member, release-manager, not “admin”\n"],
    ["no name", ["--role", "viewer"], "preflight: token create needs --name (what uses the token, e.g. ci)\n"],
    ["a non-numeric expiry", ["--name", "ci", "--role", "viewer", "--expires-in-days", "soon"], "preflight: --expires-in-days must be a whole number of days, not “soon”\n"],
  ])("token create refuses %s", async (_label, args, stderr) => {
    const before = await database.db.apiToken.count();
    const result = await preflight(["token", "create", ...args], database.url);
    expect(result).toMatchObject({ code: 1, stdout: "", stderr });
    expect(await database.db.apiToken.count()).toBe(before);
  });

  it("token create passes on the data layer's limits with the flag they concern", async () => {
    const result = await preflight(["token", "create", "--name", "ci", "--role", "viewer", "--expires-in-days", "99999"], database.url);
    expect(result).toMatchObject({ code: 1, stdout: "" });
    expect(result.stderr).toMatch(/^preflight: Check the token's name, role and expiry\. --expires-in-days: /);
  });

  it("gate exits 1 until the release has a GO sign-off, then 0", async () => {
    const admin = await createActor(database.db, "ADMIN");
    const manager = await createActor(database.db, "RELEASE_MANAGER", "gatekeeper@example.com");
    const template = unwrap(await importTemplate(admin, { source: "# Gate\n\n## Checks\n\n- [ ] Tests pass\n- [ ] Runbook written\n" }, database.db));
    const { releaseId } = unwrap(
      await createRelease(manager, { templateVersionId: template.versionId, name: "Gate 3", service: "gated", version: "3.0.0", environment: "production" }, database.db),
    );
    const gate = (...extra: string[]) => preflight(["gate", "--service", "gated", "--version", "3.0.0", ...extra], database.url);

    const closed = await gate();
    expect(closed).toMatchObject({ code: 1, stderr: "" });
    expect(closed.stdout).toContain("NO GO: Gate 3 has no valid GO sign-off");
    expect(closed.stdout).toContain("sign-off: none valid");
    expect(closed.stdout).toContain("Not done yet: “Runbook written”.");
    const closedJson = await gate("--json");
    expect(closedJson.code).toBe(1);
    expect(JSON.parse(closedJson.stdout)).toMatchObject({ pass: false, signOff: null, release: { id: releaseId, status: "DRAFT" }, verdict: { verdict: "NO_GO" } });

    for (const item of await database.db.releaseItem.findMany({ where: { releaseId } })) {
      unwrap(await updateItemStatus(manager, { itemId: item.id, expectedVersion: item.version, status: "DONE" }, database.db));
    }
    expect((await gate()).code).toBe(1);
    unwrap(await signOffRelease(manager, { releaseId, decision: "GO", comment: "Ship it" }, database.db));

    const open = await gate("--environment", "production");
    expect(open).toMatchObject({ code: 0, stderr: "" });
    expect(open.stdout).toMatch(/^GO: signed off by gatekeeper@example\.com/);
    expect(open.stdout).toContain("sign-off: GO by gatekeeper@example.com at ");
    const openJson = await gate("--json");
    expect(openJson.code).toBe(0);
    expect(JSON.parse(openJson.stdout)).toMatchObject({ pass: true, signOff: { by: "gatekeeper@example.com", comment: "Ship it" }, release: { status: "SIGNED_OFF" } });
  });

  it("gate is an error, not a no, when no release matches", async () => {
    const result = await preflight(["gate", "--service", "no-such-service", "--version", "1.2.3"], database.url);
    expect(result).toMatchObject({ code: 1, stdout: "", stderr: "preflight: No release of no-such-service 1.2.3 (cancelled ones do not count).\n" });
    const missing = await preflight(["gate", "--service", "gated"], database.url);
    expect(missing).toMatchObject({ code: 1, stdout: "" });
    expect(missing.stderr).toMatch(/^preflight: gate needs --service and --version/);
  });
});
