import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TActor } from "@/lib/auth/permissions";
import { createRelease } from "@/lib/data/releases/create-release";
import { updateItemStatus } from "@/lib/data/releases/update-item-status";
import { signOffRelease } from "@/lib/data/sign-offs/sign-off-release";
import { exportRelease } from "@/lib/data/releases/export-release";
import { addReleaseSeat } from "@/lib/data/sign-offs/add-release-seat";
import { getTemplateDraft } from "@/lib/data/templates/get-template-draft";
import { getTemplateSource } from "@/lib/data/templates/get-template-view";
import { importTemplate } from "@/lib/data/templates/import-template";
import { openTemplateDraft } from "@/lib/data/templates/open-template-draft";
import { publishTemplateDraft, reviewTemplateDraft } from "@/lib/data/templates/publish-template-draft";
import { saveTemplateDraft } from "@/lib/data/templates/save-template-draft";
import { editDraft, newDraftSeat } from "@/lib/domain/checklist/template-draft";
import { parseChecklist } from "@/lib/domain/markdown/parse-checklist";
import { DEFAULT_SIGN_OFF_POLICY, type TSignOffPolicy } from "@/lib/domain/sign-off/sign-off-policy";
import { createActor } from "@/tests/helpers/actors";
import { createTestDatabase, type TTestDatabase } from "@/tests/helpers/test-database";
import { unwrap } from "@/tests/helpers/unwrap";

// A template's sign-off seats on PostgreSQL: read from the "Sign-off:" lines of an imported
// document into the version's policy, copied to a release made from it, written back by the
// release's Markdown export, and edited in a draft (open → save → publish).

const SOURCE = [
  "# Checkout readiness",
  "",
  "Sign-off: Engineering (team: Checkout, SRE)",
  "Sign-off: Security (users: sam@example.com, lee@example.com; signatures: 2)",
  "Sign-off: Release manager (role: release manager, admin)",
  "Sign-off rules: one person may fill several seats; no self-approval",
  "",
  "Sign-off: Jane Doe",
  "",
  "## Checks",
  "",
  "- [ ] Runbook written",
  "- [ ] Alerts configured",
  "",
].join("\n");

const POLICY: TSignOffPolicy = {
  seats: [
    { key: "engineering", name: "Engineering", roles: [], teams: ["Checkout", "SRE"], users: [], required: 1, releaseOnly: false },
    { key: "security", name: "Security", roles: [], teams: [], users: ["sam@example.com", "lee@example.com"], required: 2, releaseOnly: false },
    { key: "release-manager", name: "Release manager", roles: ["RELEASE_MANAGER", "ADMIN"], teams: [], users: [], required: 1, releaseOnly: false },
  ],
  allowMultipleSeats: true,
  allowSelfApproval: false,
};

describe("sign-off seats in Markdown and the template editor", () => {
  let database: TTestDatabase;
  let admin: TActor;

  beforeAll(async () => {
    database = await createTestDatabase();
    admin = await createActor(database.db, "ADMIN");
  });

  afterAll(async () => {
    await database?.drop();
  });

  it("stores an imported document's seats as the version's policy, and a release copies them", async () => {
    const imported = unwrap(await importTemplate(admin, { source: SOURCE }, database.db));
    expect(imported.checklist.warnings).toEqual([]);
    const version = await database.db.templateVersion.findUniqueOrThrow({ where: { id: imported.versionId } });
    expect(version.signOffPolicy).toEqual(POLICY);
    // The seat lines are no items.
    expect((await database.db.templateItem.findMany({ where: { templateVersionId: version.id } })).map((i) => i.text).sort()).toEqual(["Alerts configured", "Runbook written"]);

    const { releaseId } = unwrap(await createRelease(admin, { templateVersionId: version.id, name: "Checkout 1", service: "checkout", version: "1", environment: "prod" }, database.db));
    const release = await database.db.release.findUniqueOrThrow({ where: { id: releaseId } });
    expect(release.signOffPolicy).toEqual(POLICY);

    // The release's Markdown carries its own seats, one added to it included; imported again, it keeps them.
    // (A seat needs someone who can fill it: a Legal team with a member.)
    const legal = await database.db.team.create({ data: { name: "Legal" } });
    await database.db.teamMember.create({ data: { teamId: legal.id, userId: admin.id! } });
    unwrap(await addReleaseSeat(admin, { releaseId, name: "Legal", teams: ["Legal"] }, database.db));
    const exported = (await exportRelease(admin, releaseId, "md", { db: database.db }))!;
    expect(exported.body).toContain("Sign-off: Security (users: sam@example.com, lee@example.com; signatures: 2)\n\nSign-off: Release manager");
    expect(exported.body).toContain("Sign-off: Legal (team: Legal)\n\nSign-off rules: one person may fill several seats; no self-approval\n");
    const back = parseChecklist(exported.body);
    expect(back.ok && back.checklist.signOff).toEqual({
      ...POLICY,
      seats: [...POLICY.seats, { key: "legal", name: "Legal", roles: [], teams: ["Legal"], users: [], required: 1, releaseOnly: false }],
    });
  });

  it("takes a document's Go/No-Go table as the seats: a release from it is signed off only when every row's seat says go", async () => {
    const qa = await createActor(database.db, "MEMBER", `qa-${crypto.randomUUID()}@example.com`);
    const engineer = await createActor(database.db, "MEMBER");
    const source = [
      "# Payments launch",
      "",
      "## Checks",
      "",
      "- [ ] Load test passed",
      "",
      "## Go/No-Go",
      "",
      "| Function | Owner | Decision |",
      "| --- | --- | --- |",
      `| QA | ${qa.label} | Go |`,
      "| Engineering | Bob Lee | |",
      "",
    ].join("\n");
    const imported = unwrap(await importTemplate(admin, { source }, database.db));
    expect(imported.checklist.warnings).toEqual(expect.arrayContaining(["Read 2 sign-off seats from the table under “Go/No-Go”: “QA”, “Engineering”."]));
    const version = await database.db.templateVersion.findUniqueOrThrow({ where: { id: imported.versionId } });
    expect((version.signOffPolicy as TSignOffPolicy).seats.map((s) => [s.name, s.roles, s.users])).toEqual([
      ["QA", [], [qa.label]],
      ["Engineering", ["ADMIN", "RELEASE_MANAGER", "MEMBER"], []],
    ]);

    const { releaseId } = unwrap(await createRelease(admin, { templateVersionId: version.id, name: "Payments 1", service: "payments", version: "1", environment: "prod" }, database.db));
    const item = await database.db.releaseItem.findFirstOrThrow({ where: { releaseId } });
    unwrap(await updateItemStatus(admin, { itemId: item.id, expectedVersion: item.version, status: "DONE" }, database.db));
    // The table's "Go" was not carried over: the release starts unsigned; the release manager's seat is not one of its seats.
    expect((await database.db.release.findUniqueOrThrow({ where: { id: releaseId } })).status).not.toBe("SIGNED_OFF");
    expect(await signOffRelease(admin, { releaseId, decision: "GO", seat: "qa" }, database.db)).toMatchObject({ ok: false });
    // The QA person may fill both seats (Engineering is open to any member): they choose QA.
    unwrap(await signOffRelease(qa, { releaseId, decision: "GO", seat: "qa" }, database.db));
    expect((await database.db.release.findUniqueOrThrow({ where: { id: releaseId } })).status).toBe("IN_REVIEW");
    expect(unwrap(await signOffRelease(engineer, { releaseId, decision: "GO" }, database.db))).toMatchObject({ status: "SIGNED_OFF", seat: "engineering" });
  });

  it("gives a document without seat lines the default policy, and writes none back", async () => {
    const imported = unwrap(await importTemplate(admin, { source: "# Plain\n\nSign-off: Jane Doe\n\n## A\n\n- [ ] One\n" }, database.db));
    const version = await database.db.templateVersion.findUniqueOrThrow({ where: { id: imported.versionId } });
    expect(version.signOffPolicy).toEqual(DEFAULT_SIGN_OFF_POLICY);
    const { releaseId } = unwrap(await createRelease(admin, { templateVersionId: version.id, name: "Plain 1", service: "plain", version: "1", environment: "prod" }, database.db));
    expect((await database.db.release.findUniqueOrThrow({ where: { id: releaseId } })).signOffPolicy).toEqual(DEFAULT_SIGN_OFF_POLICY);
    expect((await exportRelease(admin, releaseId, "md", { db: database.db }))!.body).not.toContain("Sign-off");
  });

  it("opens a draft with the latest version's seats, saves edited seats, and publishes them to the new version", async () => {
    const { templateId, versionId } = unwrap(await importTemplate(admin, { source: SOURCE }, database.db));
    const { draftId } = unwrap(await openTemplateDraft(admin, { templateId }, database.db));
    const opened = (await getTemplateDraft(admin, draftId, database.db))!;
    expect(opened.content.signOff?.seats.map((s) => [s.name, s.teams, s.users, s.roles, s.required])).toEqual([
      ["Engineering", ["Checkout", "SRE"], [], [], 1],
      ["Security", [], ["sam@example.com", "lee@example.com"], [], 2],
      ["Release manager", [], [], ["RELEASE_MANAGER", "ADMIN"], 1],
    ]);
    expect(opened.content.signOff).toMatchObject({ allowMultipleSeats: true, allowSelfApproval: false });

    const [engineering, security] = opened.content.signOff!.seats;
    let content = editDraft(opened.content, { type: "seat.remove", id: engineering!.id });
    content = editDraft(content, { type: "seat.update", id: security!.id, patch: { required: 1, users: ["sam@example.com"], teams: ["AppSec"] } });
    content = editDraft(content, { type: "seat.add", seat: newDraftSeat("qa") });
    content = editDraft(content, { type: "signOff.rules", patch: { allowMultipleSeats: false, allowSelfApproval: true } });
    const saved = unwrap(await saveTemplateDraft(admin, { draftId, expectedVersion: opened.version, content }, database.db));
    expect((await getTemplateDraft(admin, draftId, database.db))!.content.signOff).toEqual(content.signOff);

    // The new seat has no name and nobody to fill it: that stops a publish.
    const review = unwrap(await reviewTemplateDraft(admin, { draftId }, database.db));
    expect(review.problems.map((p) => [p.id, p.field])).toEqual([
      ["qa", "seatName"],
      ["qa", "seatFillers"],
    ]);
    content = editDraft(content, { type: "seat.update", id: "qa", patch: { name: "QA", roles: ["MEMBER"], teams: ["QA"] } });
    const fixed = unwrap(await saveTemplateDraft(admin, { draftId, expectedVersion: saved.version, content }, database.db));
    // Only the seats changed: the review lists them in words, against the version's seats, and the draft publishes.
    const fixedReview = unwrap(await reviewTemplateDraft(admin, { draftId }, database.db));
    expect(fixedReview.problems).toEqual([]);
    expect(fixedReview.diff).toEqual({
      added: [],
      removed: [],
      changed: [],
      levels: null,
      title: null,
      signOff: [
        "Seat removed: Engineering",
        "Seat added: QA (role member; team QA)",
        "Seat changed: Security (now team AppSec; users sam@example.com, 1 signature)",
        "One person may now fill only one seat",
        "Self-approval is now on",
      ],
    });

    const published = unwrap(await publishTemplateDraft(admin, { draftId, expectedVersion: fixed.version }, database.db));
    expect(published.number).toBe(2);
    const v2 = await database.db.templateVersion.findFirstOrThrow({ where: { templateId, number: 2 } });
    const expected: TSignOffPolicy = {
      seats: [
        { key: "security", name: "Security", roles: [], teams: ["AppSec"], users: ["sam@example.com"], required: 1, releaseOnly: false },
        { key: "release-manager", name: "Release manager", roles: ["RELEASE_MANAGER", "ADMIN"], teams: [], users: [], required: 1, releaseOnly: false },
        { key: "qa", name: "QA", roles: ["MEMBER"], teams: ["QA"], users: [], required: 1, releaseOnly: false },
      ],
      allowMultipleSeats: false,
      allowSelfApproval: true,
    };
    expect(v2.signOffPolicy).toEqual(expected);
    expect((await database.db.templateVersion.findUniqueOrThrow({ where: { id: versionId } })).signOffPolicy).toEqual(POLICY);

    // The version's Markdown (the template's source) says the same, and reads back as it.
    const source = (await getTemplateSource(admin, templateId, 2, database.db))!.markdown;
    expect(source).toContain("Sign-off: Security (team: AppSec; user: sam@example.com)\n\nSign-off: Release manager (roles: release manager, admin)\n\nSign-off: QA (role: member; team: QA)\n");
    expect(source).not.toContain("Sign-off rules");
    const reread = parseChecklist(source);
    expect(reread.ok && reread.checklist.signOff).toEqual(expected);

    const { releaseId } = unwrap(await createRelease(admin, { templateVersionId: v2.id, name: "Checkout 2", service: "checkout", version: "2", environment: "prod" }, database.db));
    expect((await database.db.release.findUniqueOrThrow({ where: { id: releaseId } })).signOffPolicy).toEqual(expected);
  });

  it("publishes the default policy from a draft that never had seats of its own", async () => {
    const { draftId } = unwrap(await openTemplateDraft(admin, {}, database.db));
    let content = (await getTemplateDraft(admin, draftId, database.db))!.content;
    expect(content.signOff).toBeUndefined();
    content = editDraft({ ...content, title: "Scratch" }, { type: "section.add", parentId: "root", section: { id: "s", title: "S", items: [], sections: [] } });
    content = editDraft(content, { type: "item.add", parentId: "s", item: { id: "i", key: null, text: "One", detail: "", kind: "CHECK", severity: "BLOCKING", evidenceRequired: false, evidenceMaxAgeDays: null, requiredLevel: null, owner: "", children: [] } });
    const saved = unwrap(await saveTemplateDraft(admin, { draftId, expectedVersion: 1, content }, database.db));
    const { templateId } = unwrap(await publishTemplateDraft(admin, { draftId, expectedVersion: saved.version }, database.db));
    const version = await database.db.templateVersion.findFirstOrThrow({ where: { templateId } });
    expect(version.signOffPolicy).toEqual(DEFAULT_SIGN_OFF_POLICY);
    expect(version.sourceMarkdown).not.toContain("Sign-off");
  });
});
