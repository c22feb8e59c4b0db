import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ForbiddenError, type TActor } from "@/lib/auth/permissions";
import { getTemplateDraft, listTemplateDrafts } from "@/lib/data/templates/get-template-draft";
import { getTemplateSource } from "@/lib/data/templates/get-template-view";
import { importTemplate } from "@/lib/data/templates/import-template";
import { loadVersionChecklist } from "@/lib/data/templates/load-version-checklist";
import { openTemplateDraft } from "@/lib/data/templates/open-template-draft";
import { discardTemplateDraft, publishTemplateDraft, reviewTemplateDraft } from "@/lib/data/templates/publish-template-draft";
import { saveTemplateDraft } from "@/lib/data/templates/save-template-draft";
import { describeEvent } from "@/lib/domain/audit/describe-event";
import { editDraft, newDraftItem, newDraftSection, walkDraftItems, type TDraftContent } from "@/lib/domain/checklist/template-draft";
import { pickItemDefinition, walkSectionItems } from "@/lib/domain/checklist/types";
import { parseChecklist } from "@/lib/domain/markdown/parse-checklist";
import { createActor } from "@/tests/helpers/actors";
import { createTestDatabase, type TTestDatabase } from "@/tests/helpers/test-database";
import { unwrap } from "@/tests/helpers/unwrap";

// The template editor's drafts on PostgreSQL: built from scratch or from the latest version,
// saved with a version check (a second admin gets a conflict), reviewed as a diff, and
// published as a new immutable version in one audited transaction.
describe("template drafts", () => {
  let database: TTestDatabase;
  let admin: TActor;
  let otherAdmin: TActor;

  const events = (draftId: string) => database.db.auditEvent.findMany({ where: { entityId: draftId }, orderBy: { seq: "asc" } });
  const describeAudit = (e: { action: string; entityType: string; entityId: string; before: unknown; after: unknown }) =>
    describeEvent({ ...e, before: e.before as Record<string, unknown> | null, after: e.after as Record<string, unknown> | null });
  const items = (content: TDraftContent) => [...walkDraftItems(content.sections)];

  /** A draft from scratch: one section with an advisory item and an item that needs evidence at most 7 days old. */
  function scratchContent(): TDraftContent {
    let draft: TDraftContent = { title: "Payments readiness", levels: [], sections: [] };
    draft = editDraft(draft, { type: "description", description: "What a payments service proves before it takes money." });
    draft = editDraft(draft, { type: "level.add", name: "Beta" });
    draft = editDraft(draft, { type: "level.add", name: "GA" });
    draft = editDraft(draft, { type: "section.add", parentId: "root", section: newDraftSection("s1", "Operations") });
    draft = editDraft(draft, { type: "item.add", parentId: "s1", item: { ...newDraftItem("i1", "Dashboards reviewed"), severity: "ADVISORY", owner: "team:SRE" } });
    draft = editDraft(draft, {
      type: "item.add",
      parentId: "s1",
      item: { ...newDraftItem("i2", "Load test **passed**"), evidenceRequired: true, evidenceMaxAgeDays: 7, requiredLevel: "GA", detail: "Run `k6` against staging." },
    });
    draft = editDraft(draft, { type: "section.add", parentId: "root", section: newDraftSection("s2", "Go / No-Go") });
    draft = editDraft(draft, { type: "item.add", parentId: "s2", item: { ...newDraftItem("i3", "Error budget is exhausted"), kind: "NO_GO_CONDITION" } });
    return draft;
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    admin = await createActor(database.db, "ADMIN");
    otherAdmin = await createActor(database.db, "ADMIN");
  });

  afterAll(async () => {
    await database?.drop();
  });

  it("builds a template from scratch: saved, reviewed, published with every attribute, the draft gone", async () => {
    const { draftId, isNew } = unwrap(await openTemplateDraft(admin, {}, database.db));
    expect(isNew).toBe(true);
    const saved = unwrap(await saveTemplateDraft(admin, { draftId, expectedVersion: 1, content: scratchContent() }, database.db));
    expect(saved.version).toBe(2);
    expect((await getTemplateDraft(admin, draftId, database.db))?.content).toEqual(scratchContent());
    expect((await listTemplateDrafts(admin, database.db)).map((d) => d.title)).toContain("Payments readiness");

    const review = unwrap(await reviewTemplateDraft(admin, { draftId }, database.db));
    expect(review).toMatchObject({ version: 2, problems: [], baseNumber: null, nextNumber: 1, staleBase: null });
    expect(review.diff.added.map((i) => i.text)).toEqual(["Dashboards reviewed", "Load test **passed**", "Error budget is exhausted"]);

    const { templateId, number } = unwrap(await publishTemplateDraft(admin, { draftId, expectedVersion: 2 }, database.db));
    expect(number).toBe(1);
    expect(await database.db.templateDraft.findUnique({ where: { id: draftId } })).toBeNull();
    const version = await database.db.templateVersion.findFirstOrThrow({ where: { templateId } });
    expect(version.levels).toEqual(["Beta", "GA"]);
    expect((await database.db.checklistTemplate.findUniqueOrThrow({ where: { id: templateId } })).description).toBe("What a payments service proves before it takes money.");
    expect(await getTemplateSource(admin, templateId, null, database.db)).toEqual({ markdown: version.sourceMarkdown, title: "Payments readiness", number: 1 });
    expect(version.sourceMarkdown).toContain("- [ ] Dashboards reviewed (advisory)\n  - Owner: team:SRE");
    const published = await database.db.templateItem.findMany({ where: { templateVersionId: version.id }, orderBy: { position: "asc" } });
    expect(published.map(({ key, text, kind, severity, evidenceRequired, evidenceMaxAgeDays, requiredLevel, defaultOwner, detail }) => ({ key, text, kind, severity, evidenceRequired, evidenceMaxAgeDays, requiredLevel, defaultOwner, detail }))).toEqual([
      { key: "dashboards-reviewed", text: "Dashboards reviewed", kind: "CHECK", severity: "ADVISORY", evidenceRequired: false, evidenceMaxAgeDays: null, requiredLevel: null, defaultOwner: "team:SRE", detail: null },
      { key: "load-test-passed", text: "Load test **passed**", kind: "CHECK", severity: "BLOCKING", evidenceRequired: true, evidenceMaxAgeDays: 7, requiredLevel: "GA", defaultOwner: null, detail: "Run `k6` against staging." },
      { key: "error-budget-is-exhausted", text: "Error budget is exhausted", kind: "NO_GO_CONDITION", severity: "BLOCKING", evidenceRequired: false, evidenceMaxAgeDays: null, requiredLevel: null, defaultOwner: null, detail: null },
    ]);

    // The version's Markdown is the export of what was published: importing it gives the same definitions.
    const reparsed = parseChecklist(version.sourceMarkdown);
    if (!reparsed.ok) throw new Error(reparsed.error);
    const stored = unwrap({ ok: true, data: await loadVersionChecklist(database.db, version.id) })!;
    const definitions = (sections: typeof reparsed.checklist.sections) => [...walkSectionItems(sections)].map(({ item }) => ({ ...pickItemDefinition(item), owner: item.owner }));
    expect(definitions(reparsed.checklist.sections)).toEqual(definitions(stored.sections));
    expect(reparsed.checklist.levels).toEqual(["Beta", "GA"]);

    const actions = (await events(draftId)).map((e) => e.action);
    expect(actions).toEqual(["template.draft.create", "template.draft.save"]);
    const publish = await database.db.auditEvent.findFirstOrThrow({ where: { entityId: version.id } });
    expect(publish.action).toBe("template.import");
    expect(publish.after).toMatchObject({ templateId, number: 1, items: 3, fromDraft: { draftId, added: 3, removed: 0, changed: 0 } });
  });

  it("edits the latest version: keys kept, the diff says what changed, a new item never takes a removed item's key", async () => {
    const source = "# Checkout\n\n## Checks\n\n- [ ] Runbook written\n- [ ] Alerts configured\n- [ ] Rollback rehearsed\n";
    const { templateId } = unwrap(await importTemplate(admin, { source }, database.db));
    const { draftId } = unwrap(await openTemplateDraft(admin, { templateId }, database.db));
    const opened = (await getTemplateDraft(admin, draftId, database.db))!;
    expect(opened).toMatchObject({ baseNumber: 1, latestNumber: 1, templateName: "Checkout" });
    const [runbook, alerts, rollback] = items(opened.content);
    let content = opened.content;
    content = editDraft(content, { type: "item.update", id: runbook!.id, patch: { text: "Runbook written and linked", severity: "ADVISORY" } });
    content = editDraft(content, { type: "item.update", id: alerts!.id, patch: { evidenceRequired: true, evidenceMaxAgeDays: 30 } });
    content = editDraft(content, { type: "item.remove", id: rollback!.id });
    content = editDraft(content, { type: "item.add", parentId: opened.content.sections[0]!.id, item: newDraftItem("new", "Rollback rehearsed") });
    content = editDraft(content, { type: "item.move", id: "new", parentId: opened.content.sections[0]!.id, index: 0 });
    unwrap(await saveTemplateDraft(admin, { draftId, expectedVersion: opened.version, content }, database.db));

    const review = unwrap(await reviewTemplateDraft(admin, { draftId }, database.db));
    expect(review.nextNumber).toBe(2);
    expect(review.diff.removed.map((i) => i.key)).toEqual(["rollback-rehearsed"]);
    expect(review.diff.added.map((i) => [i.key, i.text])).toEqual([["rollback-rehearsed-2", "Rollback rehearsed"]]);
    expect(review.diff.changed).toEqual([
      { key: "runbook-written", text: "Runbook written and linked", changes: ["Text: “Runbook written” → “Runbook written and linked”", "Blocking → advisory"] },
      { key: "alerts-configured", text: "Alerts configured", changes: ["Evidence: not required → required, at most 30 days old"] },
    ]);

    unwrap(await publishTemplateDraft(admin, { draftId, expectedVersion: review.version }, database.db));
    const v2 = await database.db.templateVersion.findFirstOrThrow({ where: { templateId, number: 2 } });
    const published = await database.db.templateItem.findMany({ where: { templateVersionId: v2.id }, orderBy: { position: "asc" } });
    expect(published.map((i) => [i.key, i.text, i.severity])).toEqual([
      ["rollback-rehearsed-2", "Rollback rehearsed", "BLOCKING"],
      ["runbook-written", "Runbook written and linked", "ADVISORY"],
      ["alerts-configured", "Alerts configured", "BLOCKING"],
    ]);
    const event = await database.db.auditEvent.findFirstOrThrow({ where: { entityId: v2.id } });
    expect(describeAudit(event)).toBe("published version 2 of “Checkout” from the editor (1 added, 1 removed, 2 changed)");
  });

  it("gives a second admin saving over a newer save a conflict, not an overwrite, unless they choose to overwrite", async () => {
    const { templateId } = unwrap(await importTemplate(admin, { source: "# Conflict\n\n## A\n\n- [ ] One\n" }, database.db));
    // Both admins open the template's draft at the same moment: they share one.
    const [first, second] = await Promise.all([
      openTemplateDraft(admin, { templateId }, database.db),
      openTemplateDraft(otherAdmin, { templateId }, database.db),
    ]);
    const draftId = unwrap(first).draftId;
    expect(unwrap(second).draftId).toBe(draftId);
    expect(await database.db.templateDraft.count({ where: { templateId } })).toBe(1);

    const opened = (await getTemplateDraft(admin, draftId, database.db))!;
    const mine = editDraft(opened.content, { type: "title", title: "Conflict (admin one)" });
    const theirs = editDraft(opened.content, { type: "title", title: "Conflict (admin two)" });
    unwrap(await saveTemplateDraft(admin, { draftId, expectedVersion: opened.version, content: mine }, database.db));
    const refused = await saveTemplateDraft(otherAdmin, { draftId, expectedVersion: opened.version, content: theirs }, database.db);
    expect(refused).toMatchObject({ ok: false, code: "conflict" });
    if (!refused.ok) expect(refused.error).toMatch(/saved this draft at .* UTC, after you opened it/);
    expect((await getTemplateDraft(admin, draftId, database.db))?.content.title).toBe("Conflict (admin one)");

    // Concurrent saves from one version: exactly one wins.
    const current = (await getTemplateDraft(admin, draftId, database.db))!.version;
    const race = await Promise.all(
      ["x", "y", "z"].map((suffix) => saveTemplateDraft(admin, { draftId, expectedVersion: current, content: editDraft(mine, { type: "title", title: suffix }) }, database.db)),
    );
    expect(race.filter((r) => r.ok)).toHaveLength(1);
    expect(race.filter((r) => !r.ok).map((r) => !r.ok && r.code)).toEqual(["conflict", "conflict"]);

    const overwritten = unwrap(await saveTemplateDraft(otherAdmin, { draftId, expectedVersion: opened.version, content: theirs, overwrite: true }, database.db));
    expect((await getTemplateDraft(admin, draftId, database.db))).toMatchObject({ version: overwritten.version, content: { title: "Conflict (admin two)" } });
    const last = (await events(draftId)).at(-1)!;
    expect(last.after).toMatchObject({ overwrote: true });
    expect(describeAudit(last)).toBe("overwrote another admin’s changes to the draft “Conflict (admin two)” (1 items)");
  });

  it("refuses to publish a draft that changed since review, one with problems, or one whose base version is no longer the latest", async () => {
    const { templateId } = unwrap(await importTemplate(admin, { source: "# Gate\n\n## A\n\n- [ ] One\n" }, database.db));
    const { draftId } = unwrap(await openTemplateDraft(admin, { templateId }, database.db));
    const opened = (await getTemplateDraft(admin, draftId, database.db))!;
    const section = opened.content.sections[0]!.id;

    const blank = editDraft(opened.content, { type: "item.add", parentId: section, item: { ...newDraftItem("blank"), requiredLevel: "GA" } });
    unwrap(await saveTemplateDraft(admin, { draftId, expectedVersion: opened.version, content: blank }, database.db));
    const review = unwrap(await reviewTemplateDraft(admin, { draftId }, database.db));
    expect(review.problems.map((p) => [p.id, p.field])).toEqual([
      ["blank", "text"],
      ["blank", "requiredLevel"],
    ]);
    expect(await publishTemplateDraft(admin, { draftId, expectedVersion: review.version }, database.db)).toMatchObject({ ok: false, code: "invalid" });
    expect(await publishTemplateDraft(admin, { draftId, expectedVersion: review.version - 1 }, database.db)).toMatchObject({ ok: false, code: "conflict" });

    const fixed = editDraft(blank, { type: "item.update", id: "blank", patch: { text: "Two", requiredLevel: null } });
    const { version } = unwrap(await saveTemplateDraft(admin, { draftId, expectedVersion: review.version, content: fixed }, database.db));
    // Someone imports version 2 meanwhile: publishing the draft would silently undo it.
    unwrap(await importTemplate(admin, { source: "# Gate\n\n## A\n\n- [ ] One\n- [ ] Imported\n", templateId }, database.db));
    expect(unwrap(await reviewTemplateDraft(admin, { draftId }, database.db)).staleBase).toEqual({ latestNumber: 2 });
    const stale = await publishTemplateDraft(admin, { draftId, expectedVersion: version }, database.db);
    expect(stale).toMatchObject({ ok: false, code: "conflict" });
    expect(await database.db.templateVersion.count({ where: { templateId } })).toBe(2);

    unwrap(await discardTemplateDraft(admin, { draftId }, database.db));
    expect(await database.db.templateDraft.findUnique({ where: { id: draftId } })).toBeNull();
    const discard = (await events(draftId)).at(-1)!;
    expect(discard.action).toBe("template.draft.discard");
    expect(describeAudit(discard)).toBe("discarded the draft “Gate”");
    expect(await discardTemplateDraft(admin, { draftId }, database.db)).toMatchObject({ ok: false, code: "not_found" });
  });

  it("keeps nothing of a save that is not valid, and lets only admins edit", async () => {
    const { draftId } = unwrap(await openTemplateDraft(admin, {}, database.db));
    const tooLong = editDraft({ title: "x".repeat(301), levels: [], sections: [] }, { type: "section.add", parentId: "root", section: newDraftSection(randomUUID(), "S") });
    expect(await saveTemplateDraft(admin, { draftId, expectedVersion: 1, content: tooLong }, database.db)).toMatchObject({ ok: false, code: "invalid" });
    const twice = { title: "Dupes", levels: [], sections: [newDraftSection("same"), newDraftSection("same")] };
    expect(await saveTemplateDraft(admin, { draftId, expectedVersion: 1, content: twice }, database.db)).toMatchObject({ ok: false, code: "invalid", error: "Two entries share the id same." });
    expect((await getTemplateDraft(admin, draftId, database.db))?.version).toBe(1);

    const manager = await createActor(database.db, "RELEASE_MANAGER");
    await expect(openTemplateDraft(manager, {}, database.db)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(saveTemplateDraft(manager, { draftId, expectedVersion: 1, content: scratchContent() }, database.db)).rejects.toBeInstanceOf(ForbiddenError);
  });
});
