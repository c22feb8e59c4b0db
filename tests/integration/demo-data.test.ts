import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cliActor } from "@/lib/auth/permissions";
import { getReleaseVerdict } from "@/lib/data/releases/get-release-verdict";
import { DEMO_ADMIN_EMAIL, seedDemoData } from "@/prisma/seed/seed-demo-data";
import { createTestDatabase, type TTestDatabase } from "@/tests/helpers/test-database";

describe("demo data", () => {
  let database: TTestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase();
  });

  afterAll(async () => {
    await database?.drop();
  });

  it("loads our template and one release in progress, whose verdict says what holds it back", async () => {
    await seedDemoData(database.db);
    const release = await database.db.release.findFirstOrThrow({ include: { templateVersion: true } });
    expect(release.templateVersion.title).toBe("Web service production readiness");
    expect(await database.db.releaseItem.count({ where: { releaseId: release.id } })).toBe(24);

    const verdict = await getReleaseVerdict(cliActor("test"), release.id, { db: database.db });
    expect(verdict?.verdict).toBe("NO_GO");
    expect(verdict?.reasons[0]).toMatchObject({ code: "BLOCKED", itemText: "The on-call rotation for this service is staffed" });
    expect(verdict?.exceptions.map((e) => e.via)).toEqual(["NOT_APPLICABLE"]);
    expect(verdict?.progress.satisfied).toBe(5);
  });

  it("runs once: a second start adds nothing", async () => {
    const counts = async () => [await database.db.user.count(), await database.db.release.count(), await database.db.auditEvent.count()];
    const before = await counts();
    await seedDemoData(database.db);
    expect(await counts()).toEqual(before);
    expect(await database.db.user.findUnique({ where: { email: DEMO_ADMIN_EMAIL } })).toMatchObject({ role: "ADMIN" });
  });
});
