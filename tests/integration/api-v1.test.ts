import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { cliActor, type TActor } from "@/lib/auth/permissions";
import { signOffRelease } from "@/lib/data/sign-offs/sign-off-release";
import { createApiToken, revokeApiToken } from "@/lib/data/tokens/api-tokens";
import { importTemplate } from "@/lib/data/templates/import-template";
import { updateItemStatus } from "@/lib/data/releases/update-item-status";
import { createActor } from "@/tests/helpers/actors";
import { createTestDatabase, type TTestDatabase } from "@/tests/helpers/test-database";
import { unwrap } from "@/tests/helpers/unwrap";

// The REST API on PostgreSQL, through its route handlers as Next calls them: tokens (401
// without, revoked or expired; 403 for a role's refused write), the same validation as the
// server actions (400 bad JSON, 422 invalid), 409 with the current version, 429 past the
// token's limit, CI results as evidence that move the item, and the deploy gate.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each route names its own params
type THandler = (request: Request, context: { params: Promise<any> }) => Promise<Response>;


const TEMPLATE = `# API checklist

## Checks

- [ ] Integration tests pass
  - CI: integration-tests
- [ ] Runbook written
`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are checked field by field
type TAnswer = Record<string, any>;

describe("REST API v1", () => {
  let database: TTestDatabase;
  let manager: TActor;
  let templateVersionId = "";
  const tokens = { viewer: "", member: "", manager: "" };
  const routes = {} as Record<"releases" | "release" | "verdict" | "item" | "evidence" | "gate", Partial<Record<"GET" | "POST" | "PATCH", THandler>>>;

  async function call(handler: THandler | undefined, init: { token?: string; body?: unknown; rawBody?: string; params?: Record<string, string>; query?: string; method?: string }) {
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (init.token) headers.authorization = `Bearer ${init.token}`;
    const body = init.rawBody ?? (init.body === undefined ? undefined : JSON.stringify(init.body));
    const response = await handler!(new Request(`http://localhost/api/v1${init.query ?? ""}`, { method: init.method ?? (body ? "POST" : "GET"), headers, body }), { params: Promise.resolve(init.params ?? {}) });
    return { status: response.status, headers: response.headers, json: (await response.json()) as Record<string, unknown> as TAnswer };
  }

  async function newRelease(extra: Record<string, unknown> = {}) {
    const created = await call(routes.releases.POST, {
      token: tokens.manager,
      body: { templateVersionId, name: "API 1.0", service: "api-svc", version: `1.${crypto.randomUUID().slice(0, 4)}`, environment: "prod", ...extra },
    });
    expect(created.status).toBe(201);
    return created.json as { id: string; version: string; items: { key: string; version: number; status: string; kind: string; role: string }[] };
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    vi.stubEnv("DATABASE_URL", database.url);
    manager = await createActor(database.db, "RELEASE_MANAGER");
    templateVersionId = unwrap(await importTemplate(cliActor("api"), { source: TEMPLATE }, database.db)).versionId;
    for (const [name, role] of [["viewer", "VIEWER"], ["member", "MEMBER"], ["manager", "RELEASE_MANAGER"]] as const) {
      tokens[name] = unwrap(await createApiToken(cliActor("api"), { name: `api-${name}`, role }, database.db)).token;
    }
    routes.releases = (await import("@/app/api/v1/releases/route")) as (typeof routes)["gate"];
    routes.release = (await import("@/app/api/v1/releases/[releaseId]/route")) as (typeof routes)["gate"];
    routes.verdict = (await import("@/app/api/v1/releases/[releaseId]/verdict/route")) as (typeof routes)["gate"];
    routes.item = (await import("@/app/api/v1/releases/[releaseId]/items/[key]/route")) as (typeof routes)["gate"];
    routes.evidence = (await import("@/app/api/v1/releases/[releaseId]/items/[key]/evidence/route")) as (typeof routes)["gate"];
    routes.gate = (await import("@/app/api/v1/gate/route")) as (typeof routes)["gate"];
  });

  afterAll(async () => {
    await database?.drop();
    vi.unstubAllEnvs();
  });

  it("refuses a request without a valid token: none, malformed, revoked, expired", async () => {
    const none = await call(routes.releases.GET, {});
    expect(none.status).toBe(401);
    expect(none.json).toEqual({ error: { code: "unauthenticated", message: expect.stringContaining("Bearer") } });
    expect(none.headers.get("www-authenticate")).toContain("Bearer");
    expect((await call(routes.releases.GET, { token: "pfl_nottoken" })).status).toBe(401);

    const revoked = unwrap(await createApiToken(cliActor("api"), { name: "gone", role: "MEMBER" }, database.db));
    expect((await call(routes.releases.GET, { token: revoked.token })).status).toBe(200);
    unwrap(await revokeApiToken(cliActor("api"), { tokenId: revoked.id }, database.db));
    expect((await call(routes.releases.GET, { token: revoked.token })).json.error.code).toBe("unauthenticated");

    const expired = unwrap(await createApiToken(cliActor("api"), { name: "old", role: "MEMBER", expiresInDays: 1 }, database.db));
    await database.db.apiToken.update({ where: { id: expired.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await call(routes.releases.GET, { token: expired.token })).status).toBe(401);
  });

  it("creates, lists and reads releases; a viewer's write is refused and audited", async () => {
    const refused = await call(routes.releases.POST, { token: tokens.viewer, body: { templateVersionId, name: "No", service: "s", version: "1", environment: "prod" } });
    expect(refused.status).toBe(403);
    expect(refused.json.error.code).toBe("forbidden");
    const denial = await database.db.auditEvent.findFirstOrThrow({ where: { action: "permission.denied" }, orderBy: { seq: "desc" } });
    expect(denial.actorLabel).toMatch(/^token:api-viewer \(pfl_[0-9a-f]{8}\)$/);

    expect((await call(routes.releases.POST, { token: tokens.manager, rawBody: "{not json" })).status).toBe(400);
    const invalid = await call(routes.releases.POST, { token: tokens.manager, body: { templateVersionId, name: "", service: "s", version: "1", environment: "prod" } });
    expect(invalid.status).toBe(422);
    expect(Object.keys(invalid.json.error.fieldErrors)).toContain("name");

    const release = await newRelease({ targetCommit: "ABCDEF1234" });
    expect(release).toMatchObject({ service: "api-svc", status: "DRAFT", targetCommit: "abcdef1234", verdict: { verdict: "NO_GO" } });
    expect(release.items.every((i) => i.role === i.kind)).toBe(true);
    expect(release.items.map((i) => [i.key, i.status, i.version])).toEqual([
      ["integration-tests-pass", "OPEN", 1],
      ["runbook-written", "OPEN", 1],
    ]);
    const created = await database.db.auditEvent.findFirstOrThrow({ where: { action: "release.create", entityId: release.id } });
    expect(created.actorLabel).toMatch(/^token:api-manager/);

    const listed = await call(routes.releases.GET, { token: tokens.viewer, query: `?service=api-svc&version=${release.version}` });
    expect(listed.json.releases.map((r: { id: string }) => r.id)).toEqual([release.id]);
    expect((await call(routes.releases.GET, { token: tokens.viewer, query: "?state=NOPE" })).status).toBe(422);
    const ids = async (query: string) => (await call(routes.releases.GET, { token: tokens.viewer, query })).json.releases.map((r: { id: string }) => r.id);
    expect(await ids(`?service=api-svc&version=${release.version}&state=in-preparation`)).toEqual([release.id]);
    expect(await ids(`?service=api-svc&version=${release.version}&state=DRAFT`)).toEqual([release.id]);
    expect(await ids(`?service=api-svc&version=${release.version}&state=shipped`)).toEqual([]);
    const read = (await call(routes.release.GET, { token: tokens.viewer, params: { releaseId: release.id } })).json;
    expect(read.id).toBe(release.id);
    // Its sign-off seats: the release manager's, not yet signed.
    expect(read.signOff).toMatchObject({ isSignedOff: false, isHeld: false, seats: [{ key: "release-manager", name: "Release manager", isFilled: false, missing: 1, signatures: [] }] });
    expect((await call(routes.release.GET, { token: tokens.viewer, params: { releaseId: crypto.randomUUID() } })).status).toBe(404);
    expect((await call(routes.verdict.GET, { token: tokens.viewer, params: { releaseId: release.id } })).json).toMatchObject({ verdict: "NO_GO", progress: { satisfied: 0 } });
  });

  it("changes an item's status with its version: 409 with the current version when stale", async () => {
    const release = await newRelease();
    const params = { releaseId: release.id, key: "runbook-written" };
    const done = await call(routes.item.PATCH, { method: "PATCH", token: tokens.member, params, body: { status: "DONE", expectedVersion: 1 } });
    expect(done.status).toBe(200);
    expect(done.json.item).toEqual({ key: "runbook-written", status: "DONE", version: 2 });
    const stale = await call(routes.item.PATCH, { method: "PATCH", token: tokens.member, params, body: { status: "BLOCKED", expectedVersion: 1 } });
    expect(stale.status).toBe(409);
    expect(stale.json.error).toMatchObject({ code: "conflict", currentVersion: 2 });
    expect((await call(routes.item.PATCH, { method: "PATCH", token: tokens.member, params, body: { status: "NOT_APPLICABLE", expectedVersion: 2 } })).status).toBe(422);
    expect((await call(routes.item.PATCH, { method: "PATCH", token: tokens.member, params, body: { status: "WAIVED", expectedVersion: 2 } })).status).toBe(422);
    expect((await call(routes.item.PATCH, { method: "PATCH", token: tokens.viewer, params, body: { status: "OPEN", expectedVersion: 2 } })).status).toBe(403);
    expect((await call(routes.item.PATCH, { method: "PATCH", token: tokens.member, params: { ...params, key: "no-such-item" }, body: { status: "OPEN", expectedVersion: 2 } })).status).toBe(404);
    const event = await database.db.auditEvent.findFirstOrThrow({ where: { action: "item.status.update", releaseId: release.id } });
    expect(event.actorLabel).toMatch(/^token:api-member/);
  });

  it("takes CI results as evidence: a pass marks the item done, a fail blocked; another commit or check does not count; a person's change is not overwritten silently", async () => {
    const release = await newRelease({ targetCommit: "3f9c2ab77" });
    const params = { releaseId: release.id, key: "integration-tests-pass" };
    const ci = (result: "pass" | "fail", extra: Record<string, unknown> = {}) => ({
      kind: "ci",
      check: "integration-tests",
      result,
      url: "https://ci.example.com/run/42",
      commit: "3f9c2ab77e0",
      ...extra,
    });
    const passed = await call(routes.evidence.POST, { token: tokens.member, params, body: ci("pass") });
    expect(passed.status).toBe(201);
    expect(passed.json.item).toEqual({ key: "integration-tests-pass", status: "DONE", version: 2 });
    const evidence = await database.db.evidence.findUniqueOrThrow({ where: { id: passed.json.evidenceId } });
    expect(evidence).toMatchObject({ kind: "CI_RESULT", ciStatus: "pass", ciCheck: "integration-tests", commitSha: "3f9c2ab77e0", url: "https://ci.example.com/run/42" });
    const events = await database.db.auditEvent.findMany({ where: { releaseId: release.id, action: { in: ["evidence.add", "item.status.update"] } }, orderBy: { seq: "asc" } });
    expect(events.map((e) => e.action)).toEqual(["evidence.add", "item.status.update"]);

    expect((await call(routes.evidence.POST, { token: tokens.member, params, body: ci("fail") })).json.item).toEqual({ key: "integration-tests-pass", status: "BLOCKED", version: 3 });

    const otherCommit = await call(routes.evidence.POST, { token: tokens.member, params, body: ci("pass", { commit: "deadbeef" }) });
    expect(otherCommit.status).toBe(422);
    expect(otherCommit.json.error.message).toMatch(/does not count/);
    expect((await call(routes.evidence.POST, { token: tokens.member, params, body: ci("pass", { check: "unit-tests" }) })).status).toBe(422);
    expect((await call(routes.evidence.POST, { token: tokens.member, params: { ...params, key: "runbook-written" }, body: ci("pass") })).status).toBe(422);

    // A person marks it not applicable: a later CI result does not silently undo that.
    const item = await database.db.releaseItem.findUniqueOrThrow({ where: { releaseId_key: { releaseId: release.id, key: "integration-tests-pass" } } });
    unwrap(await updateItemStatus(manager, { itemId: item.id, expectedVersion: item.version, status: "NOT_APPLICABLE", naReason: "Covered by the contract tests" }, database.db));
    const overwrite = await call(routes.evidence.POST, { token: tokens.member, params, body: ci("pass") });
    expect(overwrite.status).toBe(409);
    expect(overwrite.json.error).toMatchObject({ code: "conflict", currentVersion: item.version + 1 });
    const applied = await call(routes.evidence.POST, { token: tokens.member, params, body: ci("pass", { expectedVersion: item.version + 1 }) });
    expect(applied.json.item).toMatchObject({ status: "DONE" });
    expect((await call(routes.evidence.POST, { token: tokens.viewer, params, body: ci("pass") })).status).toBe(403);

    const link = await call(routes.evidence.POST, { token: tokens.member, params: { ...params, key: "runbook-written" }, body: { kind: "link", url: "https://wiki.example.com/runbook" } });
    expect(link.status).toBe(201);
    expect((await call(routes.evidence.POST, { token: tokens.member, params, body: { kind: "link", url: "javascript:alert(1)" } })).status).toBe(422);
  });

  it("answers the deploy gate: no until a valid GO sign-off the verdict allows", async () => {
    const release = await newRelease();
    const query = `?service=api-svc&version=${release.version}`;
    const before = await call(routes.gate.GET, { token: tokens.viewer, query });
    expect(before.json).toMatchObject({ pass: false, release: { id: release.id }, signOff: null, verdict: { verdict: "NO_GO" } });
    for (const item of release.items) {
      await call(routes.item.PATCH, { method: "PATCH", token: tokens.member, params: { releaseId: release.id, key: item.key }, body: { status: "DONE", expectedVersion: item.version } });
    }
    unwrap(await signOffRelease(manager, { releaseId: release.id, decision: "GO" }, database.db));
    const after = await call(routes.gate.GET, { token: tokens.viewer, query });
    expect(after.json).toMatchObject({ pass: true, signOff: { by: manager.label }, verdict: { verdict: "GO" } });
    expect(after.json.summary).toMatch(/^GO: signed off by/);
    expect((await call(routes.gate.GET, { token: tokens.viewer, query: "?service=nope&version=1" })).status).toBe(404);
    expect((await call(routes.gate.GET, { token: tokens.viewer, query: "?service=api-svc" })).status).toBe(422);
  });

  it("limits each token's requests per minute, counted in the database", async () => {
    vi.stubEnv("PREFLIGHT_API_RATE_LIMIT", "3");
    const token = unwrap(await createApiToken(cliActor("api"), { name: "busy", role: "VIEWER" }, database.db)).token;
    // Mid-minute, on a clock that does not move on its own: the four calls share one window.
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-11-24T10:00:30Z"));
    const statuses = [];
    try {
      for (let i = 0; i < 4; i += 1) statuses.push((await call(routes.releases.GET, { token })).status);
    } finally {
      vi.useRealTimers();
      vi.stubEnv("PREFLIGHT_API_RATE_LIMIT", "");
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
    const refused = await call(routes.releases.GET, { token: tokens.viewer });
    expect(refused.status).toBe(200);
  });
});
