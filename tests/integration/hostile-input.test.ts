import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TActor } from "@/lib/auth/permissions";
import { queryAuditEvents } from "@/lib/data/audit/list-audit-events";
import { addComment } from "@/lib/data/releases/add-comment";
import { addEvidence } from "@/lib/data/releases/add-evidence";
import { createRelease } from "@/lib/data/releases/create-release";
import { getReleaseChecklist } from "@/lib/data/releases/get-release-checklist";
import { grantWaiver } from "@/lib/data/releases/grant-waiver";
import { importRelease } from "@/lib/data/releases/import-release";
import { updateItemDetails } from "@/lib/data/releases/update-item-details";
import { updateItemStatus } from "@/lib/data/releases/update-item-status";
import { signOffRelease } from "@/lib/data/sign-offs/sign-off-release";
import { importTemplate } from "@/lib/data/templates/import-template";
import { setUserDisabled } from "@/lib/data/users/set-user-disabled";
import { updateUserRole } from "@/lib/data/users/update-user-role";
import { exportCsv } from "@/lib/domain/checklist/export-csv";
import { createActor } from "@/tests/helpers/actors";
import { createTestDatabase, type TTestDatabase } from "@/tests/helpers/test-database";

const SQL = "'); DROP TABLE users; --";
const HOSTILE_STRINGS = [
  "",
  " ",
  "x".repeat(100_000),
  "2026-02-31",
  "0000-00-00",
  "9999-99-99",
  "<script>window.__xss=1</script>",
  "<img src=x onerror=alert(1)>",
  SQL,
  "%' OR '1'='1",
  "javascript:alert(1)",
  "data:text/html,<script>alert(1)</script>",
  "=HYPERLINK(\"http://evil.example\")",
  "nul\u0000byte",
  "\ud800 lone surrogate",
  "__proto__",
  "🚀".repeat(500),
];

describe("hostile input", () => {
  let database: TTestDatabase;
  let admin: TActor;
  let releaseId: string;
  let itemId: string;
  let versionId: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    admin = await createActor(database.db, "ADMIN");
    const imported = await importRelease(admin, { name: "Hostile", service: "svc", version: "1", environment: "prod", source: "# H\n\n## S\n\n- [ ] One\n- [ ] Two\n" }, database.db);
    if (!imported.ok) throw new Error(imported.error);
    releaseId = imported.data.releaseId;
    const item = await database.db.releaseItem.findFirstOrThrow({ where: { releaseId } });
    itemId = item.id;
    versionId = (await database.db.release.findUniqueOrThrow({ where: { id: releaseId } })).templateVersionId;
  });

  afterAll(async () => {
    await database?.drop();
  });

  // Every write the app exposes, called with the real ids where an id is expected, so that
  // garbage reaches past the id checks into the rest of the input.
  const writes: [string, (input: Record<string, unknown>) => Promise<{ ok: boolean }>, () => Record<string, unknown>][] = [
    ["updateItemStatus", (i) => updateItemStatus(admin, i as never, database.db), () => ({ itemId, expectedVersion: 1, status: "DONE" })],
    ["updateItemDetails", (i) => updateItemDetails(admin, i as never, database.db), () => ({ itemId, expectedVersion: 1, owner: "a", dueDate: "2026-01-01" })],
    ["addEvidence", (i) => addEvidence(admin, i as never, database.db), () => ({ kind: "LINK", itemId, url: "https://ci.example.com/1" })],
    ["addComment", (i) => addComment(admin, i as never, database.db), () => ({ itemId, body: "ok" })],
    ["grantWaiver", (i) => grantWaiver(admin, i as never, database.db), () => ({ itemId, expectedVersion: 1, reason: "r", compensatingControl: "c", expiresOn: "2099-01-01" })],
    ["signOffRelease", (i) => signOffRelease(admin, i as never, database.db), () => ({ releaseId, decision: "NO_GO" })],
    ["createRelease", (i) => createRelease(admin, i as never, database.db), () => ({ templateVersionId: versionId, name: "n", service: "s", version: "v", environment: "e" })],
    ["importTemplate", (i) => importTemplate(admin, i as never, database.db), () => ({ source: "# T\n\n- [ ] a\n" })],
    ["importRelease", (i) => importRelease(admin, i as never, database.db), () => ({ name: "n", service: "s", version: "v", environment: "e", source: "# T\n\n- [ ] a\n" })],
    ["updateUserRole", (i) => updateUserRole(admin, i as never, database.db), () => ({ userId: admin.id, role: "ADMIN" })],
    ["setUserDisabled", (i) => setUserDisabled(admin, i as never, database.db), () => ({ userId: admin.id, isDisabled: false })],
  ];

  const hostileValue = fc.oneof(
    fc.constantFrom<unknown>(...HOSTILE_STRINGS, null, undefined, 0, -1, 1.5, 2 ** 53, Number.NaN, Number.POSITIVE_INFINITY, true, [], {}, ["x"], { $gt: "" }),
    fc.string({ maxLength: 50 }),
    fc.integer(),
  );

  it.each(writes)("%s answers garbage with a result, never a crash", async (_name, write, valid) => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.anything().map((value) => value as Record<string, unknown>),
          // A valid input with one field replaced by something hostile.
          fc.tuple(fc.constantFrom(...Object.keys(valid())), hostileValue).map(([key, value]) => ({ ...valid(), [key]: value })),
        ),
        async (input) => {
          const result = await write(input);
          expect(typeof result.ok).toBe("boolean");
        },
      ),
      { numRuns: 60 },
    );
  });

  it("refuses javascript: and data: evidence links, in the app and in the database", async () => {
    for (const url of ["javascript:alert(1)", "JAVASCRIPT:alert(1)", "data:text/html,<script>alert(1)</script>", "vbscript:msgbox(1)", "//evil.example/x"]) {
      const result = await addEvidence(admin, { kind: "LINK", itemId, url }, database.db);
      expect(result).toMatchObject({ ok: false, code: "invalid" });
    }
    await expect(database.db.$executeRaw`INSERT INTO evidence (release_item_id, kind, url) VALUES (${itemId}::uuid, 'LINK', 'javascript:alert(1)')`).rejects.toThrow();
  });

  it("stores SQL-looking text verbatim and searches for it as text", async () => {
    const added = await addComment(admin, { itemId, body: SQL }, database.db);
    expect(added.ok).toBe(true);
    const stored = await database.db.comment.findFirstOrThrow({ where: { releaseItemId: itemId }, orderBy: { createdAt: "desc" } });
    expect(stored.body).toBe(SQL);
    const found = await queryAuditEvents(admin, { q: "DROP TABLE users" }, { limit: 10 }, database.db);
    expect(found.length).toBeGreaterThan(0);
    expect(await queryAuditEvents(admin, { q: "zz-nowhere%' OR '1'='1" }, { limit: 10 }, database.db)).toEqual([]);
    expect(await database.db.user.count()).toBeGreaterThan(0);
  });

  it("refuses an import over 1 MB before parsing it", async () => {
    const result = await importTemplate(admin, { source: `# Big\n\n${"- [ ] x\n".repeat(150_000)}` }, database.db);
    expect(result).toMatchObject({ ok: false });
    expect(JSON.stringify(result)).toMatch(/limit is 1 MB/);
  });

  it("exports cells that start like a formula as text", async () => {
    const imported = await importRelease(admin, { name: "=cmd|' /C calc'!A0", service: "s", version: "1", environment: "e", source: "# T\n\n## =SUM(A1:A9)\n\n- [ ] =HYPERLINK(\"http://evil.example\",\"click\")\n- [ ] +1+1\n- [ ] @SUM(1)\n- [ ] -2+3\n" }, database.db);
    if (!imported.ok) throw new Error(imported.error);
    const found = await getReleaseChecklist(admin, imported.data.releaseId, database.db);
    const csv = exportCsv(found!.checklist);
    expect(csv).toContain(`'=HYPERLINK(""http://evil.example"",""click"")`);
    expect(csv).toContain("'+1+1");
    expect(csv).toContain("'@SUM(1)");
    expect(csv).toContain("'-2+3");
    expect(csv).toContain("'=SUM(A1:A9)");
    expect(csv).not.toMatch(/(^|,)[=+@]/m);
  });
});
