import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TActor } from "@/lib/auth/permissions";
import { addComment } from "@/lib/data/releases/add-comment";
import { addEvidence } from "@/lib/data/releases/add-evidence";
import { createRelease } from "@/lib/data/releases/create-release";
import { getReleaseVerdict } from "@/lib/data/releases/get-release-verdict";
import { updateItemStatus } from "@/lib/data/releases/update-item-status";
import { signOffRelease } from "@/lib/data/sign-offs/sign-off-release";
import { importTemplate } from "@/lib/data/templates/import-template";
import { verifyAuditChain } from "@/lib/audit/verify-audit-chain";
import { createActor } from "@/tests/helpers/actors";
import { createTestDatabase, testServerUrl, type TTestDatabase } from "@/tests/helpers/test-database";

const TEMPLATE = "# Race\n\n## Checks\n\n- [ ] Tests pass\n- [ ] Runbook written\n\n## No-Go if any are true\n\n- [ ] Open incident\n";
const ROUNDS = 200;

// A race, a deadlock or a lock-order bug shows only on a real server: PGlite runs one
// transaction at a time. Figures go to RELIABILITY.md ("Sign-off racing a tick").
describe.skipIf(!testServerUrl())("decisions under concurrency (needs TEST_DATABASE_URL)", () => {
  let database: TTestDatabase;
  let manager: TActor;
  let member: TActor;
  let templateVersionId: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    const admin = await createActor(database.db, "ADMIN");
    manager = await createActor(database.db, "RELEASE_MANAGER");
    member = await createActor(database.db, "MEMBER");
    const template = await importTemplate(admin, { source: TEMPLATE }, database.db);
    if (!template.ok) throw new Error(template.error);
    templateVersionId = template.data.versionId;
  });

  afterAll(async () => {
    await database?.drop();
  });

  async function newRelease(name: string) {
    const release = await createRelease(manager, { templateVersionId, name, service: "race", version: name, environment: "prod" }, database.db);
    if (!release.ok) throw new Error(release.error);
    return release.data.releaseId;
  }
  const itemsOf = (releaseId: string) => database.db.releaseItem.findMany({ where: { releaseId }, orderBy: { position: "asc" } });

  it(`${ROUNDS} rounds of a GO sign-off racing a tick that makes the verdict NO-GO: never a standing GO on a NO-GO release, never a raw error`, async () => {
    const releaseId = await newRelease("1.0");
    for (const item of await itemsOf(releaseId)) {
      const done = await updateItemStatus(member, { itemId: item.id, expectedVersion: item.version, status: "DONE" }, database.db);
      expect(done.ok).toBe(true);
    }
    const outcomes = { signOffFirst: 0, tickFirst: 0, errors: [] as string[], inconsistent: [] as string[] };
    const started = performance.now();
    for (let round = 0; round < ROUNDS; round += 1) {
      const target = (await itemsOf(releaseId))[round % 3]!;
      // Both start together; which one takes the release's lock first is up to the server.
      const [signed, ticked] = await Promise.allSettled([
        signOffRelease(manager, { releaseId, decision: "GO", comment: `round ${round}` }, database.db),
        updateItemStatus(member, { itemId: target.id, expectedVersion: target.version, status: "OPEN" }, database.db),
      ]);
      for (const settled of [signed, ticked]) if (settled.status === "rejected") outcomes.errors.push(String(settled.reason));
      if (signed.status === "fulfilled" && ticked.status === "fulfilled") {
        expect(ticked.value.ok).toBe(true);
        if (signed.value.ok) outcomes.signOffFirst += 1;
        else outcomes.tickFirst += 1;
      }

      const [release, standingGo, verdict] = await Promise.all([
        database.db.release.findUniqueOrThrow({ where: { id: releaseId } }),
        database.db.signOff.count({ where: { releaseId, decision: "GO", invalidatedAt: null } }),
        getReleaseVerdict(manager, releaseId, { db: database.db }),
      ]);
      if (standingGo > 0 && verdict?.verdict === "NO_GO") outcomes.inconsistent.push(`round ${round}: a valid GO on a NO-GO release`);
      if (release.status === "SIGNED_OFF") outcomes.inconsistent.push(`round ${round}: SIGNED_OFF after the tick`);

      // Back to GO for the next round (voids nothing: the tick already did).
      const reopened = (await itemsOf(releaseId))[round % 3]!;
      const back = await updateItemStatus(member, { itemId: reopened.id, expectedVersion: reopened.version, status: "DONE" }, database.db);
      expect(back.ok).toBe(true);
    }
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `[race] ${ROUNDS} rounds in ${seconds.toFixed(1)} s: sign-off first ${outcomes.signOffFirst} (then voided by the tick), tick first ${outcomes.tickFirst} (sign-off refused as NO-GO), ` +
        `inconsistent ${outcomes.inconsistent.length}, raw errors ${outcomes.errors.length}`,
    );
    expect(outcomes.errors).toEqual([]);
    expect(outcomes.inconsistent).toEqual([]);
    expect(outcomes.signOffFirst + outcomes.tickFirst).toBe(ROUNDS);
    // Every voided GO names the change that voided it.
    const voided = await database.db.signOff.findMany({ where: { releaseId, invalidatedAt: { not: null } } });
    expect(voided).toHaveLength(outcomes.signOffFirst);
    expect(voided.every((s) => /Status of “.+” set to open \(changed by /.test(s.invalidatedReason ?? ""))).toBe(true);
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: true });
  });

  it("100 concurrent writers on one release, on a pool of 10: each is saved or told of a conflict, none fails", async () => {
    const releaseId = await newRelease("2.0");
    const items = await itemsOf(releaseId);
    const eventsBefore = await database.db.auditEvent.count({ where: { releaseId } });
    const started = performance.now();
    const results = await Promise.allSettled(
      Array.from({ length: 100 }, (_, n) => {
        const item = items[n % items.length]!;
        switch (n % 5) {
          case 0:
            return signOffRelease(manager, { releaseId, decision: "NO_GO", comment: `writer ${n}` }, database.db);
          case 1:
            return addEvidence(member, { kind: "NOTE", itemId: item.id, note: `writer ${n}` }, database.db);
          case 2:
            return addComment(member, { itemId: item.id, body: `writer ${n}` }, database.db);
          default:
            // Everyone read version 1: one status write per item wins, the rest are conflicts.
            return updateItemStatus(member, { itemId: item.id, expectedVersion: 1, status: n % 2 ? "DONE" : "IN_PROGRESS" }, database.db);
        }
      }),
    );
    const ms = performance.now() - started;
    const rejected = results.flatMap((r) => (r.status === "rejected" ? [String(r.reason)] : []));
    const answers = results.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
    const saved = answers.filter((a) => a.ok).length;
    const conflicts = answers.filter((a) => !a.ok && a.code === "conflict").length;
    const other = answers.filter((a) => !a.ok && a.code !== "conflict").map((a) => (a.ok ? "" : `${a.code}: ${a.error}`));
    console.log(`[burst] 100 writers on a pool of 10 in ${Math.round(ms)} ms: ${saved} saved, ${conflicts} conflicts, ${other.length} other refusals, ${rejected.length} errors`);
    expect(rejected).toEqual([]);
    expect(other).toEqual([]);
    expect(saved + conflicts).toBe(100);
    // Exactly one audit event per saved write, in an unbroken chain.
    expect(await database.db.auditEvent.count({ where: { releaseId } })).toBe(eventsBefore + saved);
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: true });
  });
});
