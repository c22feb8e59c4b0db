import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ForbiddenError, type TActor } from "@/lib/auth/permissions";
import { addComment } from "@/lib/data/releases/add-comment";
import { addEvidence } from "@/lib/data/releases/add-evidence";
import { createRelease } from "@/lib/data/releases/create-release";
import { cancelRelease, reopenRelease, shipRelease } from "@/lib/data/releases/release-lifecycle";
import { updateItemStatus } from "@/lib/data/releases/update-item-status";
import { signOffRelease } from "@/lib/data/sign-offs/sign-off-release";
import { importTemplate } from "@/lib/data/templates/import-template";
import { createActor } from "@/tests/helpers/actors";
import { unwrap } from "@/tests/helpers/unwrap";
import { createTestDatabase, type TTestDatabase } from "@/tests/helpers/test-database";

// A release's life on PostgreSQL: ship only when signed off, the checklist frozen once shipped
// or cancelled (comments still welcome), reopening with a reason; each one audited change.
describe("release lifecycle", () => {
  let database: TTestDatabase;
  let manager: TActor;
  let member: TActor;
  let templateVersionId = "";

  const release = (id: string) => database.db.release.findUniqueOrThrow({ where: { id } });
  const events = (releaseId: string) => database.db.auditEvent.findMany({ where: { releaseId }, orderBy: { seq: "asc" } });

  /** A release whose one item is done and signed off GO; returns its id and the item. */
  async function signedOff(name: string) {
    const { releaseId } = unwrap(await createRelease(manager, { templateVersionId, name, service: "svc", version: name, environment: "prod" }, database.db));
    const item = await database.db.releaseItem.findFirstOrThrow({ where: { releaseId } });
    unwrap(await updateItemStatus(member, { itemId: item.id, expectedVersion: 1, status: "DONE" }, database.db));
    unwrap(await signOffRelease(manager, { releaseId, decision: "GO" }, database.db));
    return { releaseId, itemId: item.id };
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    manager = await createActor(database.db, "RELEASE_MANAGER");
    member = await createActor(database.db, "MEMBER");
    templateVersionId = unwrap(await importTemplate(await createActor(database.db, "ADMIN"), { source: "# Life\n\n- [ ] Tests pass\n" }, database.db)).versionId;
  });

  afterAll(async () => {
    await database?.drop();
  });

  it("ships only a signed-off release, recording when and by whom", async () => {
    const { releaseId } = unwrap(await createRelease(manager, { templateVersionId, name: "early", service: "svc", version: "0", environment: "prod" }, database.db));
    expect(await shipRelease(manager, { releaseId }, database.db)).toMatchObject({ ok: false, code: "invalid", error: expect.stringMatching(/signed-off/) });

    const ready = await signedOff("1.0");
    const at = new Date("2026-11-20T12:00:00Z");
    expect(unwrap(await shipRelease(manager, { releaseId: ready.releaseId }, database.db, at))).toMatchObject({ status: "SHIPPED" });
    expect(await release(ready.releaseId)).toMatchObject({ status: "SHIPPED", closedAt: at, closedById: manager.id, closeReason: null });
    expect((await events(ready.releaseId)).at(-1)).toMatchObject({ action: "release.ship", actorId: manager.id, before: { status: "SIGNED_OFF" } });
  });

  it("freezes a shipped release: items, evidence and sign-offs are refused and write nothing; comments are kept", async () => {
    const { releaseId, itemId } = await signedOff("1.1");
    unwrap(await shipRelease(manager, { releaseId }, database.db));
    const before = (await events(releaseId)).length;
    const frozen = { ok: false, code: "invalid", error: expect.stringMatching(/shipped: its checklist is frozen/) };
    expect(await updateItemStatus(member, { itemId, expectedVersion: 2, status: "OPEN" }, database.db)).toMatchObject(frozen);
    expect(await addEvidence(member, { kind: "LINK", itemId, url: "https://ci.example.com/1" }, database.db)).toMatchObject(frozen);
    expect(await signOffRelease(manager, { releaseId, decision: "NO_GO" }, database.db)).toMatchObject(frozen);
    expect(await database.db.releaseItem.findUniqueOrThrow({ where: { id: itemId } })).toMatchObject({ status: "DONE", version: 2 });
    expect((await events(releaseId)).length).toBe(before);
    unwrap(await addComment(member, { itemId, body: "Shipped fine" }, database.db));
    expect((await events(releaseId)).at(-1)?.action).toBe("comment.add");
  });

  it("reopens with a reason; the release follows its sign-offs again and can change", async () => {
    const { releaseId, itemId } = await signedOff("1.2");
    unwrap(await shipRelease(manager, { releaseId }, database.db));
    expect(await reopenRelease(manager, { releaseId, reason: " " }, database.db)).toMatchObject({ ok: false, code: "invalid" });
    expect(unwrap(await reopenRelease(manager, { releaseId, reason: "Hotfix on top" }, database.db))).toMatchObject({ status: "SIGNED_OFF" });
    expect(await release(releaseId)).toMatchObject({ status: "SIGNED_OFF", closedAt: null, closedById: null });
    expect((await events(releaseId)).at(-1)).toMatchObject({ action: "release.reopen", before: { status: "SHIPPED" }, after: { status: "SIGNED_OFF", reason: "Hotfix on top" } });
    unwrap(await updateItemStatus(member, { itemId, expectedVersion: 2, status: "OPEN" }, database.db));
    expect(await release(releaseId)).toMatchObject({ status: "IN_REVIEW" });
    expect(await reopenRelease(manager, { releaseId, reason: "Again" }, database.db)).toMatchObject({ ok: false, error: expect.stringMatching(/Only a shipped or cancelled/) });
  });

  it("cancels with a reason at any point before shipping; a member may not", async () => {
    const { releaseId } = unwrap(await createRelease(manager, { templateVersionId, name: "2.0", service: "svc", version: "2", environment: "prod" }, database.db));
    await expect(cancelRelease(member, { releaseId, reason: "No" }, database.db)).rejects.toThrow(ForbiddenError);
    expect(await cancelRelease(manager, { releaseId, reason: "" }, database.db)).toMatchObject({ ok: false, code: "invalid" });
    unwrap(await cancelRelease(manager, { releaseId, reason: "Superseded by 2.1" }, database.db));
    expect(await release(releaseId)).toMatchObject({ status: "CANCELLED", closeReason: "Superseded by 2.1", closedById: manager.id });
    expect(await shipRelease(manager, { releaseId }, database.db)).toMatchObject({ ok: false, error: expect.stringMatching(/cancelled: its checklist is frozen/) });
  });

  it("a tick racing the ship either comes first (the GO is voided and nothing ships) or is refused", async () => {
    for (let round = 0; round < 20; round += 1) {
      const { releaseId, itemId } = await signedOff(`race-${round}`);
      const [tick, ship] = await Promise.all([
        updateItemStatus(member, { itemId, expectedVersion: 2, status: "OPEN" }, database.db),
        shipRelease(manager, { releaseId }, database.db),
      ]);
      const [final, item] = await Promise.all([release(releaseId), database.db.releaseItem.findUniqueOrThrow({ where: { id: itemId } })]);
      if (ship.ok) {
        expect(tick.ok, `round ${round}`).toBe(false);
        expect([final.status, item.status]).toEqual(["SHIPPED", "DONE"]);
      } else {
        expect(tick.ok, `round ${round}`).toBe(true);
        expect([final.status, item.status]).toEqual(["IN_REVIEW", "OPEN"]);
      }
    }
  });
});
