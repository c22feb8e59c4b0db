import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordRefusal } from "@/lib/audit/record-refusal";
import { ForbiddenError, type TActor } from "@/lib/auth/permissions";
import { addComment } from "@/lib/data/releases/add-comment";
import { addEvidence } from "@/lib/data/releases/add-evidence";
import { createRelease } from "@/lib/data/releases/create-release";
import { getReleaseView } from "@/lib/data/releases/get-release-view";
import { grantWaiver } from "@/lib/data/releases/grant-waiver";
import { updateItemStatus } from "@/lib/data/releases/update-item-status";
import { signOffRelease } from "@/lib/data/sign-offs/sign-off-release";
import { importTemplate } from "@/lib/data/templates/import-template";
import { describeEvent } from "@/lib/domain/audit/describe-event";
import { REPLACED_REASON } from "@/lib/domain/sign-off/sign-off-rules";
import { createActor } from "@/tests/helpers/actors";
import { createTestDatabase, type TTestDatabase } from "@/tests/helpers/test-database";

const TEMPLATE = "# Svc\n\n## Checks\n\n- [ ] Tests pass\n- [ ] Runbook written\n\n## No-Go if any are true\n\n- [ ] Open incident\n";

describe("sign-off", () => {
  let database: TTestDatabase;
  let admin: TActor;
  let manager: TActor;
  let member: TActor;
  let viewer: TActor;
  let otherManager: TActor;
  let releaseId: string;
  let templateVersionId: string;
  const item = (key: string) => database.db.releaseItem.findFirstOrThrow({ where: { releaseId, key } });
  const setStatus = async (key: string, status: "DONE" | "OPEN") => {
    const { id, version } = await item(key);
    const result = await updateItemStatus(member, { itemId: id, expectedVersion: version, status }, database.db);
    if (!result.ok) throw new Error(result.error);
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    admin = await createActor(database.db, "ADMIN");
    manager = await createActor(database.db, "RELEASE_MANAGER", "rm@example.com");
    member = await createActor(database.db, "MEMBER");
    viewer = await createActor(database.db, "VIEWER");
    otherManager = await createActor(database.db, "RELEASE_MANAGER", "rm2@example.com");
    const template = await importTemplate(admin, { source: TEMPLATE }, database.db);
    if (!template.ok) throw new Error(template.error);
    templateVersionId = template.data.versionId;
    const release = await createRelease(manager, { templateVersionId: template.data.versionId, name: "Svc 1", service: "svc", version: "1", environment: "prod" }, database.db);
    if (!release.ok) throw new Error(release.error);
    releaseId = release.data.releaseId;
  });

  afterAll(async () => {
    await database?.drop();
  });

  it("refuses GO while the verdict is NO-GO, but records a NO-GO", async () => {
    expect(await signOffRelease(manager, { releaseId, decision: "GO" }, database.db)).toMatchObject({ ok: false, error: expect.stringMatching(/verdict is NO-GO/) });
    expect(await signOffRelease(manager, { releaseId, decision: "NO_GO", comment: "Runbook missing" }, database.db)).toMatchObject({ ok: true });
  });

  it("signs GO with exceptions listed once everything blocking is satisfied", async () => {
    await setStatus("tests-pass", "DONE");
    await setStatus("open-incident", "DONE");
    const runbook = await item("runbook-written");
    const waiver = await grantWaiver(manager, {
      itemId: runbook.id,
      expectedVersion: runbook.version,
      reason: "Writer on leave",
      compensatingControl: "On-call pairs with the author",
      expiresOn: new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10),
    }, database.db);
    expect(waiver.ok).toBe(true);

    const signed = await signOffRelease(manager, { releaseId, decision: "GO", comment: "Ship it" }, database.db);
    expect(signed).toMatchObject({ ok: true });
    const view = await getReleaseView(manager, releaseId, { db: database.db });
    expect(view?.release.status).toBe("SIGNED_OFF");
    const active = view?.signOffs.filter((s) => !s.invalidatedAt);
    expect(active).toHaveLength(1);
    expect(active?.[0]).toMatchObject({ decision: "GO", verdictAtSigning: "GO_WITH_EXCEPTIONS", signer: "rm@example.com" });
    const event = await database.db.auditEvent.findFirstOrThrow({ where: { action: "release.sign-off" }, orderBy: { createdAt: "desc" } });
    expect((event.after as { exceptions: { itemText: string }[] }).exceptions.map((e) => e.itemText)).toEqual(["Runbook written"]);
  });

  it("a comment does not invalidate the sign-off; new evidence does, saying what changed and who", async () => {
    const tests = await item("tests-pass");
    await addComment(member, { itemId: tests.id, body: "All green" }, database.db);
    expect(await database.db.signOff.count({ where: { releaseId, invalidatedAt: null } })).toBe(1);

    await addEvidence(member, { kind: "LINK", itemId: tests.id, url: "https://ci.example.com/42" }, database.db);
    const signOffs = await database.db.signOff.findMany({ where: { releaseId, decision: "GO" } });
    expect(signOffs[0]?.invalidatedAt).not.toBeNull();
    expect(signOffs[0]?.invalidatedReason).toMatch(/Evidence added to “Tests pass” \(changed by .*member/);
    expect((await database.db.release.findUniqueOrThrow({ where: { id: releaseId } })).status).toBe("IN_REVIEW");
  });

  it("a status change after a new sign-off invalidates it too", async () => {
    expect(await signOffRelease(manager, { releaseId, decision: "GO" }, database.db)).toMatchObject({ ok: true });
    await setStatus("tests-pass", "OPEN");
    expect(await database.db.signOff.count({ where: { releaseId, invalidatedAt: null } })).toBe(0);
  });

  it("refuses a waiver on a no-go condition and a waiver that has already expired", async () => {
    const incident = await item("open-incident");
    const base = { expectedVersion: incident.version, reason: "r", compensatingControl: "c", expiresOn: "2099-01-01" };
    expect(await grantWaiver(manager, { ...base, itemId: incident.id }, database.db)).toMatchObject({ ok: false, error: "A no-go condition cannot be waived." });
    const tests = await item("tests-pass");
    expect(await grantWaiver(manager, { ...base, itemId: tests.id, expectedVersion: tests.version, expiresOn: "2020-01-01" }, database.db)).toMatchObject({
      ok: false,
      fieldErrors: { expiresOn: ["Choose a future date"] },
    });
  });

  it("refuses evidence links that are not http(s)", async () => {
    const tests = await item("tests-pass");
    const result = await addEvidence(member, { kind: "LINK", itemId: tests.id, url: "javascript:alert(1)" }, database.db);
    expect(result).toMatchObject({ ok: false, code: "invalid" });
  });

  /** A release of its own with every item done: its verdict is GO. */
  async function readyRelease(name: string): Promise<string> {
    const release = await createRelease(manager, { templateVersionId, name, service: "svc", version: name, environment: "prod" }, database.db);
    if (!release.ok) throw new Error(release.error);
    for (const it of await database.db.releaseItem.findMany({ where: { releaseId: release.data.releaseId } })) {
      const done = await updateItemStatus(member, { itemId: it.id, expectedVersion: it.version, status: "DONE" }, database.db);
      if (!done.ok) throw new Error(done.error);
    }
    return release.data.releaseId;
  }
  const statusOf = async (id: string) => (await database.db.release.findUniqueOrThrow({ where: { id } })).status;

  it("a GO then a NO-GO by the same release manager: the GO is replaced and the release is back in review", async () => {
    const id = await readyRelease("same-signer");
    expect(await signOffRelease(manager, { releaseId: id, decision: "GO" }, database.db)).toMatchObject({ ok: true, data: { status: "SIGNED_OFF" } });
    expect(await statusOf(id)).toBe("SIGNED_OFF");

    expect(await signOffRelease(manager, { releaseId: id, decision: "NO_GO", comment: "Found a problem" }, database.db)).toMatchObject({ ok: true, data: { status: "IN_REVIEW" } });
    const signOffs = await database.db.signOff.findMany({ where: { releaseId: id }, orderBy: { createdAt: "asc" } });
    expect(signOffs.map((s) => [s.decision, s.invalidatedAt === null, s.invalidatedReason])).toEqual([
      ["GO", false, REPLACED_REASON],
      ["NO_GO", true, null],
    ]);
    expect(REPLACED_REASON).toBe("Replaced by a newer sign-off from the same person");
    expect(await statusOf(id)).toBe("IN_REVIEW");

    const view = await getReleaseView(manager, id, { db: database.db });
    expect(view?.release.status).toBe("IN_REVIEW");
    expect(view?.signOffs.map((s) => [s.decision, s.invalidatedReason])).toEqual([
      ["NO_GO", null],
      ["GO", "Replaced by a newer sign-off from the same person"],
    ]);
  });

  it("a GO by one release manager and a NO-GO by another: not signed off, both stand", async () => {
    const id = await readyRelease("two-signers");
    expect(await signOffRelease(manager, { releaseId: id, decision: "GO" }, database.db)).toMatchObject({ ok: true, data: { status: "SIGNED_OFF" } });
    expect(await signOffRelease(otherManager, { releaseId: id, decision: "NO_GO", comment: "Not on my watch" }, database.db)).toMatchObject({
      ok: true,
      data: { status: "IN_REVIEW" },
    });
    expect(await database.db.signOff.count({ where: { releaseId: id, invalidatedAt: null } })).toBe(2);
    expect(await statusOf(id)).toBe("IN_REVIEW");
    expect((await getReleaseView(manager, id, { db: database.db }))?.release.status).toBe("IN_REVIEW");

    // The NO-GO's signer changing their mind to GO replaces only their own NO-GO: signed off again.
    expect(await signOffRelease(otherManager, { releaseId: id, decision: "GO" }, database.db)).toMatchObject({ ok: true, data: { status: "SIGNED_OFF" } });
    expect(await statusOf(id)).toBe("SIGNED_OFF");
  });

  it("the database refuses a release left SIGNED_OFF without a valid GO (checked at commit)", async () => {
    const id = await readyRelease("raw-update");
    // One statement outside a transaction: the deferred constraint trigger fires at its commit.
    await expect(database.db.$executeRaw`UPDATE releases SET status = 'SIGNED_OFF' WHERE id = ${id}::uuid`).rejects.toThrow(/SIGNED_OFF without a valid GO/);
    expect(await statusOf(id)).toBe("DRAFT");

    // A NO-GO does not make it acceptable either, nor a GO that is void.
    expect(await signOffRelease(manager, { releaseId: id, decision: "NO_GO" }, database.db)).toMatchObject({ ok: true });
    await expect(database.db.$executeRaw`UPDATE releases SET status = 'SIGNED_OFF' WHERE id = ${id}::uuid`).rejects.toThrow(/SIGNED_OFF without a valid GO/);
    expect(await statusOf(id)).toBe("IN_REVIEW");
  });

  it("a refused write names its target: the item and its release", async () => {
    const id = await readyRelease("refused");
    const target = await database.db.releaseItem.findFirstOrThrow({ where: { releaseId: id, key: "runbook-written" } });
    const error = await updateItemStatus(viewer, { itemId: target.id, expectedVersion: target.version, status: "OPEN" }, database.db).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ForbiddenError);
    expect((await database.db.releaseItem.findUniqueOrThrow({ where: { id: target.id } })).status).toBe("DONE");

    await recordRefusal(error as ForbiddenError, database.db);
    const event = await database.db.auditEvent.findFirstOrThrow({ orderBy: { seq: "desc" } });
    expect(event).toMatchObject({
      action: "permission.denied",
      entityType: "ReleaseItem",
      entityId: target.id,
      releaseId: id,
      actorId: viewer.id,
      after: { permission: "item:update", target: "ReleaseItem" },
    });
    const words = describeEvent({
      action: event.action,
      entityType: event.entityType,
      entityId: event.entityId,
      before: event.before as Record<string, unknown> | null,
      after: event.after as Record<string, unknown> | null,
      itemText: target.text,
    });
    expect(words).toBe("was refused: item:update on “Runbook written”");
  });

  it.each([
    ["a 500-character id", "x".repeat(500)],
    ["an id with a NUL", "abc\u0000def"],
    ["an id with a lone surrogate", "abc\uD800def"],
    ["a uuid of no item", "00000000-0000-4000-8000-000000000000"],
  ])("a refusal aimed at %s records without throwing, with no release", async (_name, garbage) => {
    const error = await updateItemStatus(viewer, { itemId: garbage, expectedVersion: 1, status: "DONE" }, database.db).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ForbiddenError);
    await expect(recordRefusal(error as ForbiddenError, database.db)).resolves.toBeUndefined();
    const event = await database.db.auditEvent.findFirstOrThrow({ orderBy: { seq: "desc" } });
    expect(event).toMatchObject({ action: "permission.denied", entityType: "ReleaseItem", releaseId: null, actorId: viewer.id, after: { permission: "item:update" } });
    expect(event.entityId.length).toBeLessThanOrEqual(200);
    expect(event.entityId).not.toContain("\u0000");
    expect(event.entityId.startsWith(garbage.slice(0, 3))).toBe(true);
  });
});
