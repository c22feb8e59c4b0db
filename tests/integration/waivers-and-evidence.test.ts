import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ForbiddenError, type TActor } from "@/lib/auth/permissions";
import { addEvidence } from "@/lib/data/releases/add-evidence";
import { createRelease } from "@/lib/data/releases/create-release";
import { getReleaseStateAt } from "@/lib/data/releases/get-release-state-at";
import { getReleaseVerdict } from "@/lib/data/releases/get-release-verdict";
import { getReleaseView, type TItemView } from "@/lib/data/releases/get-release-view";
import { grantWaiver } from "@/lib/data/releases/grant-waiver";
import { revokeWaiver } from "@/lib/data/releases/revoke-waiver";
import { updateItemStatus } from "@/lib/data/releases/update-item-status";
import { signOffRelease } from "@/lib/data/sign-offs/sign-off-release";
import { importTemplate } from "@/lib/data/templates/import-template";
import { describeEvent } from "@/lib/domain/audit/describe-event";
import { createActor } from "@/tests/helpers/actors";
import { unwrap } from "@/tests/helpers/unwrap";
import { createTestDatabase, type TTestDatabase } from "@/tests/helpers/test-database";

// Waivers revoked and evidence that expires (issue #16), through the data layer on PostgreSQL.

const TEMPLATE = `# Waivers and evidence

## Checks

- [ ] Tests pass
- [ ] Pen test done
`;

const DAY = 86_400_000;
const dayFrom = (base: Date, days: number) => new Date(base.getTime() + days * DAY).toISOString().slice(0, 10);

describe("waivers and evidence over time", () => {
  let database: TTestDatabase;
  let manager: TActor;
  let member: TActor;
  let templateVersionId: string;
  let runs = 0;

  const auditHead = async () => (await database.db.auditEvent.aggregate({ _max: { seq: true } }))._max.seq ?? 0n;
  const eventsSince = (seq: bigint) => database.db.auditEvent.findMany({ where: { seq: { gt: seq } }, orderBy: { seq: "asc" } });

  /** A release of the template with "Tests pass" done; returns the release and both items. */
  async function newRelease() {
    runs += 1;
    const { releaseId } = unwrap(await createRelease(manager, { templateVersionId, name: `Run ${runs}`, service: "svc", version: String(runs), environment: "prod" }, database.db));
    const items = await database.db.releaseItem.findMany({ where: { releaseId }, orderBy: { position: "asc" } });
    const [tests, penTest] = [items.find((i) => i.key === "tests-pass")!, items.find((i) => i.key === "pen-test-done")!];
    unwrap(await updateItemStatus(member, { itemId: tests.id, expectedVersion: tests.version, status: "DONE" }, database.db));
    return { releaseId, testsId: tests.id, penTestId: penTest.id };
  }

  /** Waives the item (its version read fresh); returns the waiver and the item's version after. */
  async function waive(itemId: string, expiresOn = dayFrom(new Date(), 10)) {
    const { version } = await database.db.releaseItem.findUniqueOrThrow({ where: { id: itemId } });
    return unwrap(await grantWaiver(manager, { itemId, expectedVersion: version, reason: "Vendor outage", compensatingControl: "Manual check", expiresOn }, database.db));
  }

  const itemView = async (releaseId: string, itemId: string, now = new Date()): Promise<TItemView> => {
    const view = await getReleaseView(manager, releaseId, { db: database.db, now });
    return view!.sections.flatMap((s) => s.items).find((i) => i.id === itemId)!;
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    const admin = await createActor(database.db, "ADMIN");
    manager = await createActor(database.db, "RELEASE_MANAGER");
    member = await createActor(database.db, "MEMBER");
    templateVersionId = unwrap(await importTemplate(admin, { source: TEMPLATE }, database.db)).versionId;
  });

  afterAll(async () => {
    await database?.drop();
  });

  describe("revoking a waiver", () => {
    it("puts the item back to open, bumps its version, voids the sign-off and turns the verdict to NO-GO, with one audit event", async () => {
      const { releaseId, penTestId } = await newRelease();
      const waiver = await waive(penTestId);
      expect((await getReleaseVerdict(manager, releaseId, { db: database.db }))!.verdict).toBe("GO_WITH_EXCEPTIONS");
      unwrap(await signOffRelease(manager, { releaseId, decision: "GO", comment: "Ship it" }, database.db));
      expect((await database.db.release.findUniqueOrThrow({ where: { id: releaseId } })).status).toBe("SIGNED_OFF");

      const head = await auditHead();
      const revoked = unwrap(await revokeWaiver(manager, { itemId: penTestId, waiverId: waiver.waiverId, expectedVersion: waiver.version, reason: "  The vendor is back  " }, database.db));

      expect(revoked.item).toMatchObject({ id: penTestId, status: "OPEN", version: waiver.version + 1 });
      const item = await database.db.releaseItem.findUniqueOrThrow({ where: { id: penTestId } });
      expect(item).toMatchObject({ status: "OPEN", version: waiver.version + 1, updatedById: manager.id });
      const row = await database.db.waiver.findUniqueOrThrow({ where: { id: waiver.waiverId } });
      expect(row.revokedAt).toBeInstanceOf(Date);
      expect(row).toMatchObject({ revokedById: manager.id, revokeReason: "The vendor is back" });

      const events = await eventsSince(head);
      expect(events.map((e) => e.action)).toEqual(["waiver.revoke"]);
      expect(events[0]).toMatchObject({ actorId: manager.id, entityType: "Waiver", entityId: waiver.waiverId, releaseId, requestId: manager.requestId });
      expect(events[0]!.before).toEqual({ status: "WAIVED", version: waiver.version });
      expect(events[0]!.after).toMatchObject({ itemId: penTestId, status: "OPEN", reason: "The vendor is back", version: waiver.version + 1, invalidatedSignOffs: 1 });

      const signOff = await database.db.signOff.findFirstOrThrow({ where: { releaseId } });
      expect(signOff.invalidatedAt).toBeInstanceOf(Date);
      expect(signOff.invalidatedReason).toBe(`Waiver on “Pen test done” revoked (changed by ${manager.label})`);
      expect((await database.db.release.findUniqueOrThrow({ where: { id: releaseId } })).status).toBe("IN_REVIEW");

      const verdict = (await getReleaseVerdict(manager, releaseId, { db: database.db }))!;
      expect(verdict.verdict).toBe("NO_GO");
      expect(verdict.reasons.map((r) => [r.itemKey, r.code])).toEqual([["pen-test-done", "NOT_DONE"]]);
      expect(verdict.exceptions).toEqual([]);

      // The page: the waiver reads as revoked, by whom and why, and no longer valid.
      const view = await itemView(releaseId, penTestId);
      expect(view.waivers).toEqual([
        expect.objectContaining({ id: waiver.waiverId, isActive: false, revoked: { by: manager.label, on: row.revokedAt!.toISOString().slice(0, 10), reason: "The vendor is back" } }),
      ]);
    });

    it("replays the same: time travel before and after the revocation, and history in words", async () => {
      const { releaseId, penTestId } = await newRelease();
      const waiver = await waive(penTestId);
      const beforeRevoke = await auditHead();
      unwrap(await revokeWaiver(manager, { itemId: penTestId, waiverId: waiver.waiverId, expectedVersion: waiver.version, reason: "Risk no longer accepted" }, database.db));

      const then = (await getReleaseStateAt(manager, releaseId, beforeRevoke, database.db))!;
      expect(then.verdict.verdict).toBe("GO_WITH_EXCEPTIONS");
      const now = (await getReleaseStateAt(manager, releaseId, null, database.db))!;
      const banner = (await getReleaseVerdict(manager, releaseId, { db: database.db, now: now.at }))!;
      expect(now.verdict.verdict).toBe("NO_GO");
      expect(now.verdict.reasons).toEqual(banner.reasons);
      const replayed = now.items.find((i) => i.id === penTestId)!;
      expect(replayed.status).toBe("OPEN");
      expect(replayed.waivers).toEqual([{ expiresAt: expect.any(Date), revokedAt: expect.any(Date) }]);

      const event = (await eventsSince(beforeRevoke))[0]!;
      const words = describeEvent({ action: event.action, entityType: event.entityType, entityId: event.entityId, before: event.before as never, after: event.after as never, itemText: "Pen test done" });
      expect(words).toBe("revoked the waiver on “Pen test done”, now open: Risk no longer accepted");
    });

    it("leaves an item waived while another active waiver still covers it", async () => {
      const { releaseId, penTestId } = await newRelease();
      const first = await waive(penTestId, dayFrom(new Date(), 5));
      const second = await waive(penTestId, dayFrom(new Date(), 20));
      const once = unwrap(await revokeWaiver(manager, { itemId: penTestId, waiverId: first.waiverId, expectedVersion: second.version, reason: "Superseded" }, database.db));
      expect(once.item).toMatchObject({ status: "WAIVED", version: second.version + 1 });
      expect((await getReleaseVerdict(manager, releaseId, { db: database.db }))!.verdict).toBe("GO_WITH_EXCEPTIONS");
      const twice = unwrap(await revokeWaiver(manager, { itemId: penTestId, waiverId: second.waiverId, expectedVersion: once.version, reason: "Fix it now" }, database.db));
      expect(twice.item.status).toBe("OPEN");
      expect((await getReleaseVerdict(manager, releaseId, { db: database.db }))!.verdict).toBe("NO_GO");
      // Replay matches waivers by their expiry: both revoked there too.
      const state = (await getReleaseStateAt(manager, releaseId, null, database.db))!;
      expect(state.items.find((i) => i.id === penTestId)!.waivers.every((w) => w.revokedAt !== null)).toBe(true);
    });

    it("answers a stale version with a conflict and writes nothing", async () => {
      const { penTestId } = await newRelease();
      const waiver = await waive(penTestId);
      // Someone else changes the item after the page was loaded.
      unwrap(await updateItemStatus(member, { itemId: penTestId, expectedVersion: waiver.version, status: "DONE" }, database.db));
      const head = await auditHead();
      const result = await revokeWaiver(manager, { itemId: penTestId, waiverId: waiver.waiverId, expectedVersion: waiver.version, reason: "Too late" }, database.db);
      expect(result).toMatchObject({ ok: false, code: "conflict", current: { id: penTestId, status: "DONE", version: waiver.version + 1 } });
      expect(await eventsSince(head)).toEqual([]);
      expect(await database.db.waiver.findUniqueOrThrow({ where: { id: waiver.waiverId } })).toMatchObject({ revokedAt: null, revokedById: null, revokeReason: null });
      expect(await database.db.releaseItem.findUniqueOrThrow({ where: { id: penTestId } })).toMatchObject({ status: "DONE", version: waiver.version + 1 });
    });

    it("refuses a member (ForbiddenError) and writes nothing", async () => {
      const { penTestId } = await newRelease();
      const waiver = await waive(penTestId);
      const head = await auditHead();
      await expect(revokeWaiver(member, { itemId: penTestId, waiverId: waiver.waiverId, expectedVersion: waiver.version, reason: "I disagree" }, database.db)).rejects.toBeInstanceOf(ForbiddenError);
      expect(await eventsSince(head)).toEqual([]);
      expect((await database.db.waiver.findUniqueOrThrow({ where: { id: waiver.waiverId } })).revokedAt).toBeNull();
      expect(await database.db.releaseItem.findUniqueOrThrow({ where: { id: penTestId } })).toMatchObject({ status: "WAIVED", version: waiver.version });
    });

    it("needs a reason, an active waiver of that item, and refuses a second revocation", async () => {
      const { testsId, penTestId } = await newRelease();
      const waiver = await waive(penTestId, dayFrom(new Date(), 3));
      const base = { itemId: penTestId, waiverId: waiver.waiverId, expectedVersion: waiver.version };
      const head = await auditHead();

      const blank = await revokeWaiver(manager, { ...base, reason: "   " }, database.db);
      expect(blank).toMatchObject({ ok: false, code: "invalid", fieldErrors: { reason: ["Say why the waiver is revoked"] } });
      const elsewhere = await revokeWaiver(manager, { ...base, itemId: testsId, expectedVersion: 2, reason: "Wrong item" }, database.db);
      expect(elsewhere).toMatchObject({ ok: false, code: "not_found" });
      const expired = await revokeWaiver(manager, { ...base, reason: "Late" }, database.db, new Date(Date.now() + 5 * DAY));
      expect(expired).toMatchObject({ ok: false, code: "invalid", error: "That waiver has already expired." });
      expect(await eventsSince(head)).toEqual([]);

      const done = unwrap(await revokeWaiver(manager, { ...base, reason: "Fixed" }, database.db));
      const again = await revokeWaiver(manager, { ...base, expectedVersion: done.version, reason: "Again" }, database.db);
      expect(again).toMatchObject({ ok: false, code: "invalid", error: "That waiver has already been revoked." });
      expect((await eventsSince(head)).map((e) => e.action)).toEqual(["waiver.revoke"]);
    });
  });

  describe("evidence with its own expiry", () => {
    /** "Pen test done" needs evidence (set on the release's copy: the importer never sets it) and is done. */
    async function evidenceRelease() {
      const release = await newRelease();
      await database.db.releaseItem.update({ where: { id: release.penTestId }, data: { evidenceRequired: true } });
      unwrap(await updateItemStatus(member, { itemId: release.penTestId, expectedVersion: 1, status: "DONE" }, database.db));
      return release;
    }

    it("refuses an expiry in the past and writes nothing", async () => {
      const { penTestId } = await evidenceRelease();
      const head = await auditHead();
      const result = await addEvidence(member, { kind: "LINK", itemId: penTestId, url: "https://pentest.example.com/2025", expiresOn: dayFrom(new Date(), -1) }, database.db);
      expect(result).toMatchObject({ ok: false, code: "invalid", fieldErrors: { expiresOn: ["Choose today or a later date"] } });
      const malformed = await addEvidence(member, { kind: "NOTE", itemId: penTestId, note: "Done", expiresOn: "next year" }, database.db);
      expect(malformed).toMatchObject({ ok: false, code: "invalid", fieldErrors: { expiresOn: [expect.any(String)] } });
      expect(await eventsSince(head)).toEqual([]);
      expect(await database.db.evidence.count({ where: { releaseItemId: penTestId } })).toBe(0);
    });

    it("counts until its expiry and not after (now injected into the verdict)", async () => {
      const { releaseId, penTestId } = await evidenceRelease();
      const now = new Date();
      const expiresOn = dayFrom(now, 10);
      const head = await auditHead();
      unwrap(await addEvidence(member, { kind: "LINK", itemId: penTestId, url: "https://pentest.example.com/2026", expiresOn }, database.db, now));

      const row = await database.db.evidence.findFirstOrThrow({ where: { releaseItemId: penTestId } });
      expect(row.expiresAt?.toISOString()).toBe(`${expiresOn}T23:59:59.000Z`);
      const [event] = await eventsSince(head);
      expect(event!.after).toMatchObject({ itemId: penTestId, expiresAt: `${expiresOn}T23:59:59.000Z` });

      const verdictAt = async (at: Date) => (await getReleaseVerdict(manager, releaseId, { db: database.db, now: at }))!;
      expect((await verdictAt(now)).verdict).toBe("GO");
      expect((await verdictAt(new Date(`${expiresOn}T23:00:00Z`))).verdict).toBe("GO");
      const after = await verdictAt(new Date(`${dayFrom(now, 11)}T00:00:00Z`));
      expect(after.verdict).toBe("NO_GO");
      expect(after.reasons.map((r) => [r.itemKey, r.code])).toEqual([["pen-test-done", "EVIDENCE_STALE"]]);

      // The item says when, and the evidence its last day.
      expect((await itemView(releaseId, penTestId, now)).evidenceExpiry).toBe("Evidence expires in 10 days");
      expect((await itemView(releaseId, penTestId, new Date(`${dayFrom(now, 13)}T08:00:00Z`))).evidenceExpiry).toBe("Evidence expired 3 days ago");
      expect((await itemView(releaseId, penTestId, now)).evidence[0]!.expiresAt).toBe(expiresOn);

      // Replay reads the expiry from the event.
      const state = (await getReleaseStateAt(manager, releaseId, null, database.db))!;
      expect(state.items.find((i) => i.id === penTestId)!.evidence.map((e) => e.expiresAt?.toISOString())).toEqual([`${expiresOn}T23:59:59.000Z`]);
    });

    it("accepts an expiry of today, and evidence without one never expires", async () => {
      const { releaseId, penTestId, testsId } = await evidenceRelease();
      const now = new Date();
      unwrap(await addEvidence(member, { kind: "NOTE", itemId: penTestId, note: "Retest booked", expiresOn: dayFrom(now, 0) }, database.db, now));
      expect((await itemView(releaseId, penTestId, now)).evidenceExpiry).toBe("Evidence expires today");
      unwrap(await addEvidence(member, { kind: "NOTE", itemId: testsId, note: "All green" }, database.db, now));
      expect(await itemView(releaseId, testsId, now)).toMatchObject({ evidenceExpiry: null, evidence: [expect.objectContaining({ expiresAt: null })] });
    });
  });
});
