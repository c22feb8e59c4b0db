import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TActor } from "@/lib/auth/permissions";
import { addComment } from "@/lib/data/releases/add-comment";
import { addEvidence } from "@/lib/data/releases/add-evidence";
import { createRelease } from "@/lib/data/releases/create-release";
import { getReleaseView } from "@/lib/data/releases/get-release-view";
import { grantWaiver } from "@/lib/data/releases/grant-waiver";
import { updateItemStatus } from "@/lib/data/releases/update-item-status";
import { signOffRelease } from "@/lib/data/sign-offs/sign-off-release";
import { importTemplate } from "@/lib/data/templates/import-template";
import { createActor } from "@/tests/helpers/actors";
import { createTestDatabase, type TTestDatabase } from "@/tests/helpers/test-database";

const TEMPLATE = "# Svc\n\n## Checks\n\n- [ ] Tests pass\n- [ ] Runbook written\n\n## No-Go if any are true\n\n- [ ] Open incident\n";

describe("sign-off", () => {
  let database: TTestDatabase;
  let admin: TActor;
  let manager: TActor;
  let member: TActor;
  let releaseId: string;
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
    const template = await importTemplate(admin, { source: TEMPLATE }, database.db);
    if (!template.ok) throw new Error(template.error);
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
});
