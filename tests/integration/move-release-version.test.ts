import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TActor } from "@/lib/auth/permissions";
import { addComment } from "@/lib/data/releases/add-comment";
import { addEvidence } from "@/lib/data/releases/add-evidence";
import { createRelease } from "@/lib/data/releases/create-release";
import { getReleaseStateAt } from "@/lib/data/releases/get-release-state-at";
import { getReleaseVerdict } from "@/lib/data/releases/get-release-verdict";
import { moveReleaseVersion, previewVersionMove } from "@/lib/data/releases/move-release-version";
import { updateItemStatus } from "@/lib/data/releases/update-item-status";
import { signOffRelease } from "@/lib/data/sign-offs/sign-off-release";
import { importTemplate } from "@/lib/data/templates/import-template";
import { createActor } from "@/tests/helpers/actors";
import { unwrap } from "@/tests/helpers/unwrap";
import { createTestDatabase, type TTestDatabase } from "@/tests/helpers/test-database";

const V1 = "# Service\n\n## Build\n\n- [ ] Tests pass\n- [ ] Legacy smoke test\n\n## Ops\n\n- [ ] Runbook written\n";
const V2 = "# Service\n\n## Build\n\n- [ ] Tests pass\n  - [ ] Contract tests\n\n## Operations\n\n- [ ] Runbook written\n\n  Include the rollback steps.\n\n- [ ] SLOs defined\n  - Owner: sre\n";

// A release moves to a newer version of its template: states, evidence and comments of items
// whose key is unchanged are kept, the sign-off is voided, one audited change; time travel
// still shows the release as it was before the move.
describe("moving a release to a newer template version", () => {
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

  it("keeps unchanged items' state, adds and removes the others, voids the sign-off, and replays across the move", async () => {
    const v1 = unwrap(await importTemplate(admin, { source: V1 }, database.db));
    const { releaseId } = unwrap(await createRelease(manager, { templateVersionId: v1.versionId, name: "Svc 1", service: "svc", version: "1", environment: "prod" }, database.db));
    const item = (key: string) => database.db.releaseItem.findFirstOrThrow({ where: { releaseId, key } });
    for (const key of ["tests-pass", "legacy-smoke-test", "runbook-written"]) {
      const row = await item(key);
      unwrap(await updateItemStatus(member, { itemId: row.id, expectedVersion: row.version, status: "DONE" }, database.db));
    }
    const tests = await item("tests-pass");
    unwrap(await addEvidence(member, { kind: "LINK", itemId: tests.id, url: "https://ci.example.com/run/9" }, database.db));
    unwrap(await addComment(member, { itemId: tests.id, body: "Green on main" }, database.db));
    unwrap(await signOffRelease(manager, { releaseId, decision: "GO" }, database.db));
    const beforeMove = (await database.db.auditEvent.aggregate({ where: { releaseId }, _max: { seq: true } }))._max.seq!;

    expect(await previewVersionMove(member, releaseId, database.db)).toBeNull();
    const v2 = unwrap(await importTemplate(admin, { source: V2, templateId: v1.templateId }, database.db));
    const preview = await previewVersionMove(member, releaseId, database.db);
    expect(preview).toMatchObject({ from: 1, to: { id: v2.versionId, number: 2 } });
    expect(preview?.plan.added.map((i) => i.key)).toEqual(["contract-tests", "slos-defined"]);
    expect(preview?.plan.removed.map((i) => i.key)).toEqual(["legacy-smoke-test"]);
    expect(preview?.plan.changed.map((c) => [c.after.key, c.after.detail])).toEqual([["runbook-written", "Include the rollback steps."]]);

    expect(await moveReleaseVersion(member, { releaseId, templateVersionId: v2.versionId }, database.db).catch((e: Error) => e.name)).toBe("ForbiddenError");
    expect(unwrap(await moveReleaseVersion(manager, { releaseId, templateVersionId: v2.versionId }, database.db))).toMatchObject({ added: 2, removed: 1 });

    const rows = await database.db.releaseItem.findMany({ where: { releaseId }, orderBy: { position: "asc" }, include: { evidence: true, comments: true, section: true, parent: true } });
    expect(rows.map((r) => [r.key, r.status, r.section.title, r.parent?.key ?? null])).toEqual([
      ["tests-pass", "DONE", "Build", null],
      ["contract-tests", "OPEN", "Build", "tests-pass"],
      ["runbook-written", "DONE", "Operations", null],
      ["slos-defined", "OPEN", "Operations", null],
    ]);
    expect(rows[0]).toMatchObject({ id: tests.id, evidence: [{ url: "https://ci.example.com/run/9" }], comments: [{ body: "Green on main" }] });
    expect(rows[3]?.owner).toBe("sre");
    expect(await database.db.releaseSection.count({ where: { releaseId } })).toBe(2);
    expect(await database.db.release.findUniqueOrThrow({ where: { id: releaseId } })).toMatchObject({ templateVersionId: v2.versionId, status: "IN_REVIEW" });
    expect(await database.db.signOff.count({ where: { releaseId, invalidatedAt: null } })).toBe(0);
    const events = await database.db.auditEvent.findMany({ where: { releaseId, seq: { gt: beforeMove } } });
    expect(events.map((e) => e.action)).toEqual(["release.template.move"]);
    expect(events[0]?.after).toMatchObject({ number: 2, added: ["contract-tests", "slos-defined"], removed: ["legacy-smoke-test"], invalidatedSignOffs: 1 });

    const verdict = await getReleaseVerdict(member, releaseId, { db: database.db });
    expect(verdict?.verdict).toBe("NO_GO");
    const past = await getReleaseStateAt(admin, releaseId, beforeMove, database.db);
    expect(past?.items.map((i) => [i.key, i.status])).toEqual([
      ["tests-pass", "DONE"],
      ["legacy-smoke-test", "DONE"],
      ["runbook-written", "DONE"],
    ]);
    expect(past?.verdict.verdict).toBe("GO");
    const now = await getReleaseStateAt(admin, releaseId, null, database.db);
    expect(now?.items.map((i) => [i.key, i.status])).toEqual(rows.map((r) => [r.key, r.status]));

    expect(await moveReleaseVersion(manager, { releaseId, templateVersionId: v1.versionId }, database.db)).toMatchObject({ ok: false, code: "invalid" });
  });
});
