import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TActor } from "@/lib/auth/permissions";
import { addReleaseItem } from "@/lib/data/releases/add-release-item";
import { createRelease } from "@/lib/data/releases/create-release";
import { exportRelease } from "@/lib/data/releases/export-release";
import { getReleaseStateAt } from "@/lib/data/releases/get-release-state-at";
import { moveReleaseVersion } from "@/lib/data/releases/move-release-version";
import { updateItemStatus } from "@/lib/data/releases/update-item-status";
import { signOffRelease } from "@/lib/data/sign-offs/sign-off-release";
import { importTemplate } from "@/lib/data/templates/import-template";
import { createActor } from "@/tests/helpers/actors";
import { unwrap } from "@/tests/helpers/unwrap";
import { createTestDatabase, type TTestDatabase } from "@/tests/helpers/test-database";

// A release manager adds an item to one release: it is marked release-only, voids the
// sign-off, is one audited change, exists in time travel only from then on, shows in the
// exports, and survives a move to a newer template version.
describe("release-only items", () => {
  let database: TTestDatabase;
  let admin: TActor;
  let manager: TActor;
  let member: TActor;

  beforeAll(async () => {
    database = await createTestDatabase();
    admin = await createActor(database.db, "ADMIN");
    manager = await createActor(database.db, "RELEASE_MANAGER");
    member = await createActor(database.db, "MEMBER");
  });

  afterAll(async () => {
    await database?.drop();
  });

  it("adds an audited, release-only item that voids the sign-off and replays from its event on", async () => {
    const v1 = unwrap(await importTemplate(admin, { source: "# Hotfix\n\n## Checks\n\n- [ ] Tests pass\n" }, database.db));
    const { releaseId } = unwrap(await createRelease(manager, { templateVersionId: v1.versionId, name: "Hotfix 1", service: "hf", version: "1", environment: "prod" }, database.db));
    const tests = await database.db.releaseItem.findFirstOrThrow({ where: { releaseId } });
    unwrap(await updateItemStatus(member, { itemId: tests.id, expectedVersion: 1, status: "DONE" }, database.db));
    unwrap(await signOffRelease(manager, { releaseId, decision: "GO" }, database.db));
    const before = (await database.db.auditEvent.aggregate({ where: { releaseId }, _max: { seq: true } }))._max.seq!;

    await expect(addReleaseItem(member, { releaseId, sectionId: tests.sectionId, text: "x" }, database.db)).rejects.toThrow(/may not release:manage/);
    const added = unwrap(await addReleaseItem(manager, { releaseId, sectionId: tests.sectionId, text: "Tests pass" }, database.db));
    expect(added.key).toBe("tests-pass-2");
    expect(await database.db.releaseItem.findUniqueOrThrow({ where: { id: added.itemId } })).toMatchObject({ releaseOnly: true, status: "OPEN", text: "Tests pass" });
    expect(await database.db.release.findUniqueOrThrow({ where: { id: releaseId } })).toMatchObject({ status: "IN_REVIEW" });
    const events = await database.db.auditEvent.findMany({ where: { releaseId, seq: { gt: before } } });
    expect(events.map((e) => [e.action, (e.after as { invalidatedSignOffs?: number }).invalidatedSignOffs])).toEqual([["item.add", 1]]);

    expect((await getReleaseStateAt(admin, releaseId, before, database.db))?.items.map((i) => i.key)).toEqual(["tests-pass"]);
    expect((await getReleaseStateAt(admin, releaseId, null, database.db))?.items.map((i) => i.key)).toEqual(["tests-pass", "tests-pass-2"]);
    const csv = (await exportRelease(member, releaseId, "csv", { db: database.db }))!.body.trim().split("\n");
    expect(csv.at(-1)?.endsWith(",yes")).toBe(true);

    const v2 = unwrap(await importTemplate(admin, { source: "# Hotfix\n\n## Checks\n\n- [ ] Tests pass\n- [ ] Canary healthy\n", templateId: v1.templateId }, database.db));
    unwrap(await moveReleaseVersion(manager, { releaseId, templateVersionId: v2.versionId }, database.db));
    const rows = await database.db.releaseItem.findMany({ where: { releaseId }, orderBy: { position: "asc" } });
    expect(rows.map((r) => [r.key, r.releaseOnly])).toEqual([
      ["tests-pass", false],
      ["canary-healthy", false],
      ["tests-pass-2", true],
    ]);
    expect((await getReleaseStateAt(admin, releaseId, null, database.db))?.items.map((i) => i.key).sort()).toEqual(["canary-healthy", "tests-pass", "tests-pass-2"]);
  });
});
