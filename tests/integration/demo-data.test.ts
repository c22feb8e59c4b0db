import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cliActor, type TActor } from "@/lib/auth/permissions";
import { verifyAuditChain } from "@/lib/audit/verify-audit-chain";
import { getDashboard } from "@/lib/data/dashboard/get-dashboard";
import { getMyWork } from "@/lib/data/my-work/get-my-work";
import { getReleaseVerdict } from "@/lib/data/releases/get-release-verdict";
import { DEMO_USERS } from "@/prisma/seed/demo-users";
import { DEMO_ADMIN_EMAIL, seedDemoData } from "@/prisma/seed/seed-demo-data";
import { createTestDatabase, type TTestDatabase } from "@/tests/helpers/test-database";

const DAY = 86_400_000;

describe("demo data", () => {
  let database: TTestDatabase;
  let seededAt: number;

  beforeAll(async () => {
    database = await createTestDatabase();
    seededAt = Date.now();
    await seedDemoData(database.db);
  });

  afterAll(async () => {
    await database?.drop();
  });

  const release = (name: string) => database.db.release.findFirstOrThrow({ where: { name }, include: { signOffs: true } });
  const verdictOf = async (name: string) => (await getReleaseVerdict(cliActor("test"), (await release(name)).id, { db: database.db }))!;

  it("tells six weeks of three services' releases, at every stage", async () => {
    const releases = await database.db.release.findMany({ orderBy: { createdAt: "asc" } });
    expect(new Set(releases.map((r) => r.service))).toEqual(new Set(["checkout", "payments", "search"]));
    expect(releases.length).toBeGreaterThanOrEqual(8);
    expect(seededAt - releases[0]!.createdAt.getTime()).toBeGreaterThan(40 * DAY);
    expect(new Set(releases.map((r) => r.status))).toEqual(new Set(["SHIPPED", "CANCELLED", "SIGNED_OFF", "IN_REVIEW", "DRAFT"]));

    // Shipped after a GO sign-off that still stands.
    for (const name of ["Payments 5.0.0", "Checkout 2.3.0"]) {
      const shipped = await release(name);
      expect(shipped.status).toBe("SHIPPED");
      // Both seats of the demo template said go: the release manager and SRE.
      expect(shipped.signOffs.map((s) => [s.seatKey, s.decision, s.invalidatedAt]).sort()).toEqual([["release-manager", "GO", null], ["sre", "GO", null]]);
      expect(shipped.signOffs[0]!.createdAt.getTime()).toBeLessThan(shipped.closedAt!.getTime());
    }
    expect(await release("Search 0.9.0")).toMatchObject({ status: "CANCELLED", closeReason: expect.stringContaining("Superseded") });

    // GO WITH EXCEPTIONS, signed off, on a waiver that expires in about three days.
    const search10 = await verdictOf("Search 1.0.0");
    expect(search10.verdict).toBe("GO_WITH_EXCEPTIONS");
    expect((await release("Search 1.0.0")).status).toBe("SIGNED_OFF");
    const waiver = await database.db.waiver.findFirstOrThrow({ where: { releaseItem: { release: { name: "Search 1.0.0" } }, revokedAt: null } });
    const daysLeft = (waiver.expiresAt!.getTime() - seededAt) / DAY;
    expect(daysLeft).toBeGreaterThan(2.9);
    expect(daysLeft).toBeLessThan(4.1);

    // NO-GO because a no-go condition holds.
    expect((await verdictOf("Payments 5.1.0")).reasons.map((r) => r.code)).toContain("NO_GO_CONDITION_HOLDS");

    // A sign-off voided by a later change.
    const voided = await release("Checkout 2.4.0");
    expect(voided.status).toBe("IN_REVIEW");
    expect(voided.signOffs).toHaveLength(2);
    for (const signOff of voided.signOffs) expect(signOff.invalidatedReason).toContain("Dashboards show traffic");
    expect(voided.signOffRequestedAt).not.toBeNull();
    expect((await verdictOf("Checkout 2.4.0")).verdict).toBe("NO_GO");

    // Evidence gone stale while the release waited.
    expect((await verdictOf("Search 1.1.0")).reasons.map((r) => r.code)).toContain("EVIDENCE_STALE");
    // And one just begun.
    expect((await verdictOf("Checkout 2.5.0")).progress.satisfied).toBe(0);
  });

  it("writes a real history: an unbroken audit chain in time order, over weeks, nothing in the future, comments and evidence links", async () => {
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: true });
    const events = await database.db.auditEvent.findMany({ orderBy: { seq: "asc" }, select: { createdAt: true, actorLabel: true } });
    const times = events.map((e) => e.createdAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(times.at(-1)!).toBeLessThanOrEqual(Date.now());
    expect(new Set(times.map((t) => new Date(t).toISOString().slice(0, 10))).size).toBeGreaterThan(20);
    expect(new Set(events.map((e) => e.actorLabel)).size).toBeGreaterThanOrEqual(3);
    expect(await database.db.comment.count()).toBeGreaterThanOrEqual(5);
    expect(await database.db.evidence.count({ where: { kind: "LINK" } })).toBeGreaterThanOrEqual(10);
    expect(await database.db.team.count()).toBeGreaterThanOrEqual(3);
  });

  it("draws burndowns with slopes and verdict histories with changes on the dashboard", async () => {
    const dashboard = await getDashboard(cliActor("test"), {}, { db: database.db, now: new Date() });
    expect(dashboard.portfolio.map((r) => r.name).sort()).toEqual(["Checkout 2.4.0", "Checkout 2.5.0", "Payments 5.1.0", "Search 1.0.0", "Search 1.1.0"]);
    expect(dashboard.expiringWaivers.map((w) => w.releaseName)).toContain("Search 1.0.0");
    // Owners as a reader knows them: teams as "(team)", people by name.
    expect(dashboard.owners.map((o) => o.label)).toEqual(expect.arrayContaining(["SRE (team)", "Vic Viewer (auditor)", "Rémi Release Manager"]));
    expect(dashboard.staleEvidence.some((e) => e.releaseName === "Search 1.1.0" && e.daysLeft < 0)).toBe(true);
    const checkout = dashboard.timelines.find((t) => t.name === "Checkout 2.4.0")!;
    const days = new Set(checkout.points.map((p) => p.at.slice(0, 10)));
    expect(days.size).toBeGreaterThanOrEqual(5);
    const open = checkout.points.map((p) => p.openBlocking);
    expect(Math.max(...open)).toBeGreaterThan(Math.min(...open) + 10);
    expect(new Set(checkout.points.map((p) => p.verdict))).toEqual(new Set(["NO_GO", "GO_WITH_EXCEPTIONS"]));
  });

  it("leaves something waiting in My work for every demo user", async () => {
    for (const { email } of DEMO_USERS) {
      const user = await database.db.user.findUniqueOrThrow({ where: { email } });
      const actor: TActor = { id: user.id, label: user.email, role: user.role };
      const work = await getMyWork(actor, { db: database.db });
      expect(work.items.length, email).toBeGreaterThan(0);
    }
  });

  it("runs once: a second start adds nothing", async () => {
    const counts = async () => [await database.db.user.count(), await database.db.release.count(), await database.db.auditEvent.count()];
    const before = await counts();
    await seedDemoData(database.db);
    expect(await counts()).toEqual(before);
    expect(await database.db.user.findUnique({ where: { email: DEMO_ADMIN_EMAIL } })).toMatchObject({ role: "ADMIN" });
  });
});
