import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRelease } from "@/lib/data/releases/create-release";
import { updateItemStatus } from "@/lib/data/releases/update-item-status";
import { signOffRelease } from "@/lib/data/sign-offs/sign-off-release";
import { loadReleaseSignOffs } from "@/lib/data/sign-offs/sign-off-state";
import { importTemplate } from "@/lib/data/templates/import-template";
import { DEFAULT_SIGN_OFF_POLICY } from "@/lib/domain/sign-off/sign-off-policy";
import { createActor } from "@/tests/helpers/actors";
import { createTestDatabase, withAdminClient, type TTestDatabase } from "@/tests/helpers/test-database";

// Releases signed off before seats existed keep working: the migration gives every version
// and release the release manager's seat and puts every existing sign-off in it.
const MIGRATION = "1763956800000_sign-off-seats";

async function part(which: "Up" | "Down"): Promise<string> {
  const file = await readFile(path.join(process.cwd(), "prisma", "migrations", `${MIGRATION}.sql`), "utf8");
  const up = file.split("-- Up Migration")[1]!.split("-- Down Migration");
  return which === "Up" ? up[0]! : up[1]!;
}

describe("migration: sign-off seats", () => {
  let database: TTestDatabase;
  const run = (sql: string) =>
    withAdminClient(database.url, async (client) => {
      await client.query("BEGIN");
      await client.query(sql);
      await client.query("COMMIT");
    });

  beforeAll(async () => {
    database = await createTestDatabase();
  });

  afterAll(async () => {
    await database?.drop();
  });

  it("keeps an old signed-off release signed off, in the release manager's seat, and lets it be signed again", async () => {
    const db = database.db;
    const admin = await createActor(db, "ADMIN");
    const manager = await createActor(db, "RELEASE_MANAGER");
    const other = await createActor(db, "RELEASE_MANAGER");
    const template = await importTemplate(admin, { source: "# Old\n\n## Checks\n\n- [ ] Tests pass\n" }, db);
    if (!template.ok) throw new Error(template.error);
    const release = await createRelease(manager, { templateVersionId: template.data.versionId, name: "Old 1", service: "old", version: "1", environment: "prod" }, db);
    if (!release.ok) throw new Error(release.error);
    const { releaseId } = release.data;
    const item = await db.releaseItem.findFirstOrThrow({ where: { releaseId } });
    const ticked = await updateItemStatus(manager, { itemId: item.id, expectedVersion: item.version, status: "DONE" }, db);
    expect(ticked.ok).toBe(true);

    // Back to before seats, and a sign-off written as the old code wrote it.
    await run(await part("Down"));
    await run(`
      INSERT INTO sign_offs (release_id, user_id, capacity, decision, verdict_at_signing, content_hash)
        VALUES ('${releaseId}', '${manager.id}', 'Release manager', 'GO', 'GO', 'old-hash');
      UPDATE releases SET status = 'SIGNED_OFF' WHERE id = '${releaseId}';`);
    await run(await part("Up"));

    const migrated = await db.release.findUniqueOrThrow({ where: { id: releaseId }, include: { signOffs: true, templateVersion: true } });
    expect(migrated.status).toBe("SIGNED_OFF");
    expect(migrated.signOffPolicy).toEqual(DEFAULT_SIGN_OFF_POLICY);
    expect(migrated.templateVersion.signOffPolicy).toEqual(DEFAULT_SIGN_OFF_POLICY);
    expect(migrated.signOffs.map((s) => [s.seatKey, s.selfApproved])).toEqual([["release-manager", false]]);
    expect((await loadReleaseSignOffs(db, releaseId)).state.isSignedOff).toBe(true);

    // Another release manager's NO-GO in the same seat holds it, as before seats.
    const held = await signOffRelease(other, { releaseId, decision: "NO_GO", comment: "Wait" }, db);
    expect(held).toMatchObject({ ok: true, data: { status: "IN_REVIEW", seat: "release-manager" } });
  });
});
