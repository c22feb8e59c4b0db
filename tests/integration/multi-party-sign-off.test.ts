import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TActor } from "@/lib/auth/permissions";
import { createRelease } from "@/lib/data/releases/create-release";
import { updateItemStatus } from "@/lib/data/releases/update-item-status";
import { addReleaseSeat } from "@/lib/data/sign-offs/add-release-seat";
import { requestSignOff } from "@/lib/data/sign-offs/request-sign-off";
import { signOffRelease } from "@/lib/data/sign-offs/sign-off-release";
import { loadReleaseSignOffs } from "@/lib/data/sign-offs/sign-off-state";
import { getMyWork } from "@/lib/data/my-work/get-my-work";
import { loadReleaseVerdict } from "@/lib/data/releases/load-release-verdict";
import { importTemplate } from "@/lib/data/templates/import-template";
import { moveReleaseVersion } from "@/lib/data/releases/move-release-version";
import { releaseContentHash } from "@/lib/domain/release-content-hash";
import type { TDb } from "@/lib/db";
import { verifyAuditChain } from "@/lib/audit/verify-audit-chain";
import { createWebhook } from "@/lib/data/webhooks/webhook-endpoints";
import { createActor } from "@/tests/helpers/actors";
import { createTestDatabase, type TTestDatabase } from "@/tests/helpers/test-database";

// Multi-party sign-off on the real PostgreSQL: a release is signed off when every seat has
// its GO signatures and no seat said NO-GO; any covered change voids every signature; the
// database itself refuses a SIGNED_OFF release with a seat missing, however writers race.
const TEMPLATE = "# Seats\n\n## Checks\n\n- [ ] Tests pass\n- [ ] Runbook written\n- [ ] Dashboards ready (advisory)\n";

describe("multi-party sign-off", () => {
  let database: TTestDatabase;
  let db: TDb;
  let manager: TActor;
  let engineer: TActor;
  let engineer2: TActor;
  let security: TActor;
  let outsider: TActor;
  let templateVersionId: string;

  const must = <T,>(result: { ok: true; data: T } | { ok: false; error: string }): T => {
    if (!result.ok) throw new Error(result.error);
    return result.data;
  };

  /** A release with three seats: Release manager (role), Engineering (team), Security (a named person). */
  async function threeSeatRelease(options: { allowSelfApproval?: boolean } = {}): Promise<string> {
    const { releaseId } = must(await createRelease(manager, { templateVersionId, name: `Seats ${crypto.randomUUID()}`, service: "seats", version: "1", environment: "prod" }, db));
    // The blocking checks are done (by someone who signs nothing): the verdict is GO.
    for (const key of ["tests-pass", "runbook-written"]) must(await tick(outsider, releaseId, key, "DONE"));
    must(await addReleaseSeat(manager, { releaseId, name: "Engineering", teams: ["Engineering"] }, db));
    must(await addReleaseSeat(manager, { releaseId, name: "Security", users: [security.label] }, db));
    if (options.allowSelfApproval === false) {
      const release = await db.release.findUniqueOrThrow({ where: { id: releaseId } });
      await db.release.update({ where: { id: releaseId }, data: { signOffPolicy: { ...(release.signOffPolicy as object), allowSelfApproval: false } } });
    }
    return releaseId;
  }
  const statusOf = async (releaseId: string) => (await db.release.findUniqueOrThrow({ where: { id: releaseId } })).status;
  const tick = async (actor: TActor, releaseId: string, key: string, status: "DONE" | "OPEN" | "IN_PROGRESS") => {
    const item = await db.releaseItem.findFirstOrThrow({ where: { releaseId, key } });
    return updateItemStatus(actor, { itemId: item.id, expectedVersion: item.version, status }, db);
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    db = database.db;
    manager = await createActor(db, "RELEASE_MANAGER");
    engineer = await createActor(db, "MEMBER");
    engineer2 = await createActor(db, "MEMBER");
    security = await createActor(db, "MEMBER");
    outsider = await createActor(db, "MEMBER");
    const team = await db.team.create({ data: { name: "Engineering" } });
    await db.teamMember.createMany({ data: [engineer, engineer2].map((a) => ({ teamId: team.id, userId: a.id! })) });
    const admin = await createActor(db, "ADMIN");
    templateVersionId = must(await importTemplate(admin, { source: TEMPLATE }, db)).versionId;
    // Someone listens for sign-off requests and signatures (deliveries stay queued: no worker runs here).
    must(await createWebhook(admin, { url: "https://hooks.example.com/preflight", events: ["signoff.requested", "signoff.recorded"] }, db));
  });

  afterAll(async () => {
    await database?.drop();
  });

  it("is signed off only when the last seat signs GO, each signature bound to the content hash", async () => {
    const releaseId = await threeSeatRelease();
    must(await signOffRelease(engineer, { releaseId, decision: "GO", comment: "Code reviewed" }, db));
    expect(await statusOf(releaseId)).toBe("IN_REVIEW");
    must(await signOffRelease(security, { releaseId, decision: "GO" }, db));
    expect(await statusOf(releaseId)).toBe("IN_REVIEW");
    const last = must(await signOffRelease(manager, { releaseId, decision: "GO" }, db));
    expect(last).toMatchObject({ status: "SIGNED_OFF", seat: "release-manager" });
    const signatures = await db.signOff.findMany({ where: { releaseId, invalidatedAt: null }, orderBy: { createdAt: "asc" } });
    expect(signatures.map((s) => [s.seatKey, s.capacity])).toEqual([["engineering", "Engineering"], ["security", "Security"], ["release-manager", "Release manager"]]);
    const { items } = (await loadReleaseVerdict(db, releaseId, new Date()))!;
    expect(new Set(signatures.map((s) => s.contentHash))).toEqual(new Set([releaseContentHash(items)]));
  });

  it("a change between two signatures voids the first, and the page can say who must sign again", async () => {
    const releaseId = await threeSeatRelease();
    must(await signOffRelease(engineer, { releaseId, decision: "GO" }, db));
    must(await tick(outsider, releaseId, "dashboards-ready", "DONE"));
    must(await signOffRelease(security, { releaseId, decision: "GO" }, db));
    must(await signOffRelease(manager, { releaseId, decision: "GO" }, db));
    expect(await statusOf(releaseId)).toBe("IN_REVIEW");
    const voided = await db.signOff.findFirstOrThrow({ where: { releaseId, seatKey: "engineering" } });
    expect(voided.invalidatedReason).toMatch(/Dashboards ready.*changed by/);
    const { state } = await loadReleaseSignOffs(db, releaseId);
    expect(state.seats.filter((s) => !s.isFilled).map((s) => [s.seat.name, s.missing])).toEqual([["Engineering", 1]]);
    // The engineer signs again: now every seat stands on the same content.
    must(await signOffRelease(engineer, { releaseId, decision: "GO" }, db));
    expect(await statusOf(releaseId)).toBe("SIGNED_OFF");
  });

  it("a NO-GO from one seat holds a release whose verdict is GO", async () => {
    const releaseId = await threeSeatRelease();
    must(await signOffRelease(engineer, { releaseId, decision: "GO" }, db));
    must(await signOffRelease(manager, { releaseId, decision: "GO" }, db));
    must(await signOffRelease(security, { releaseId, decision: "NO_GO", comment: "Pen test findings open" }, db));
    expect((await loadReleaseVerdict(db, releaseId, new Date()))!.verdict.verdict).toBe("GO");
    expect(await statusOf(releaseId)).toBe("IN_REVIEW");
    const { state } = await loadReleaseSignOffs(db, releaseId);
    expect(state).toMatchObject({ isHeld: true, isSignedOff: false });
    // The same person changing their mind to GO replaces their NO-GO.
    must(await signOffRelease(security, { releaseId, decision: "GO" }, db));
    expect(await statusOf(releaseId)).toBe("SIGNED_OFF");
  });

  it("refuses a signer who may fill no seat, and one person filling two seats", async () => {
    const releaseId = await threeSeatRelease();
    expect(await signOffRelease(outsider, { releaseId, decision: "GO" }, db)).toMatchObject({ ok: false, error: expect.stringMatching(/cannot fill any sign-off seat.*Security is for/) });
    // The manager joins Engineering: two seats are theirs, so they must choose, and fill one only.
    const team = await db.team.findUniqueOrThrow({ where: { name: "Engineering" } });
    await db.teamMember.create({ data: { teamId: team.id, userId: manager.id! } });
    try {
      expect(await signOffRelease(manager, { releaseId, decision: "GO" }, db)).toMatchObject({ ok: false, error: expect.stringMatching(/Choose the seat/) });
      must(await signOffRelease(manager, { releaseId, decision: "GO", seat: "release-manager" }, db));
      expect(await signOffRelease(manager, { releaseId, decision: "GO", seat: "engineering" }, db)).toMatchObject({ ok: false, error: expect.stringMatching(/already signed for Release manager/) });
      expect(await signOffRelease(engineer, { releaseId, decision: "GO", seat: "security" }, db)).toMatchObject({ ok: false, error: expect.stringMatching(/Security seat is for/) });
    } finally {
      await db.teamMember.delete({ where: { teamId_userId: { teamId: team.id, userId: manager.id! } } });
    }
  });

  it("with self-approval off, someone who changed an item this round cannot fill a seat alone", async () => {
    const releaseId = await threeSeatRelease({ allowSelfApproval: false });
    must(await tick(engineer, releaseId, "dashboards-ready", "DONE"));
    must(await signOffRelease(security, { releaseId, decision: "GO" }, db));
    must(await signOffRelease(manager, { releaseId, decision: "GO" }, db));
    must(await signOffRelease(engineer, { releaseId, decision: "GO" }, db));
    expect(await db.signOff.findFirstOrThrow({ where: { releaseId, seatKey: "engineering", invalidatedAt: null } })).toMatchObject({ selfApproved: true });
    expect(await statusOf(releaseId)).toBe("IN_REVIEW");
    // Someone else's change voids the signatures: the engineer's own change still counts.
    must(await tick(outsider, releaseId, "dashboards-ready", "IN_PROGRESS"));
    for (const actor of [security, manager, engineer]) must(await signOffRelease(actor, { releaseId, decision: "GO" }, db));
    expect(await db.signOff.findFirstOrThrow({ where: { releaseId, seatKey: "engineering", invalidatedAt: null } })).toMatchObject({ selfApproved: true });
    expect(await statusOf(releaseId)).toBe("IN_REVIEW");
    // A second engineer, who changed nothing, completes the seat.
    must(await signOffRelease(engineer2, { releaseId, decision: "GO" }, db));
    expect(await statusOf(releaseId)).toBe("SIGNED_OFF");
  });

  it("adding a seat to a signed-off release puts it back in review; the database refuses SIGNED_OFF with a seat missing", async () => {
    const releaseId = await threeSeatRelease();
    for (const actor of [engineer, security, manager]) must(await signOffRelease(actor, { releaseId, decision: "GO" }, db));
    expect(await statusOf(releaseId)).toBe("SIGNED_OFF");
    // A seat nobody (or too few) can fill is refused: seats are never removed.
    expect(await addReleaseSeat(manager, { releaseId, name: "Legal", teams: ["Legl"] }, db)).toMatchObject({ ok: false, error: expect.stringMatching(/^Nobody can sign Legal/) });
    expect(await addReleaseSeat(manager, { releaseId, name: "Legal", users: [security.label], required: 2 }, db)).toMatchObject({ ok: false, error: expect.stringMatching(/^Only 1 person can sign Legal/) });
    must(await addReleaseSeat(manager, { releaseId, name: "QA", roles: ["MEMBER"], required: 2 }, db));
    expect(await statusOf(releaseId)).toBe("IN_REVIEW");
    await expect(db.release.update({ where: { id: releaseId }, data: { status: "SIGNED_OFF" } })).rejects.toThrow(/SIGNED_OFF without a valid GO/);
    const events = await db.auditEvent.findMany({ where: { releaseId, action: "release.seat.add" } });
    expect(events.map((e) => (e.after as { seat: { name: string } }).seat.name)).toEqual(["Engineering", "Security", "QA"]);
  });

  it("moving to a version with seats keeps the release's own seats, beside a version seat of the same name", async () => {
    const releaseId = await threeSeatRelease();
    const { templateId } = await db.templateVersion.findUniqueOrThrow({ where: { id: templateVersionId } });
    const source = `${TEMPLATE.replace("# Seats\n", "# Seats\n\nSign-off: Security (role: admin)\n")}`;
    const next = must(await importTemplate(await createActor(db, "ADMIN"), { source, templateId }, db));
    must(await moveReleaseVersion(manager, { releaseId, templateVersionId: next.versionId }, db));
    const { policy } = await loadReleaseSignOffs(db, releaseId);
    expect(policy.seats.map((s) => [s.key, s.name, s.releaseOnly])).toEqual([
      ["security", "Security", false],
      ["engineering", "Engineering", true],
      ["security-release", "Security (this release)", true],
    ]);
    expect(policy.seats.find((s) => s.key === "security-release")!.users).toEqual([security.label]);
  });

  it("asks the seats to sign: each person who may fill a missing seat sees it in My work", async () => {
    const releaseId = await threeSeatRelease();
    must(await signOffRelease(engineer, { releaseId, decision: "GO" }, db));
    expect(must(await requestSignOff(manager, { releaseId }, db)).seats).toEqual(["Release manager", "Security"]);
    const mine = async (actor: TActor) => (await getMyWork(actor, { db })).signOffs.filter((s) => s.releaseId === releaseId).map((s) => s.seats);
    expect(await mine(security)).toEqual([["Security"]]);
    expect(await mine(manager)).toEqual([["Release manager"]]);
    expect(await mine(engineer)).toEqual([]);
    expect(await mine(engineer2)).toEqual([]);
    expect(await mine(outsider)).toEqual([]);
    must(await signOffRelease(security, { releaseId, decision: "GO" }, db));
    expect(await mine(security)).toEqual([]);
    // Each of these writes its audit event, in the release's history, in order.
    const events = await db.auditEvent.findMany({ where: { releaseId, action: { startsWith: "release." } }, orderBy: { seq: "asc" } });
    expect(events.map((e) => [e.action, e.actorId])).toEqual([
      ["release.create", manager.id],
      ["release.seat.add", manager.id],
      ["release.seat.add", manager.id],
      ["release.sign-off", engineer.id],
      ["release.sign-off.request", manager.id],
      ["release.sign-off", security.id],
    ]);
    expect(events[3]!.after).toMatchObject({ seat: "engineering", capacity: "Engineering", selfApproved: false, decision: "GO" });
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true });
    // Requests and signatures emit their webhook events, in the same transactions.
    const deliveries = await db.webhookDelivery.findMany({ where: { releaseId }, orderBy: { createdAt: "asc" } });
    expect(deliveries.map((d) => d.event)).toEqual(["signoff.recorded", "signoff.requested", "signoff.recorded"]);
    expect(deliveries[1]!.payload).toMatchObject({ data: { seats: [{ name: "Release manager" }, { name: "Security" }] } });
    expect(deliveries[2]!.payload).toMatchObject({ data: { seat: "security", seatName: "Security", decision: "GO" } });
  });

  it("never leaves a release signed off with a missing or voided seat while seats sign and items change concurrently", async () => {
    for (let round = 0; round < 12; round += 1) {
      const releaseId = await threeSeatRelease();
      const writers = [
        () => signOffRelease(engineer, { releaseId, decision: "GO" }, db),
        () => signOffRelease(security, { releaseId, decision: "GO" }, db),
        () => signOffRelease(manager, { releaseId, decision: "GO" }, db),
        () => tick(outsider, releaseId, "dashboards-ready", round % 2 ? "DONE" : "IN_PROGRESS"),
        () => signOffRelease(engineer2, { releaseId, decision: "GO" }, db),
      ];
      // A different order each round; all started together.
      const order = writers.map((w, i) => ({ w, k: (i * 7 + round * 3) % writers.length })).sort((a, b) => a.k - b.k);
      await Promise.all(order.map(({ w }) => w()));
      const release = await db.release.findUniqueOrThrow({ where: { id: releaseId } });
      const valid = await db.signOff.findMany({ where: { releaseId, invalidatedAt: null } });
      const { items } = (await loadReleaseVerdict(db, releaseId, new Date()))!;
      const hash = releaseContentHash(items);
      const seatsWithGo = new Set(valid.filter((s) => s.decision === "GO" && s.contentHash === hash).map((s) => s.seatKey));
      const allSeats = seatsWithGo.has("release-manager") && seatsWithGo.has("engineering") && seatsWithGo.has("security");
      if (release.status === "SIGNED_OFF") {
        expect(allSeats, `round ${round}: signed off without every seat on the current content`).toBe(true);
        // Every valid signature was made on the content as it is now.
        expect(valid.every((s) => s.contentHash === hash)).toBe(true);
      } else {
        expect(allSeats, `round ${round}: every seat signed the current content but the release is ${release.status}`).toBe(false);
      }
    }
  });
});
