import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TActor } from "@/lib/auth/permissions";
import { queryAuditEvents } from "@/lib/data/audit/list-audit-events";
import { addComment } from "@/lib/data/releases/add-comment";
import { addEvidence } from "@/lib/data/releases/add-evidence";
import { getReleaseView, type TItemView } from "@/lib/data/releases/get-release-view";
import { getReleaseStateAt } from "@/lib/data/releases/get-release-state-at";
import { getReleaseTimeline } from "@/lib/data/releases/get-release-timeline";
import { grantWaiver } from "@/lib/data/releases/grant-waiver";
import { revokeWaiver } from "@/lib/data/releases/revoke-waiver";
import { importRelease } from "@/lib/data/releases/import-release";
import { updateItemDetails } from "@/lib/data/releases/update-item-details";
import { updateItemStatus } from "@/lib/data/releases/update-item-status";
import { signOffRelease } from "@/lib/data/sign-offs/sign-off-release";
import { verifyAuditChain } from "@/lib/audit/verify-audit-chain";
import { createActor } from "@/tests/helpers/actors";
import { createTestDatabase, type TTestDatabase } from "@/tests/helpers/test-database";

const SOURCE = "# Hist\n\n## Checks\n\n- [x] Built\n- [ ] Tested\n  - Owner: qa-team\n- [ ] Documented\n\n## No-Go if any are true\n\n- [ ] Open incident\n";
const KEYS = ["built", "tested", "documented", "open-incident"];

type TStep =
  | { kind: "status"; key: string; status: "OPEN" | "IN_PROGRESS" | "DONE" | "BLOCKED" | "NOT_APPLICABLE" }
  | { kind: "details"; key: string; owner: string }
  | { kind: "evidence"; key: string }
  | { kind: "comment"; key: string }
  | { kind: "waiver"; key: string }
  | { kind: "revoke"; key: string }
  | { kind: "signOff"; decision: "GO" | "NO_GO" };

const arbStep: fc.Arbitrary<TStep> = fc.oneof(
  fc.record({ kind: fc.constant("status" as const), key: fc.constantFrom(...KEYS), status: fc.constantFrom("OPEN", "IN_PROGRESS", "DONE", "BLOCKED", "NOT_APPLICABLE") }),
  fc.record({ kind: fc.constant("details" as const), key: fc.constantFrom(...KEYS), owner: fc.constantFrom("alice", "bob", "") }),
  fc.record({ kind: fc.constant("evidence" as const), key: fc.constantFrom(...KEYS) }),
  fc.record({ kind: fc.constant("comment" as const), key: fc.constantFrom(...KEYS) }),
  fc.record({ kind: fc.constant("waiver" as const), key: fc.constantFrom("built", "tested", "documented") }),
  fc.record({ kind: fc.constant("revoke" as const), key: fc.constantFrom("built", "tested", "documented") }),
  fc.record({ kind: fc.constant("signOff" as const), decision: fc.constantFrom("GO" as const, "NO_GO" as const) }),
);

describe("history and time travel", () => {
  let database: TTestDatabase;
  let admin: TActor;
  let manager: TActor;

  beforeAll(async () => {
    database = await createTestDatabase();
    admin = await createActor(database.db, "ADMIN");
    manager = await createActor(database.db, "RELEASE_MANAGER");
  });

  afterAll(async () => {
    await database?.drop();
  });

  async function run(releaseId: string, step: TStep) {
    const db = database.db;
    if (step.kind === "signOff") return signOffRelease(manager, { releaseId, decision: step.decision }, db);
    const item = await db.releaseItem.findFirstOrThrow({ where: { releaseId, key: step.key } });
    const base = { itemId: item.id, expectedVersion: item.version };
    switch (step.kind) {
      case "status":
        return updateItemStatus(manager, { ...base, status: step.status, naReason: step.status === "NOT_APPLICABLE" ? "n/a here" : undefined }, db);
      case "details":
        return updateItemDetails(manager, { ...base, owner: step.owner, dueDate: "" }, db);
      case "evidence":
        return addEvidence(manager, { kind: "LINK", itemId: item.id, url: "https://ci.example.com/1" }, db);
      case "comment":
        return addComment(manager, { itemId: item.id, body: "noted" }, db);
      case "waiver":
        return grantWaiver(manager, { ...base, reason: "r", compensatingControl: "c", expiresOn: "2099-12-31" }, db);
      case "revoke": {
        // The item's oldest active waiver; without one, a waiver that does not exist (refused, no event).
        const waiver = await db.waiver.findFirst({ where: { releaseItemId: item.id, revokedAt: null }, orderBy: { createdAt: "asc" } });
        return revokeWaiver(manager, { ...base, waiverId: waiver?.id ?? crypto.randomUUID(), reason: "no longer accepted" }, db);
      }
    }
  }

  it("every successful action writes exactly one event, and time travel to each reproduces what the app showed", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(arbStep, { minLength: 1, maxLength: 12 }), async (steps) => {
        const imported = await importRelease(admin, { name: "Hist", service: "hist", version: "1", environment: "prod", source: SOURCE }, database.db);
        if (!imported.ok) throw new Error(imported.error);
        const { releaseId } = imported.data;
        const shown: { seq: bigint; statuses: string[]; owners: (string | null)[]; verdict: string; signOffs: string[] }[] = [];
        for (const step of steps) {
          const head = (await database.db.auditEvent.aggregate({ _max: { seq: true } }))._max.seq!;
          const result = await run(releaseId, step);
          const newEvents = await database.db.auditEvent.count({ where: { seq: { gt: head } } });
          expect(newEvents).toBe(result.ok ? 1 : 0);
          if (!result.ok) continue;
          // Extends the stored timeline by this one event.
          await getReleaseTimeline(manager, releaseId, database.db);
          const view = (await getReleaseView(manager, releaseId, { db: database.db }))!;
          const flat = (list: TItemView[]): TItemView[] => list.flatMap((i) => [i, ...flat(i.children)]);
          const items = view.sections.flatMap((s) => flat(s.items)).sort((a, b) => a.key.localeCompare(b.key));
          shown.push({
            seq: head + BigInt(1),
            statuses: items.map((i) => i.status),
            owners: items.map((i) => i.owner),
            verdict: view.verdict.verdict,
            signOffs: view.signOffs.map((s) => `${s.decision}:${s.invalidatedAt ? "void" : "valid"}`).reverse(),
          });
        }
        for (const moment of shown) {
          const state = (await getReleaseStateAt(manager, releaseId, moment.seq, database.db))!;
          state.items.sort((a, b) => a.key.localeCompare(b.key));
          expect({
            statuses: state.items.map((i) => i.status),
            owners: state.items.map((i) => i.owner),
            verdict: state.verdict.verdict,
            signOffs: state.signOffs.map((s) => `${s.decision}:${s.invalidatedBy ? "void" : "valid"}`),
          }).toEqual({ statuses: moment.statuses, owners: moment.owners, verdict: moment.verdict, signOffs: moment.signOffs });
        }
        // The timeline extended one event at a time equals one replay of the whole history.
        const extended = (await getReleaseTimeline(manager, releaseId, database.db))!.points;
        const stored = await database.db.releaseTimeline.findUniqueOrThrow({ where: { releaseId } });
        const last = await database.db.auditEvent.aggregate({ where: { releaseId }, _max: { seq: true } });
        expect(stored.lastSeq).toBe(last._max.seq);
        await database.db.releaseTimeline.delete({ where: { releaseId } });
        expect((await getReleaseTimeline(manager, releaseId, database.db))!.points).toEqual(extended);
      }),
      {
        numRuns: 12,
        examples: [
          [[{ kind: "waiver", key: "tested" }, { kind: "waiver", key: "tested" }, { kind: "revoke", key: "tested" }, { kind: "revoke", key: "tested" }, { kind: "revoke", key: "tested" }]],
        ],
      },
    );
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: true });
  });

  it("filters the log by person, kind of change and text, newest first, page by page", async () => {
    const byManager = await queryAuditEvents(admin, { actor: manager.label }, { limit: 1000 }, database.db);
    expect(byManager.length).toBeGreaterThan(0);
    expect(byManager.every((e) => e.actor_label === manager.label)).toBe(true);
    const imports = await queryAuditEvents(admin, { action: "template." }, { limit: 1000 }, database.db);
    expect(imports.every((e) => e.action.startsWith("template."))).toBe(true);
    const documented = await database.db.releaseItem.findFirstOrThrow({ where: { key: "documented" } });
    await addComment(manager, { itemId: documented.id, body: "see the wiki" }, database.db);
    const text = await queryAuditEvents(admin, { q: "documented" }, { limit: 1000 }, database.db);
    expect(text.map((e) => e.item_text)).toContain("Documented");
    const today = new Date().toISOString().slice(0, 10);
    const inRange = await queryAuditEvents(admin, { actor: manager.label, from: today, to: today }, { limit: 1000 }, database.db);
    expect(inRange.length).toBeGreaterThan(0);
    expect(await queryAuditEvents(admin, { from: "2001-01-01", to: "2001-12-31" }, { limit: 10 }, database.db)).toEqual([]);
    const all = await queryAuditEvents(admin, {}, { limit: 1000 }, database.db);
    const page1 = await queryAuditEvents(admin, {}, { limit: 5 }, database.db);
    const page2 = await queryAuditEvents(admin, {}, { limit: 5, beforeSeq: page1.at(-1)!.seq }, database.db);
    expect([...page1, ...page2].map((e) => e.seq)).toEqual(all.slice(0, 10).map((e) => e.seq));
  });
});
