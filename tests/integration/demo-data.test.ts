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

  it("loads our template and a release in progress, whose verdict says what holds it back", async () => {
    await seedDemoData(database.db);
    const release = await database.db.release.findFirstOrThrow({ where: { name: "Checkout 2.4.0" }, include: { templateVersion: true } });
    expect(release.templateVersion.title).toBe("Web service production readiness");
    expect(await database.db.releaseItem.count({ where: { releaseId: release.id } })).toBe(24);

    const verdict = await getReleaseVerdict(cliActor("test"), release.id, { db: database.db });
    expect(verdict?.verdict).toBe("NO_GO");
    expect(verdict?.reasons[0]).toMatchObject({ code: "BLOCKED", itemText: "The on-call rotation for this service is staffed" });
    expect(verdict?.exceptions.map((e) => e.via)).toEqual(["NOT_APPLICABLE"]);
    expect(verdict?.progress.satisfied).toBe(5);
  });

  it("shows what the product does over a release's life: teams, evidence rules, advisory items, a revoked waiver, a release-only item, shipped and cancelled releases", async () => {
    const teams = await database.db.team.findMany({ include: { members: { include: { user: true } } }, orderBy: { name: "asc" } });
    expect(teams.map((t) => [t.name, t.members.map((m) => m.user.email).sort()])).toEqual([
      ["Checkout", ["demo-member@preflight.local", "demo-release-manager@preflight.local"]],
      ["Platform", ["demo-admin@preflight.local"]],
      ["SRE", ["demo-member@preflight.local"]],
    ]);
    const checkout = await database.db.release.findFirstOrThrow({ where: { name: "Checkout 2.4.0" } });
    const ci = await database.db.releaseItem.findFirstOrThrow({ where: { releaseId: checkout.id, text: "Unit and integration tests pass in CI on the release commit" } });
    expect(ci).toMatchObject({ evidenceRequired: true, evidenceMaxAgeDays: 14, owner: "team:Checkout", status: "DONE" });
    expect(await database.db.releaseItem.count({ where: { releaseId: checkout.id, severity: "ADVISORY" } })).toBe(2);
    expect(await database.db.releaseItem.count({ where: { releaseId: checkout.id, owner: "team:SRE" } })).toBe(2);

    const shipped = await database.db.release.findFirstOrThrow({ where: { name: "Payments 5.1.0" }, include: { signOffs: true } });
    expect(shipped.status).toBe("SHIPPED");
    expect(shipped.closedAt).not.toBeNull();
    expect(shipped.signOffs.map((s) => [s.decision, s.invalidatedAt])).toEqual([["GO", null]]);
    const waivers = await database.db.waiver.findMany({ where: { releaseItem: { releaseId: shipped.id } } });
    expect(waivers).toHaveLength(1);
    expect(waivers[0]!.revokedAt).not.toBeNull();
    expect(await database.db.releaseItem.count({ where: { releaseId: shipped.id, releaseOnly: true } })).toBe(1);
    const verdict = await getReleaseVerdict(cliActor("test"), shipped.id, { db: database.db });
    expect(verdict?.verdict).toBe("GO");

    const cancelled = await database.db.release.findFirstOrThrow({ where: { name: "Search 0.9.0" } });
    expect(cancelled).toMatchObject({ status: "CANCELLED", closeReason: expect.stringContaining("Superseded") });
  });

  it("runs once: a second start adds nothing", async () => {
    const counts = async () => [await database.db.user.count(), await database.db.release.count(), await database.db.auditEvent.count()];
    const before = await counts();
    await seedDemoData(database.db);
    expect(await counts()).toEqual(before);
    expect(await database.db.user.findUnique({ where: { email: DEMO_ADMIN_EMAIL } })).toMatchObject({ role: "ADMIN" });
  });
});
