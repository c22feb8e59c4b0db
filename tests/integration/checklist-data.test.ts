import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ForbiddenError, type TActor } from "@/lib/auth/permissions";
import { createRelease } from "@/lib/data/releases/create-release";
import { exportRelease } from "@/lib/data/releases/export-release";
import { getReleaseChecklist } from "@/lib/data/releases/get-release-checklist";
import { getReleaseVerdict } from "@/lib/data/releases/get-release-verdict";
import { importRelease } from "@/lib/data/releases/import-release";
import { updateItemStatus } from "@/lib/data/releases/update-item-status";
import { importTemplate } from "@/lib/data/templates/import-template";
import { EXPORT_MARKER } from "@/lib/domain/markdown/item-meta";
import { createActor } from "@/tests/helpers/actors";
import { unwrap } from "@/tests/helpers/unwrap";
import { createTestDatabase, type TTestDatabase } from "@/tests/helpers/test-database";

const TEMPLATE = `# Web service readiness

## Operations

- [ ] Dashboards exist
- [ ] Rollback rehearsed
  - [ ] Staging
  - [ ] Production

## No-Go if any are true

- [ ] Open sev-1 incidents
`;

const RELEASE_BASE = { name: "Checkout 4.2", service: "checkout", version: "4.2.0", environment: "production" };

describe("checklist data layer", () => {
  let database: TTestDatabase;
  let admin: TActor;
  let manager: TActor;
  let member: TActor;
  let viewer: TActor;

  const auditCount = () => database.db.auditEvent.count();

  beforeAll(async () => {
    database = await createTestDatabase();
    admin = await createActor(database.db, "ADMIN");
    manager = await createActor(database.db, "RELEASE_MANAGER");
    member = await createActor(database.db, "MEMBER");
    viewer = await createActor(database.db, "VIEWER");
  });

  afterAll(async () => {
    await database?.drop();
  });

  it("imports a template version with its sections and items, and one audit event", async () => {
    const before = await auditCount();
    const imported = unwrap(await importTemplate(admin, { source: TEMPLATE }, database.db));
    expect(imported.number).toBe(1);
    expect(await database.db.templateItem.count({ where: { templateVersionId: imported.versionId } })).toBe(5);
    expect(await database.db.templateSection.count({ where: { templateVersionId: imported.versionId } })).toBe(2);
    const children = await database.db.templateItem.findMany({
      where: { templateVersionId: imported.versionId, parent: { key: "rollback-rehearsed" } },
      orderBy: { position: "asc" },
    });
    expect(children.map((c) => c.text)).toEqual(["Staging", "Production"]);
    expect(await auditCount()).toBe(before + 1);
    const event = await database.db.auditEvent.findFirstOrThrow({ orderBy: { createdAt: "desc" } });
    expect(event).toMatchObject({ actorId: admin.id, action: "template.import", entityId: imported.versionId, requestId: admin.requestId });
  });

  it("refuses any change to a published template version, in the database itself", async () => {
    const version = await database.db.templateVersion.findFirstOrThrow({ include: { items: { take: 1 } } });
    await expect(
      database.db.templateVersion.update({ where: { id: version.id }, data: { title: "Rewritten history" } }),
    ).rejects.toThrow(/published and cannot be changed/);
    await expect(
      database.db.templateItem.update({ where: { id: version.items[0]!.id }, data: { text: "Rewritten" } }),
    ).rejects.toThrow(/is published: its template_items cannot be changed/);
  });

  it("refuses a bad document and writes nothing", async () => {
    const before = [await auditCount(), await database.db.templateVersion.count()];
    const result = await importTemplate(admin, { source: "# Nothing here\n\nJust prose.\n" }, database.db);
    expect(result).toMatchObject({ ok: false, code: "invalid", error: expect.stringMatching(/No checklist items/) });
    expect([await auditCount(), await database.db.templateVersion.count()]).toEqual(before);
  });

  it("snapshots the template into a release; a later template version leaves it untouched", async () => {
    const template = unwrap(await importTemplate(admin, { source: TEMPLATE }, database.db));
    const before = await auditCount();
    const { releaseId } = unwrap(await createRelease(manager, { ...RELEASE_BASE, templateVersionId: template.versionId }, database.db));
    expect(await auditCount()).toBe(before + 1);
    const original = await getReleaseChecklist(member, releaseId, database.db);

    const edited = TEMPLATE.replace("Dashboards exist", "Dashboards and alerts exist").replace("- [ ] Open sev-1", "- [ ] New check\n- [ ] Open sev-1");
    const v2 = unwrap(await importTemplate(admin, { source: edited, templateId: template.templateId }, database.db));
    expect(v2.number).toBe(2);

    const after = await getReleaseChecklist(member, releaseId, database.db);
    expect(after?.checklist.sections).toEqual(original?.checklist.sections);
    expect(after?.release.templateVersion).toBe(1);
    expect(after?.verdictItems.map((i) => i.text)).toContain("Dashboards exist");
  });

  it("updates an item's status with its version, and refuses a stale version without writing", async () => {
    const template = unwrap(await importTemplate(admin, { source: TEMPLATE }, database.db));
    const { releaseId } = unwrap(await createRelease(manager, { ...RELEASE_BASE, templateVersionId: template.versionId }, database.db));
    const item = await database.db.releaseItem.findFirstOrThrow({ where: { releaseId, key: "dashboards-exist" } });

    const before = await auditCount();
    expect(await updateItemStatus(member, { itemId: item.id, expectedVersion: 1, status: "DONE" }, database.db)).toEqual({
      ok: true,
      data: { version: 2, releaseId, item: { id: item.id, status: "DONE", version: 2, owner: null, dueDate: null, naReason: null } },
    });
    expect(await auditCount()).toBe(before + 1);

    const stale = await updateItemStatus(member, { itemId: item.id, expectedVersion: 1, status: "BLOCKED" }, database.db);
    // The conflict says what the item is now and carries it, for the screen to show instead of the stale copy.
    expect(stale).toMatchObject({
      ok: false,
      code: "conflict",
      error: expect.stringMatching(/Someone else changed “Dashboards exist” since you loaded it: it is now done/),
      current: { id: item.id, status: "DONE", version: 2 },
    });
    expect(await auditCount()).toBe(before + 1);
    expect(await database.db.releaseItem.findUniqueOrThrow({ where: { id: item.id } })).toMatchObject({ status: "DONE", version: 2 });
  });

  it("waives only through a waiver, never by setting the status", async () => {
    const item = await database.db.releaseItem.findFirstOrThrow({ where: { key: "dashboards-exist" } });
    const result = await updateItemStatus(member, { itemId: item.id, expectedVersion: item.version, status: "WAIVED" }, database.db);
    expect(result).toMatchObject({ ok: false, fieldErrors: { status: ["Grant a waiver to waive an item"] } });
  });

  it("requires a reason for not applicable", async () => {
    const item = await database.db.releaseItem.findFirstOrThrow({ where: { key: "rollback-rehearsed" } });
    const result = await updateItemStatus(member, { itemId: item.id, expectedVersion: item.version, status: "NOT_APPLICABLE" }, database.db);
    expect(result).toMatchObject({ ok: false, code: "invalid", fieldErrors: { naReason: ["Say why the item does not apply"] } });
  });

  it("refuses writes to roles without the permission, and writes nothing", async () => {
    const template = await database.db.templateVersion.findFirstOrThrow();
    const item = await database.db.releaseItem.findFirstOrThrow();
    const before = await auditCount();
    await expect(importTemplate(viewer, { source: TEMPLATE }, database.db)).rejects.toThrow(ForbiddenError);
    await expect(importTemplate(manager, { source: TEMPLATE }, database.db)).rejects.toThrow(ForbiddenError);
    await expect(createRelease(member, { ...RELEASE_BASE, templateVersionId: template.id }, database.db)).rejects.toThrow(ForbiddenError);
    await expect(createRelease(viewer, { ...RELEASE_BASE, templateVersionId: template.id }, database.db)).rejects.toThrow(ForbiddenError);
    await expect(
      updateItemStatus(viewer, { itemId: item.id, expectedVersion: item.version, status: "DONE" }, database.db),
    ).rejects.toThrow(ForbiddenError);
    expect(await auditCount()).toBe(before);
  });

  it("imports a filled-in release, gives its verdict, and exports it back to the same states", async () => {
    const source = `${EXPORT_MARKER}
# Checkout 4.3

## Operations

- [x] Dashboards exist
  - Owner: sre-team
  - Evidence: <https://grafana.example.com/d/checkout>
- [ ] Pager rotation set
  - Status: Blocked
- [ ] Redis backups
  - Status: Not applicable
  - N/A: No Redis in this service

## No-Go if any are true

- [x] Open sev-1 incidents
`;
    const before = await auditCount();
    const imported = unwrap(await importRelease(admin, { ...RELEASE_BASE, name: "Checkout 4.3", source }, database.db));
    expect(await auditCount()).toBe(before + 2);

    const verdict = await getReleaseVerdict(member, imported.releaseId, { db: database.db });
    expect(verdict?.verdict).toBe("NO_GO");
    expect(verdict?.reasons.map((r) => r.code)).toEqual(["BLOCKED"]);

    const exported = await exportRelease(member, imported.releaseId, "md", { db: database.db });
    expect(exported?.body).toContain("- [x] Dashboards exist\n  - Owner: sre-team\n  - Evidence: <https://grafana.example.com/d/checkout>");
    const again = unwrap(await importRelease(admin, { ...RELEASE_BASE, name: "Checkout 4.3", source: exported!.body }, database.db));
    const first = await getReleaseChecklist(member, imported.releaseId, database.db);
    const second = await getReleaseChecklist(member, again.releaseId, database.db);
    expect(second?.checklist.sections).toEqual(first?.checklist.sections);

    const csv = await exportRelease(member, imported.releaseId, "csv", { db: database.db });
    expect(csv?.body.split("\n")[0]).toBe("section,key,parent_key,depth,text,kind,severity,required_level,status,status_label,owner,na_reason,evidence,release_only");
    const json = JSON.parse((await exportRelease(member, imported.releaseId, "json", { db: database.db }))!.body);
    expect(json.verdict.verdict).toBe("NO_GO");
  });

  it("copies a template's default owners into its releases; a release document's tables and owners give state", async () => {
    const template = unwrap(
      await importTemplate(admin, { source: "# Owned\n\n- [ ] Backups tested\n  - Owner: dba-team\n  - Status: Done\n- [ ] Alerts wired\n" }, database.db),
    );
    const created = unwrap(await createRelease(manager, { ...RELEASE_BASE, name: "Owned 1", templateVersionId: template.versionId }, database.db));
    const items = await database.db.releaseItem.findMany({ where: { releaseId: created.releaseId }, orderBy: { position: "asc" } });
    // "Status: Done" in a document Preflight did not write is the author's words, not a state.
    expect(items.map((i) => [i.text, i.owner, i.status])).toEqual([
      ["Backups tested", "dba-team", "OPEN"],
      ["Alerts wired", null, "OPEN"],
    ]);

    const source = "# Go-live\n\n## Go criteria\n\n| Criteria | Status | Owner |\n|---|---|---|\n| Load test passed | ✅ Done | perf-team |\n| Pen test signed | In progress | security |\n";
    const imported = unwrap(await importRelease(admin, { ...RELEASE_BASE, name: "Table release", source }, database.db));
    const rows = await database.db.releaseItem.findMany({ where: { releaseId: imported.releaseId }, orderBy: { position: "asc" } });
    expect(rows.map((i) => [i.text, i.kind, i.status, i.owner])).toEqual([
      ["Load test passed", "GO_CRITERION", "DONE", "perf-team"],
      ["Pen test signed", "GO_CRITERION", "IN_PROGRESS", "security"],
    ]);
  });
});
