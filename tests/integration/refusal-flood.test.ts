import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { recordRefusal, REFUSAL_RECORDING } from "@/lib/audit/record-refusal";
import { ForbiddenError, type TActor } from "@/lib/auth/permissions";
import { createRelease } from "@/lib/data/releases/create-release";
import { updateItemStatus } from "@/lib/data/releases/update-item-status";
import { importTemplate } from "@/lib/data/templates/import-template";
import { parseAuditPayload } from "@/lib/domain/audit/audit-events";
import { describeEvent } from "@/lib/domain/audit/describe-event";
import { hitRateLimit, windowStartOf } from "@/lib/security/rate-limit";
import { createActor } from "@/tests/helpers/actors";
import { createTestDatabase, type TTestDatabase } from "@/tests/helpers/test-database";

const TEMPLATE = "# Svc\n\n## Checks\n\n- [ ] Tests pass\n- [ ] Runbook written\n";
const MINUTE = 60_000;
/** The middle of a minute, well clear of the real clock's windows. */
const T0 = windowStartOf(Date.UTC(2031, 0, 1, 9, 0), MINUTE) + 30_000;

describe("refusals cannot flood the audit log", () => {
  let database: TTestDatabase;
  let itemId: string;
  let itemText: string;

  /** A viewer's refused status change, as the data layer raises it. */
  async function refusedUpdate(viewer: TActor): Promise<ForbiddenError> {
    const error = await updateItemStatus(viewer, { itemId, expectedVersion: 1, status: "DONE" }, database.db).then(
      () => null,
      (e: unknown) => e,
    );
    if (!(error instanceof ForbiddenError)) throw new Error("expected a refusal");
    return error;
  }

  const refusalsOf = (viewer: TActor) =>
    database.db.auditEvent.findMany({ where: { action: "permission.denied", actorId: viewer.id! }, orderBy: { seq: "asc" } });

  /** Refusals an actor's events account for: one each, plus those they report as counted. */
  const accountedFor = (events: { action: string; before: unknown; after: unknown }[]) =>
    events.reduce((sum, event) => {
      const payload = parseAuditPayload(event.action, event.before, event.after);
      return sum + 1 + (payload?.action === "permission.denied" ? (payload.after?.suppressedBefore ?? 0) : 0);
    }, 0);

  beforeAll(async () => {
    database = await createTestDatabase();
    const admin = await createActor(database.db, "ADMIN");
    const manager = await createActor(database.db, "RELEASE_MANAGER");
    const template = await importTemplate(admin, { source: TEMPLATE }, database.db);
    if (!template.ok) throw new Error(template.error);
    const release = await createRelease(manager, { templateVersionId: template.data.versionId, name: "Svc 1", service: "svc", version: "1", environment: "prod" }, database.db);
    if (!release.ok) throw new Error(release.error);
    const item = await database.db.releaseItem.findFirstOrThrow({ where: { releaseId: release.data.releaseId, key: "runbook-written" } });
    [itemId, itemText] = [item.id, item.text];
  });

  afterEach(() => {
    vi.restoreAllMocks();
  });

  afterAll(async () => {
    await database?.drop();
  });

  it("100 refusals in 3 s record the first few, and the next minute's first refusal says how many more there were", async () => {
    const viewer = await createActor(database.db, "VIEWER");
    for (let i = 0; i < 100; i += 1) await recordRefusal(await refusedUpdate(viewer), database.db, T0 + i * 30);
    expect(await refusalsOf(viewer)).toHaveLength(REFUSAL_RECORDING.limit);

    await recordRefusal(await refusedUpdate(viewer), database.db, T0 + MINUTE);
    const events = await refusalsOf(viewer);
    expect(events.length).toBeLessThanOrEqual(6);
    const last = events.at(-1)!;
    expect(last.after).toEqual({
      permission: "item:update",
      target: "ReleaseItem",
      suppressedBefore: 100 - REFUSAL_RECORDING.limit,
      suppressedSince: new Date(windowStartOf(T0, MINUTE)).toISOString(),
    });
    expect(accountedFor(events)).toBe(101);
    expect(describeEvent({ ...last, before: null, after: last.after as Record<string, unknown>, itemText })).toBe(
      "was refused: item:update on “Runbook written” (and 95 more refusals of item:update in the minute from 2031-01-01 09:00 UTC, counted but not recorded one by one)",
    );
    // Every recorded refusal still names its target and release.
    expect(events.every((event) => event.entityId === itemId && event.releaseId)).toBe(true);
  });

  it("counts exactly under concurrency: 30 refusals at once record the first few only", async () => {
    const viewer = await createActor(database.db, "VIEWER");
    const errors = await Promise.all(Array.from({ length: 30 }, () => refusedUpdate(viewer)));
    await Promise.all(errors.map((error, i) => recordRefusal(error, database.db, T0 + i)));
    expect(await refusalsOf(viewer)).toHaveLength(REFUSAL_RECORDING.limit);
  });

  it("counts per permission: a flood of one does not hide another", async () => {
    const viewer = await createActor(database.db, "VIEWER");
    for (let i = 0; i < 20; i += 1) await recordRefusal(await refusedUpdate(viewer), database.db, T0 + i);
    await recordRefusal(new ForbiddenError(viewer, "users:manage"), database.db, T0 + 100);
    const events = await refusalsOf(viewer);
    expect(events.map((event) => (event.after as { permission: string }).permission)).toEqual([...Array(5).fill("item:update"), "users:manage"]);
  });

  it("still reports the count when the user tries again an hour later, after other limits swept their old windows", async () => {
    const viewer = await createActor(database.db, "VIEWER");
    for (let i = 0; i < 12; i += 1) await recordRefusal(await refusedUpdate(viewer), database.db, T0 + i);
    // A sign-in an hour later sweeps (Math.random forced to the 1 %): only sign-in windows go.
    vi.spyOn(Math, "random").mockReturnValue(0);
    await hitRateLimit(database.db, "sign-in:203.0.113.9", { limit: 30, windowMs: MINUTE }, T0 + 60 * MINUTE);
    await recordRefusal(await refusedUpdate(viewer), database.db, T0 + 60 * MINUTE);
    const events = await refusalsOf(viewer);
    expect(events).toHaveLength(6);
    expect(events.at(-1)!.after).toMatchObject({ suppressedBefore: 7 });
    expect(accountedFor(events)).toBe(13);
  });
});
