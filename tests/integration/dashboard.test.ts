import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TActor } from "@/lib/auth/permissions";
import { getDashboard } from "@/lib/data/dashboard/get-dashboard";
import { grantWaiver } from "@/lib/data/releases/grant-waiver";
import { importRelease } from "@/lib/data/releases/import-release";
import { updateItemDetails } from "@/lib/data/releases/update-item-details";
import { updateItemStatus } from "@/lib/data/releases/update-item-status";
import { createActor } from "@/tests/helpers/actors";
import { createTestDatabase, type TTestDatabase } from "@/tests/helpers/test-database";

const SOURCE = "# Dash\n\n## Security\n\n- [ ] Secrets rotated\n- [ ] TLS enforced\n\n## Backups\n\n- [ ] Restore rehearsed\n\n## No-Go if any are true\n\n- [ ] Open incident\n";

describe("dashboard data", () => {
  let database: TTestDatabase;
  let admin: TActor;
  let releaseId: string;
  const now = new Date();

  beforeAll(async () => {
    database = await createTestDatabase();
    admin = await createActor(database.db, "ADMIN");
    const imported = await importRelease(admin, { name: "Dash 1", service: "dash", version: "1", environment: "staging", source: SOURCE }, database.db);
    if (!imported.ok) throw new Error(imported.error);
    releaseId = imported.data.releaseId;
    const item = (key: string) => database.db.releaseItem.findFirstOrThrow({ where: { releaseId, key } });
    const set = async (key: string, status: "DONE" | "BLOCKED") => {
      const it = await item(key);
      await updateItemStatus(admin, { itemId: it.id, expectedVersion: it.version, status }, database.db);
    };
    await set("secrets-rotated", "DONE");
    await set("open-incident", "DONE");
    const tls = await item("tls-enforced");
    await grantWaiver(admin, { itemId: tls.id, expectedVersion: tls.version, reason: "r", compensatingControl: "c", expiresOn: new Date(now.getTime() + 10 * 86_400_000).toISOString().slice(0, 10) }, database.db);
    const restore = await item("restore-rehearsed");
    await updateItemDetails(admin, { itemId: restore.id, expectedVersion: restore.version, owner: "sre-team", dueDate: "2020-01-01" }, database.db);
    await set("restore-rehearsed", "BLOCKED");
    await importRelease(admin, { name: "Other", service: "other", version: "1", environment: "production", source: SOURCE }, database.db);
  });

  afterAll(async () => {
    await database?.drop();
  });

  it("rebuilds the burndown and verdict history from the audit trail", async () => {
    const dashboard = await getDashboard(admin, { service: "dash" }, { db: database.db, now });
    expect(dashboard.portfolio.map((r) => r.name)).toEqual(["Dash 1"]);
    const timeline = dashboard.timelines[0]!;
    // created (4 open) → secrets done (3) → incident confirmed (2) → TLS waived (1); the owner and the block change nothing visible.
    expect(timeline.points.map((p) => [p.openBlocking, p.verdict])).toEqual([
      [4, "NO_GO"],
      [3, "NO_GO"],
      [2, "NO_GO"],
      [1, "NO_GO"],
    ]);
  });

  it("summarises sections, owners and expiring waivers across releases", async () => {
    const dashboard = await getDashboard(admin, {}, { db: database.db, now });
    expect(dashboard.services).toEqual(["dash", "other"]);
    expect(dashboard.sections).toEqual([
      { title: "Security", incomplete: 2, waived: 1, total: 4 },
      { title: "Backups", incomplete: 2, waived: 0, total: 2 },
      { title: "No-Go if any are true", incomplete: 1, waived: 0, total: 2 },
    ]);
    expect(dashboard.owners).toEqual([{ owner: "sre-team", label: "sre-team", open: 1, overdue: 1 }]);
    expect(dashboard.expiringWaivers).toMatchObject([{ releaseName: "Dash 1", itemText: "TLS enforced", daysLeft: 10 }]);
    expect(dashboard.portfolio.find((r) => r.name === "Dash 1")).toMatchObject({ verdict: "NO_GO", blockingLeft: 1, signOff: "none" });
  });

  it("extends the stored history with later changes instead of replaying it all", async () => {
    await getDashboard(admin, { service: "dash" }, { db: database.db, now });
    const stored = await database.db.releaseTimeline.findUniqueOrThrow({ where: { releaseId } });
    const restore = await database.db.releaseItem.findFirstOrThrow({ where: { releaseId, key: "restore-rehearsed" } });
    await updateItemStatus(admin, { itemId: restore.id, expectedVersion: restore.version, status: "DONE" }, database.db);
    const dashboard = await getDashboard(admin, { service: "dash" }, { db: database.db, now });
    expect(dashboard.timelines[0]!.points.map((p) => [p.openBlocking, p.verdict])).toEqual([
      [4, "NO_GO"],
      [3, "NO_GO"],
      [2, "NO_GO"],
      [1, "NO_GO"],
      [0, "GO_WITH_EXCEPTIONS"],
    ]);
    const extended = await database.db.releaseTimeline.findUniqueOrThrow({ where: { releaseId } });
    expect(extended.lastSeq).toBeGreaterThan(stored.lastSeq);
    // A stored timeline is a cache: without it the same history comes back from the trail.
    await database.db.releaseTimeline.deleteMany({});
    const rebuilt = await getDashboard(admin, { service: "dash" }, { db: database.db, now });
    expect(rebuilt.timelines).toEqual(dashboard.timelines);
    const back = await database.db.releaseItem.findFirstOrThrow({ where: { releaseId, key: "restore-rehearsed" } });
    await updateItemStatus(admin, { itemId: back.id, expectedVersion: back.version, status: "BLOCKED" }, database.db);
  });

  it("serves the dashboard computed last time until an audited change, then computes it again", async () => {
    const first = await getDashboard(admin, { service: "dash" }, { db: database.db });
    expect(await getDashboard(admin, { service: "dash" }, { db: database.db })).toBe(first);
    expect(await getDashboard(admin, { service: "other" }, { db: database.db })).not.toBe(first);
    const item = await database.db.releaseItem.findFirstOrThrow({ where: { releaseId, key: "restore-rehearsed" } });
    await updateItemDetails(admin, { itemId: item.id, expectedVersion: item.version, owner: "dba-team", dueDate: "2020-01-01" }, database.db);
    const after = await getDashboard(admin, { service: "dash" }, { db: database.db });
    expect(after).not.toBe(first);
    expect(after.owners).toEqual([{ owner: "dba-team", label: "dba-team", open: 1, overdue: 1 }]);
    const back = await database.db.releaseItem.findFirstOrThrow({ where: { releaseId, key: "restore-rehearsed" } });
    await updateItemDetails(admin, { itemId: back.id, expectedVersion: back.version, owner: "sre-team", dueDate: "2020-01-01" }, database.db);
  });

  it("limits the history to the chosen time range", async () => {
    const later = new Date(now.getTime() + 2 * 86_400_000);
    const dashboard = await getDashboard(admin, { rangeDays: 1 }, { db: database.db, now: later });
    expect(dashboard.timelines.every((t) => t.points.length === 0)).toBe(true);
  });
});
