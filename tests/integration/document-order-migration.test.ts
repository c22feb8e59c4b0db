import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TActor } from "@/lib/auth/permissions";
import { createRelease } from "@/lib/data/releases/create-release";
import { getReleaseChecklist } from "@/lib/data/releases/get-release-checklist";
import { importTemplate, type TImportedTemplate } from "@/lib/data/templates/import-template";
import { walkSectionItems, type TChecklistSection } from "@/lib/domain/checklist/types";
import { runMigrations } from "@/lib/migrations/run-migrations";
import { createActor } from "@/tests/helpers/actors";
import { createTestDatabase, withAdminClient, type TTestDatabase } from "@/tests/helpers/test-database";

const MIGRATION = "1763827200000_document-order-positions";

const TEMPLATE = `# Web service readiness

## Build

- [ ] Tests pass
  - [ ] Unit tests
    - [ ] Flaky tests quarantined
  - [ ] Integration tests
- [ ] Artifacts signed

### Packaging

- [ ] Image built
  - [ ] Image scanned

#### Registry

- [ ] Image pushed

### Provenance

- [ ] SBOM attached

## Operations

- [ ] Runbook written
  - [ ] Rollback steps

### Alerting

- [ ] Alerts wired

## No-Go if any are true

- [ ] Open sev-1 incidents
- [ ] Error budget exhausted
`;

const OTHER = `# Batch job readiness

## Checks

- [ ] Schedule set
  - [ ] Timezone checked
- [ ] Retries bounded

### Data

- [ ] Backfill planned
`;

/** The migration's up part, as node-pg-migrate runs it. */
async function upSql(): Promise<string> {
  const file = await readFile(path.join(process.cwd(), "prisma", "migrations", `${MIGRATION}.sql`), "utf8");
  const up = file.split("-- Up Migration")[1]?.split("-- Down Migration")[0];
  if (!up?.trim()) throw new Error(`${MIGRATION}.sql has no up part`);
  return up;
}

// Positions as they were before the migration: the index among siblings. The published
// template rows refuse updates, so their triggers are off for this rewrite of history.
const SIBLING_POSITIONS = `
  ALTER TABLE template_sections DISABLE TRIGGER template_sections_immutable;
  ALTER TABLE template_items DISABLE TRIGGER template_items_immutable;
  UPDATE template_sections t SET position = s.i FROM (
    SELECT id, row_number() OVER (PARTITION BY template_version_id, parent_id ORDER BY position) - 1 AS i FROM template_sections
  ) s WHERE t.id = s.id;
  UPDATE template_items t SET position = s.i FROM (
    SELECT id, row_number() OVER (PARTITION BY section_id, parent_id ORDER BY position) - 1 AS i FROM template_items
  ) s WHERE t.id = s.id;
  ALTER TABLE template_items ENABLE TRIGGER template_items_immutable;
  ALTER TABLE template_sections ENABLE TRIGGER template_sections_immutable;
  UPDATE release_sections t SET position = s.i FROM (
    SELECT id, row_number() OVER (PARTITION BY release_id, parent_id ORDER BY position) - 1 AS i FROM release_sections
  ) s WHERE t.id = s.id;
  UPDATE release_items t SET position = s.i FROM (
    SELECT id, row_number() OVER (PARTITION BY section_id, parent_id ORDER BY position) - 1 AS i FROM release_items
  ) s WHERE t.id = s.id;
`;

const keysInDocumentOrder = (sections: TChecklistSection[]) => [...walkSectionItems(sections)].map(({ item }) => item.key);
const titlesInDocumentOrder = (sections: TChecklistSection[]): string[] =>
  sections.flatMap((section) => [section.title, ...titlesInDocumentOrder(section.sections)]);

describe("migration: positions in document order", () => {
  let database: TTestDatabase;
  let admin: TActor;
  let manager: TActor;
  const templates: TImportedTemplate[] = [];
  const releaseIds: string[] = [];

  const run = (sql: string) =>
    withAdminClient(database.url, async (client) => {
      await client.query("BEGIN");
      try {
        await client.query(sql);
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw error;
      }
    });
  const templateItemKeys = (templateVersionId: string) =>
    database.db.templateItem.findMany({ where: { templateVersionId }, orderBy: { position: "asc" } }).then((rows) => rows.map((r) => r.key));
  const templateSectionTitles = (templateVersionId: string) =>
    database.db.templateSection.findMany({ where: { templateVersionId }, orderBy: { position: "asc" } }).then((rows) => rows.map((r) => r.title));
  const releaseItemKeys = (releaseId: string) =>
    database.db.releaseItem.findMany({ where: { releaseId }, orderBy: { position: "asc" } }).then((rows) => rows.map((r) => r.key));
  const releaseSectionTitles = (releaseId: string) =>
    database.db.releaseSection.findMany({ where: { releaseId }, orderBy: { position: "asc" } }).then((rows) => rows.map((r) => r.title));
  const positions = async (table: string, scope: string) =>
    (await database.db.$queryRawUnsafe<{ scope: string; positions: number[] }[]>(
      `SELECT ${scope}::text AS scope, array_agg(position ORDER BY position) AS positions FROM ${table} GROUP BY ${scope}`,
    )).map((row) => row.positions);

  beforeAll(async () => {
    database = await createTestDatabase({ migrate: false });
    const applied = await runMigrations(database.url);
    expect(applied).toContain(MIGRATION);
    admin = await createActor(database.db, "ADMIN");
    manager = await createActor(database.db, "RELEASE_MANAGER");
    for (const source of [TEMPLATE, OTHER]) {
      const imported = await importTemplate(admin, { source }, database.db);
      if (!imported.ok) throw new Error(imported.error);
      templates.push(imported.data);
      const release = await createRelease(
        manager,
        { templateVersionId: imported.data.versionId, name: imported.data.checklist.title, service: "svc", version: "1", environment: "prod" },
        database.db,
      );
      if (!release.ok) throw new Error(release.error);
      releaseIds.push(release.data.releaseId);
    }
  });

  afterAll(async () => {
    await database?.drop();
  });

  it("imports new templates and releases with positions in document order", async () => {
    const [template] = templates;
    expect(await templateItemKeys(template!.versionId)).toEqual(keysInDocumentOrder(template!.checklist.sections));
    expect(await templateSectionTitles(template!.versionId)).toEqual(titlesInDocumentOrder(template!.checklist.sections));
    expect(await releaseItemKeys(releaseIds[0]!)).toEqual(keysInDocumentOrder(template!.checklist.sections));
  });

  it("renumbers sibling-index positions to document order, per template version and per release, keeping every tree", async () => {
    const trees = await Promise.all(releaseIds.map((id) => getReleaseChecklist(admin, id, database.db)));
    await run(SIBLING_POSITIONS);
    // The starting point is the old numbering, which does not read in document order.
    expect(await templateItemKeys(templates[0]!.versionId)).not.toEqual(keysInDocumentOrder(templates[0]!.checklist.sections));
    expect(await releaseItemKeys(releaseIds[0]!)).not.toEqual(keysInDocumentOrder(templates[0]!.checklist.sections));
    expect(await releaseSectionTitles(releaseIds[0]!)).not.toEqual(titlesInDocumentOrder(templates[0]!.checklist.sections));

    await run(await upSql());

    for (const [index, template] of templates.entries()) {
      const keys = keysInDocumentOrder(template.checklist.sections);
      const titles = titlesInDocumentOrder(template.checklist.sections);
      expect(await templateItemKeys(template.versionId)).toEqual(keys);
      expect(await templateSectionTitles(template.versionId)).toEqual(titles);
      expect(await releaseItemKeys(releaseIds[index]!)).toEqual(keys);
      expect(await releaseSectionTitles(releaseIds[index]!)).toEqual(titles);
    }
    // Each checklist counts from 0 without gaps.
    for (const [table, scope] of [
      ["template_items", "template_version_id"],
      ["template_sections", "template_version_id"],
      ["release_items", "release_id"],
      ["release_sections", "release_id"],
    ] as const) {
      for (const list of await positions(table, scope)) expect(list).toEqual(list.map((_, i) => i));
    }
    // Sibling order is unchanged, so the trees read as before.
    const after = await Promise.all(releaseIds.map((id) => getReleaseChecklist(admin, id, database.db)));
    expect(after.map((t) => t?.checklist.sections)).toEqual(trees.map((t) => t?.checklist.sections));
    expect(after[0]?.verdictItems.map((i) => i.key)).toEqual(keysInDocumentOrder(templates[0]!.checklist.sections));
  });

  it("changes nothing when run again, and leaves published template versions refusing changes", async () => {
    const before = await Promise.all(templates.map((t) => templateItemKeys(t.versionId)));
    await run(await upSql());
    expect(await Promise.all(templates.map((t) => templateItemKeys(t.versionId)))).toEqual(before);
    const item = await database.db.templateItem.findFirstOrThrow({ where: { templateVersionId: templates[0]!.versionId } });
    await expect(database.db.templateItem.update({ where: { id: item.id }, data: { position: 99 } })).rejects.toThrow(
      /is published: its template_items cannot be changed/,
    );
    const section = await database.db.templateSection.findFirstOrThrow({ where: { templateVersionId: templates[0]!.versionId } });
    await expect(database.db.templateSection.update({ where: { id: section.id }, data: { position: 99 } })).rejects.toThrow(
      /is published: its template_sections cannot be changed/,
    );
  });
});
