import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { TDb } from "@/lib/db";
import type { Role } from "@/lib/generated/prisma/enums";
import { createTestDatabase, type TTestDatabase } from "@/tests/helpers/test-database";
import { cliActor } from "@/lib/auth/permissions";

// Every server action and every mutating route handler, found on disk so that a new one
// cannot be forgotten, called as each role: allowed roles succeed; the others get a
// permission (or sign-in) error and the database does not change.

const currentActor = vi.hoisted(() => ({ value: null as null | Record<string, unknown> }));
vi.mock("@/lib/auth/current-actor", () => ({
  getCurrentActor: async () => currentActor.value,
  requireCurrentActor: async () => currentActor.value,
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));

type TCaller = "ANONYMOUS" | Role;
const CALLERS: TCaller[] = ["ANONYMOUS", "VIEWER", "MEMBER", "RELEASE_MANAGER", "ADMIN"];

type TFixture = {
  allowed: Role[];
  /** Makes what the call acts on; returns the arguments. */
  prepare: (db: TDb) => Promise<unknown[]>;
};

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, value);
  return data;
};
const newUser = (db: TDb, role: Role) => db.user.create({ data: { email: `target-${crypto.randomUUID()}@example.com`, role } });
const newTeam = (db: TDb) => db.team.create({ data: { name: `Team ${crypto.randomUUID()}` } });

const WORKERS: Role[] = ["MEMBER", "RELEASE_MANAGER", "ADMIN"];
const MANAGERS: Role[] = ["RELEASE_MANAGER", "ADMIN"];
const TEMPLATE = "# Matrix\n\n## Checks\n\n- [ ] First check\n- [ ] Second check\n";
const setup = { templateVersionId: "" };

/** A fresh release of the matrix template; returns its first item's id. */
async function newItem(db: TDb): Promise<string> {
  const { createRelease } = await import("@/lib/data/releases/create-release");
  const created = await createRelease(cliActor("matrix"), { templateVersionId: setup.templateVersionId, name: "R", service: "s", version: "1", environment: "prod" }, db);
  if (!created.ok) throw new Error(created.error);
  const item = await db.releaseItem.findFirstOrThrow({ where: { releaseId: created.data.releaseId, key: "first-check" } });
  return item.id;
}
/** A template editor draft of a fresh template (a template has one draft at most). */
async function newDraft(db: TDb): Promise<string> {
  const { importTemplate } = await import("@/lib/data/templates/import-template");
  const { openTemplateDraft } = await import("@/lib/data/templates/open-template-draft");
  const template = await importTemplate(cliActor("matrix"), { source: TEMPLATE }, db);
  if (!template.ok) throw new Error(template.error);
  const draft = await openTemplateDraft(cliActor("matrix"), { templateId: template.data.templateId }, db);
  if (!draft.ok) throw new Error(draft.error);
  return draft.data.draftId;
}
const future = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);

const ACTION_FIXTURES: Record<string, TFixture> = {
  updateItemStatusAction: { allowed: WORKERS, prepare: async (db) => [{ itemId: await newItem(db), expectedVersion: 1, status: "DONE" }] },
  updateItemDetailsAction: {
    allowed: WORKERS,
    prepare: async (db) => [null, form({ itemId: await newItem(db), expectedVersion: "1", owner: "sre-team", dueDate: future })],
  },
  addEvidenceAction: { allowed: WORKERS, prepare: async (db) => [null, form({ itemId: await newItem(db), url: "https://ci.example.com/run/1" })] },
  addCommentAction: { allowed: WORKERS, prepare: async (db) => [null, form({ itemId: await newItem(db), body: "Looks good" })] },
  grantWaiverAction: {
    allowed: MANAGERS,
    prepare: async (db) => [
      null,
      form({ itemId: await newItem(db), expectedVersion: "1", reason: "Vendor outage", compensatingControl: "Manual check", expiresOn: future }),
    ],
  },
  revokeWaiverAction: {
    allowed: MANAGERS,
    prepare: async (db) => {
      const { grantWaiver } = await import("@/lib/data/releases/grant-waiver");
      const itemId = await newItem(db);
      const approver = await newUser(db, "RELEASE_MANAGER");
      const granted = await grantWaiver(
        { id: approver.id, label: approver.email, role: "RELEASE_MANAGER" },
        { itemId, expectedVersion: 1, reason: "Vendor outage", compensatingControl: "Manual check", expiresOn: future },
        db,
      );
      if (!granted.ok) throw new Error(granted.error);
      return [null, form({ itemId, waiverId: granted.data.waiverId, expectedVersion: String(granted.data.version), reason: "The vendor fixed it" })];
    },
  },
  // Anyone who works items may sign a seat the release's policy lets them fill; this one's is open to every worker.
  signOffAction: {
    allowed: WORKERS,
    prepare: async (db) => {
      const itemId = await newItem(db);
      const { releaseId } = await db.releaseItem.findUniqueOrThrow({ where: { id: itemId } });
      const seat = { key: "anyone", name: "Anyone", roles: ["ADMIN", "RELEASE_MANAGER", "MEMBER"], teams: [], users: [], required: 1, releaseOnly: false };
      await db.release.update({ where: { id: releaseId }, data: { signOffPolicy: { seats: [seat], allowMultipleSeats: false, allowSelfApproval: true } } });
      return [null, form({ releaseId, decision: "NO_GO", comment: "Not yet" })];
    },
  },
  requestSignOffAction: {
    allowed: MANAGERS,
    prepare: async (db) => {
      const { releaseId } = await db.releaseItem.findUniqueOrThrow({ where: { id: await newItem(db) } });
      return [null, form({ releaseId })];
    },
  },
  addReleaseSeatAction: {
    allowed: MANAGERS,
    prepare: async (db) => {
      const { releaseId } = await db.releaseItem.findUniqueOrThrow({ where: { id: await newItem(db) } });
      const data = form({ releaseId, name: "Security", teams: "Security", users: "sam@example.com", required: "1" });
      data.append("roles", "MEMBER");
      return [null, data];
    },
  },
  shipReleaseAction: {
    allowed: MANAGERS,
    prepare: async (db) => {
      const { releaseId } = await db.releaseItem.findUniqueOrThrow({ where: { id: await newItem(db) } });
      // A standing GO, written directly: the matrix is about who may ship, not how to get there.
      const signer = await newUser(db, "RELEASE_MANAGER");
      await db.$transaction([
        db.signOff.create({ data: { releaseId, userId: signer.id, capacity: "Release manager", decision: "GO", verdictAtSigning: "GO", contentHash: "x" } }),
        db.release.update({ where: { id: releaseId }, data: { status: "SIGNED_OFF" } }),
      ]);
      return [null, form({ releaseId })];
    },
  },
  cancelReleaseAction: {
    allowed: MANAGERS,
    prepare: async (db) => {
      const { releaseId } = await db.releaseItem.findUniqueOrThrow({ where: { id: await newItem(db) } });
      return [null, form({ releaseId, reason: "Superseded" })];
    },
  },
  reopenReleaseAction: {
    allowed: MANAGERS,
    prepare: async (db) => {
      const { releaseId } = await db.releaseItem.findUniqueOrThrow({ where: { id: await newItem(db) } });
      await db.release.update({ where: { id: releaseId }, data: { status: "CANCELLED", closedAt: new Date(), closeReason: "Superseded" } });
      return [null, form({ releaseId, reason: "Needed after all" })];
    },
  },
  moveReleaseVersionAction: {
    allowed: MANAGERS,
    prepare: async (db) => {
      const { releaseId } = await db.releaseItem.findUniqueOrThrow({ where: { id: await newItem(db) } });
      const { templateId } = await db.templateVersion.findUniqueOrThrow({ where: { id: setup.templateVersionId } });
      const { importTemplate } = await import("@/lib/data/templates/import-template");
      const next = await importTemplate(cliActor("matrix"), { source: `${TEMPLATE}- [ ] Third check ${crypto.randomUUID()}\n`, templateId }, db);
      if (!next.ok) throw new Error(next.error);
      return [null, form({ releaseId, templateVersionId: next.data.versionId })];
    },
  },
  addReleaseItemAction: {
    allowed: MANAGERS,
    prepare: async (db) => {
      const { releaseId, sectionId } = await db.releaseItem.findUniqueOrThrow({ where: { id: await newItem(db) } });
      return [null, form({ releaseId, sectionId, text: "Hotfix smoke test" })];
    },
  },
  createReleaseAction: {
    allowed: MANAGERS,
    prepare: async () => [null, form({ templateVersionId: setup.templateVersionId, name: "New", service: "svc", version: "2", environment: "prod" })],
  },
  createApiTokenAction: { allowed: ["ADMIN"], prepare: async () => [null, form({ name: "ci", role: "MEMBER", expiresInDays: "30" })] },
  revokeApiTokenAction: {
    allowed: ["ADMIN"],
    prepare: async (db) => {
      const { createApiToken } = await import("@/lib/data/tokens/api-tokens");
      const created = await createApiToken(cliActor("matrix"), { name: "to revoke", role: "VIEWER" }, db);
      if (!created.ok) throw new Error(created.error);
      return [null, form({ tokenId: created.data.id })];
    },
  },
  createWebhookAction: {
    allowed: ["ADMIN"],
    prepare: async () => {
      const data = form({ url: "https://hooks.example.com/matrix", format: "json", secret: "" });
      data.append("events", "verdict.changed");
      data.append("events", "release.shipped");
      return [null, data];
    },
  },
  deleteWebhookAction: {
    allowed: ["ADMIN"],
    prepare: async (db) => {
      const { createWebhook } = await import("@/lib/data/webhooks/webhook-endpoints");
      const created = await createWebhook(cliActor("matrix"), { url: "https://hooks.example.com/to-delete", events: ["verdict.changed"] }, db);
      if (!created.ok) throw new Error(created.error);
      return [null, form({ endpointId: created.data.id })];
    },
  },
  redeliverWebhookAction: {
    allowed: ["ADMIN"],
    prepare: async (db) => {
      const { createWebhook } = await import("@/lib/data/webhooks/webhook-endpoints");
      const { updateItemStatus } = await import("@/lib/data/releases/update-item-status");
      const endpoint = await createWebhook(cliActor("matrix"), { url: "https://hooks.example.com/redeliver", events: ["item.blocked"] }, db);
      if (!endpoint.ok) throw new Error(endpoint.error);
      const blocked = await updateItemStatus(cliActor("matrix"), { itemId: await newItem(db), expectedVersion: 1, status: "BLOCKED" }, db);
      if (!blocked.ok) throw new Error(blocked.error);
      const delivery = await db.webhookDelivery.findFirstOrThrow({ where: { endpointId: endpoint.data.id, event: "item.blocked" } });
      return [null, form({ deliveryId: delivery.id })];
    },
  },
  openTemplateDraftAction: { allowed: ["ADMIN"], prepare: async () => [{}] },
  saveTemplateDraftAction: {
    allowed: ["ADMIN"],
    prepare: async (db) => [{ draftId: await newDraft(db), expectedVersion: 1, content: { title: "Edited", levels: [], sections: [] } }],
  },
  reviewTemplateDraftAction: { allowed: ["ADMIN"], prepare: async (db) => [{ draftId: await newDraft(db) }] },
  publishTemplateDraftAction: { allowed: ["ADMIN"], prepare: async (db) => [{ draftId: await newDraft(db), expectedVersion: 1 }] },
  discardTemplateDraftAction: { allowed: ["ADMIN"], prepare: async (db) => [{ draftId: await newDraft(db) }] },
  importTemplateAction: { allowed: ["ADMIN"], prepare: async () => [null, form({ source: TEMPLATE })] },
  previewChecklistAction: { allowed: ["ADMIN"], prepare: async () => [TEMPLATE, null] },
  updateUserRoleAction: {
    allowed: ["ADMIN"],
    prepare: async (db) => [null, form({ userId: (await newUser(db, "MEMBER")).id, role: "RELEASE_MANAGER" })],
  },
  setUserDisabledAction: {
    allowed: ["ADMIN"],
    prepare: async (db) => [null, form({ userId: (await newUser(db, "MEMBER")).id, isDisabled: "true" })],
  },
  createTeamAction: { allowed: ["ADMIN"], prepare: async () => [null, form({ name: `Team ${crypto.randomUUID()}` })] },
  renameTeamAction: {
    allowed: ["ADMIN"],
    prepare: async (db) => [null, form({ teamId: (await newTeam(db)).id, name: `Renamed ${crypto.randomUUID()}` })],
  },
  deleteTeamAction: { allowed: ["ADMIN"], prepare: async (db) => [null, form({ teamId: (await newTeam(db)).id })] },
  addTeamMemberAction: {
    allowed: ["ADMIN"],
    prepare: async (db) => [null, form({ teamId: (await newTeam(db)).id, userId: (await newUser(db, "MEMBER")).id })],
  },
  removeTeamMemberAction: {
    allowed: ["ADMIN"],
    prepare: async (db) => {
      const team = await newTeam(db);
      const user = await newUser(db, "MEMBER");
      await db.teamMember.create({ data: { teamId: team.id, userId: user.id } });
      return [null, form({ teamId: team.id, userId: user.id })];
    },
  },
};

// Route handlers that change state: the REST API, called with a token of each role (a token
// is never an admin's). The next-auth endpoints are the sign-in itself.
type TRouteFixture = {
  allowed: Role[];
  /** Makes what the call acts on; returns the route's params and JSON body. */
  prepare: (db: TDb) => Promise<{ params: Record<string, string>; body: unknown }>;
};
const itemRoute = async (db: TDb) => {
  const { releaseId, key, version } = await db.releaseItem.findUniqueOrThrow({ where: { id: await newItem(db) } });
  return { releaseId, key, version };
};
const ROUTE_FIXTURES: Record<string, TRouteFixture> = {
  "app/api/v1/releases/route.ts#POST": {
    allowed: MANAGERS,
    prepare: async () => ({ params: {}, body: { templateVersionId: setup.templateVersionId, name: "API", service: "svc", version: "3", environment: "prod" } }),
  },
  "app/api/v1/releases/[releaseId]/items/[key]/route.ts#PATCH": {
    allowed: WORKERS,
    prepare: async (db) => {
      const { releaseId, key, version } = await itemRoute(db);
      return { params: { releaseId, key }, body: { status: "DONE", expectedVersion: version } };
    },
  },
  "app/api/v1/releases/[releaseId]/items/[key]/evidence/route.ts#POST": {
    allowed: WORKERS,
    prepare: async (db) => {
      const { releaseId, key } = await itemRoute(db);
      return { params: { releaseId, key }, body: { kind: "link", url: "https://ci.example.com/run/2" } };
    },
  },
};
const ROUTES_EXEMPT: Record<string, string> = {
  "app/api/auth/[...nextauth]/route.ts#POST": "next-auth's own sign-in and sign-out endpoints",
};

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : [full];
  });
}

const serverActionFiles = filesUnder("lib/actions").filter((file) => /^\s*["']use server["']/.test(readFileSync(file, "utf8")));
const mutatingRoutes = filesUnder("app")
  .filter((file) => file.endsWith("route.ts"))
  .flatMap((file) => {
    const source = readFileSync(file, "utf8");
    const methods = [...source.matchAll(/export\s+(?:async\s+)?function\s+(POST|PUT|PATCH|DELETE)\b|\bas\s+(POST|PUT|PATCH|DELETE)\b/g)];
    return methods.map((m) => `${file}#${m[1] ?? m[2]}`);
  });

async function snapshot(db: TDb): Promise<string> {
  const tables = await db.$queryRaw<{ table_name: string }[]>`
    SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`;
  const parts: string[] = [];
  // Refusals are themselves audited (permission.denied) and counted (rate_limit_windows,
  // so a flood of them cannot fill the log); every other table must not move.
  // A token's "last used" moves whether its call is allowed or not.
  for (const { table_name } of tables.filter((t) => !["audit_events", "rate_limit_windows", "api_tokens"].includes(t.table_name))) {
    const rows = await db.$queryRawUnsafe<unknown[]>(`SELECT * FROM "${table_name}" ORDER BY 1`);
    parts.push(`${table_name}:${JSON.stringify(rows)}`);
  }
  return parts.join("\n");
}

describe("authorization matrix", () => {
  let database: TTestDatabase;
  const actors = new Map<TCaller, Record<string, unknown> | null>();

  beforeAll(async () => {
    database = await createTestDatabase();
    vi.stubEnv("DATABASE_URL", database.url);
    const { importTemplate } = await import("@/lib/data/templates/import-template");
    const template = await importTemplate(cliActor("matrix"), { source: TEMPLATE }, database.db);
    if (!template.ok) throw new Error(template.error);
    setup.templateVersionId = template.data.versionId;
    actors.set("ANONYMOUS", null);
    for (const role of CALLERS.slice(1) as Role[]) {
      const user = await database.db.user.create({ data: { email: `${role.toLowerCase()}@matrix.example`, role } });
      actors.set(role, { id: user.id, label: user.email, email: user.email, name: null, role });
    }
  });

  afterAll(async () => {
    await database?.drop();
    vi.unstubAllEnvs();
  });

  it("finds the server actions on disk", () => {
    expect(serverActionFiles.length).toBeGreaterThan(0);
  });

  it("has a fixture for every mutating route handler", () => {
    expect(mutatingRoutes.filter((route) => !(route in ROUTE_FIXTURES) && !(route in ROUTES_EXEMPT))).toEqual([]);
  });

  const tokens = new Map<Role, string>();
  const token = async (role: Role) => {
    if (!tokens.has(role)) {
      const { createApiToken } = await import("@/lib/data/tokens/api-tokens");
      const created = await createApiToken(cliActor("matrix"), { name: `matrix-${role}`, role: role as "MEMBER" }, database.db);
      if (!created.ok) throw new Error(created.error);
      tokens.set(role, created.data.token);
    }
    return tokens.get(role)!;
  };

  for (const [route, fixture] of Object.entries(ROUTE_FIXTURES)) {
    const [file, method] = route.split("#") as [string, string];
    // Tokens have no admin role: the API's callers are anonymous or one of these.
    for (const caller of ["ANONYMOUS", "VIEWER", "MEMBER", "RELEASE_MANAGER"] as const) {
      it(`${route} as ${caller}`, async () => {
        const handler = ((await import(/* @vite-ignore */ path.resolve(file))) as Record<string, (request: Request, context: unknown) => Promise<Response>>)[method]!;
        const { params, body } = await fixture.prepare(database.db);
        const bearer = caller === "ANONYMOUS" ? null : await token(caller);
        const before = await snapshot(database.db);
        const auditHead = (await database.db.auditEvent.aggregate({ _max: { seq: true } }))._max.seq ?? BigInt(0);
        await database.db.$executeRaw`DELETE FROM rate_limit_windows WHERE key LIKE 'refusal:%'`;
        const headers: Record<string, string> = { "content-type": "application/json" };
        if (bearer) headers.authorization = `Bearer ${bearer}`;
        const response = await handler(new Request("http://localhost/api", { method, headers, body: JSON.stringify(body) }), { params: Promise.resolve(params) });
        if (caller !== "ANONYMOUS" && fixture.allowed.includes(caller)) {
          expect(response.status, `${route} as ${caller}: ${await response.clone().text()}`).toBeLessThan(300);
        } else {
          expect(response.status, `${route} as ${caller}`).toBe(caller === "ANONYMOUS" ? 401 : 403);
          expect((await response.json()) as unknown).toMatchObject({ error: { code: caller === "ANONYMOUS" ? "unauthenticated" : "forbidden" } });
          expect(await snapshot(database.db), `${route} as ${caller} changed the database`).toBe(before);
          const newEvents = await database.db.auditEvent.findMany({ where: { seq: { gt: auditHead } } });
          expect(newEvents.map((e) => e.action), `${route} as ${caller} audit`).toEqual(caller === "ANONYMOUS" ? [] : ["permission.denied"]);
        }
      });
    }
  }

  for (const file of serverActionFiles) {
    describe(file, () => {
      it("every exported action is in the matrix", async () => {
        const exported = (await import(/* @vite-ignore */ path.resolve(file))) as Record<string, unknown>;
        const missing = Object.keys(exported).filter((name) => !(name in ACTION_FIXTURES));
        expect(missing, "add these actions to ACTION_FIXTURES").toEqual([]);
      });

      for (const caller of CALLERS) {
        it(`as ${caller}`, async () => {
          const exported = (await import(/* @vite-ignore */ path.resolve(file))) as Record<string, (...args: unknown[]) => Promise<{ ok: boolean; code?: string }>>;
          for (const [name, action] of Object.entries(exported)) {
            const fixture = ACTION_FIXTURES[name];
            if (!fixture) continue;
            const args = await fixture.prepare(database.db);
            const before = await snapshot(database.db);
            const auditHead = (await database.db.auditEvent.aggregate({ _max: { seq: true } }))._max.seq ?? BigInt(0);
            // Each refusal here is one of a user's first few of the minute, so it is recorded
            // on its own (the flood limit has its own test: refusal-flood.test.ts).
            await database.db.$executeRaw`DELETE FROM rate_limit_windows WHERE key LIKE 'refusal:%'`;
            currentActor.value = actors.get(caller) ?? null;
            const result = await action(...args);
            if (caller !== "ANONYMOUS" && fixture.allowed.includes(caller)) {
              expect(result, `${name} as ${caller}`).toMatchObject({ ok: true });
            } else {
              expect(result, `${name} as ${caller}`).toMatchObject({ ok: false, code: caller === "ANONYMOUS" ? "unauthenticated" : "forbidden" });
              expect(await snapshot(database.db), `${name} as ${caller} changed the database`).toBe(before);
              const newEvents = await database.db.auditEvent.findMany({ where: { seq: { gt: auditHead } } });
              expect(newEvents.map((e) => e.action), `${name} as ${caller} audit`).toEqual(caller === "ANONYMOUS" ? [] : ["permission.denied"]);
            }
          }
        });
      }
    });
  }
});
