import pg from "pg";
import type { TActor } from "@/lib/auth/permissions";
import { getReleaseVerdict } from "@/lib/data/releases/get-release-verdict";
import { updateItemStatus } from "@/lib/data/releases/update-item-status";
import { computeVerdict } from "@/lib/domain/verdict/compute-verdict";
import type { TDb } from "@/lib/db";
import { createDatabaseOn } from "@/tests/helpers/test-database";
import { createBenchRelease, type TBenchRelease } from "@/bench/lib/fixtures";
import { timeConcurrent, type TSummary } from "@/bench/lib/stats";
import { row, type TBenchRow, type TScenario } from "@/bench/lib/types";
import { createActor } from "@/tests/helpers/actors";

type TToggler = (worker: number, i: number) => Promise<unknown>;

/** What the server action does for a tick: the data-layer write (with audit and sign-off check), then the verdict for the banner. */
function appToggler(db: TDb, actor: TActor, release: TBenchRelease, versions: Map<string, number>): TToggler {
  return async (worker, i) => {
    const itemId = release.itemIds[worker % release.itemIds.length]!;
    const result = await updateItemStatus(actor, { itemId, expectedVersion: versions.get(itemId)!, status: i % 2 ? "OPEN" : "DONE" }, db);
    if (!result.ok) throw new Error(result.error);
    versions.set(itemId, result.data.version);
    await getReleaseVerdict(actor, release.releaseId, { db });
  };
}

/**
 * The physical floor: the same statements sent raw through `pg` on a pool of the same size,
 * the same transaction, the same audit insert (so the same chaining trigger), and the same
 * verdict computed from the same rows.
 */
function floorToggler(pool: pg.Pool, actor: TActor, release: TBenchRelease, versions: Map<string, number>): TToggler {
  return async (worker, i) => {
    const itemId = release.itemIds[worker % release.itemIds.length]!;
    const status = i % 2 ? "OPEN" : "DONE";
    const version = versions.get(itemId)!;
    const client = await pool.connect();
    try {
      await client.query("BEGIN");
      const before = (await client.query("SELECT * FROM release_items WHERE id = $1 LIMIT 1", [itemId])).rows[0];
      const updated = await client.query(
        "UPDATE release_items SET status = $2, na_reason = NULL, version = version + 1, updated_by_id = $3, updated_at = now() WHERE id = $1 AND version = $4",
        [itemId, status, actor.id, version],
      );
      if (updated.rowCount === 0) throw new Error("conflict");
      await client.query("UPDATE sign_offs SET invalidated_at = now(), invalidated_reason = $2 WHERE release_id = $1 AND invalidated_at IS NULL", [release.releaseId, "changed"]);
      await client.query(
        `INSERT INTO audit_events (actor_id, actor_label, action, entity_type, entity_id, release_id, before, after, request_id)
         VALUES ($1, $2, 'item.status.update', 'ReleaseItem', $3, $4, $5, $6, $7) RETURNING *`,
        [actor.id, actor.label, itemId, release.releaseId, { status: before.status, naReason: before.na_reason, version }, { status, naReason: null, version: version + 1, invalidatedSignOffs: 0 }, "bench"],
      );
      await client.query("COMMIT");
    } catch (error) {
      await client.query("ROLLBACK");
      throw error;
    } finally {
      client.release();
    }
    versions.set(itemId, version + 1);
    const [head, items, evidence, waivers] = await Promise.all([
      pool.query("SELECT r.target_level, tv.levels FROM releases r JOIN template_versions tv ON tv.id = r.template_version_id WHERE r.id = $1", [release.releaseId]),
      pool.query(
        "SELECT id, key, text, kind, severity, status, evidence_required, evidence_max_age_days, required_level, na_reason FROM release_items WHERE release_id = $1 ORDER BY position",
        [release.releaseId],
      ),
      pool.query("SELECT e.release_item_id, e.added_at, e.expires_at FROM evidence e JOIN release_items i ON i.id = e.release_item_id WHERE i.release_id = $1", [release.releaseId]),
      pool.query("SELECT w.release_item_id, w.expires_at, w.revoked_at FROM waivers w JOIN release_items i ON i.id = w.release_item_id WHERE i.release_id = $1", [release.releaseId]),
    ]);
    computeVerdict({
      levels: head.rows[0].levels,
      targetLevel: head.rows[0].target_level,
      now: new Date(),
      items: items.rows.map((r) => ({
        key: r.key, text: r.text, kind: r.kind, severity: r.severity, status: r.status, evidenceRequired: r.evidence_required,
        evidenceMaxAgeDays: r.evidence_max_age_days, requiredLevel: r.required_level, naReason: r.na_reason,
        evidence: evidence.rows.filter((e) => e.release_item_id === r.id).map((e) => ({ addedAt: e.added_at, expiresAt: e.expires_at })),
        waivers: waivers.rows.filter((w) => w.release_item_id === r.id).map((w) => ({ expiresAt: w.expires_at, revokedAt: w.revoked_at })),
      })),
    });
  };
}

async function currentVersions(db: TDb, release: TBenchRelease): Promise<Map<string, number>> {
  const rows = await db.releaseItem.findMany({ where: { releaseId: release.releaseId }, select: { id: true, version: true } });
  return new Map(rows.map((r) => [r.id, r.version]));
}

export const toggleScenario: TScenario = {
  id: "toggle",
  title: "Item toggle: data layer vs the raw-SQL floor",
  async run({ serverUrl, quick, log }) {
    const database = await createDatabaseOn(serverUrl);
    const pool = new pg.Pool({ connectionString: database.url, max: 10 });
    // A connection the server closes while idle is dropped, not a crash of the suite.
    pool.on("error", (error) => log(`  floor pool: an idle connection was closed (${error.message})`));
    const rows: TBenchRow[] = [];
    const seconds = quick ? 1.5 : 5;
    try {
      const actor = await createActor(database.db, "ADMIN");
      const releases = new Map<number, TBenchRelease>();
      for (const size of [50, 500, 5_000]) releases.set(size, await createBenchRelease(database.db, actor, size));
      const measure = async (release: TBenchRelease, concurrency: number, secs: number) => {
        const floor = await timeConcurrent(concurrency, secs, floorToggler(pool, actor, release, await currentVersions(database.db, release)));
        const app = await timeConcurrent(concurrency, secs, appToggler(database.db, actor, release, await currentVersions(database.db, release)));
        if (floor.errors || app.errors) log(`  errors: floor ${floor.errors}, app ${app.errors}`);
        return { floor, app };
      };
      // Warm both paths (JIT, connections, plans) before anything is timed.
      await measure(releases.get(50)!, 4, 1);
      for (const concurrency of [1, 4, 16]) {
        const { floor, app } = await measure(releases.get(50)!, concurrency, seconds);
        const ratio = app.p95 / floor.p95;
        const gate = concurrency === 16;
        log(`  ${concurrency} writers: app p95 ${app.p95.toFixed(1)} ms (${app.perSecond?.toFixed(0)}/s), floor p95 ${floor.p95.toFixed(1)} ms (${floor.perSecond?.toFixed(0)}/s)`);
        rows.push(row("Item toggle (50-item release)", `raw pg floor, ${concurrency} concurrent`, floor));
        rows.push(
          row("Item toggle (50-item release)", `app data layer, ${concurrency} concurrent`, app, {
            ...(gate ? { target: "p95 ≤ 10 ms, ≥ 500/s", met: app.p95 <= 10 && (app.perSecond ?? 0) >= 500 } : {}),
          }),
        );
        rows.push({
          group: "Item toggle (50-item release)",
          name: `ratio app / floor (p95), ${concurrency} concurrent`,
          unit: "×",
          value: ratio,
          ...(gate ? { target: "≤ 1.5×", met: ratio <= 1.5 } : {}),
        });
        if (gate) {
          const share = (app.perSecond ?? 0) / (floor.perSecond || 1);
          rows.push({ group: "Item toggle (50-item release)", name: "throughput app / floor, 16 concurrent", unit: "×", value: share, target: "≥ 0.8", met: share >= 0.8 });
        }
      }
      for (const size of [50, 500, 5_000]) {
        const { floor, app } = await measure(releases.get(size)!, 1, quick ? 1 : 3);
        rows.push(
          row("Scaling: toggle, 1 writer", `${size} items, app`, app as TSummary, {
            note: `floor p95 ${floor.p95.toFixed(1)} ms`,
            ...(size === 5_000 ? { target: "p95 ≤ 25 ms", met: app.p95 <= 25 } : {}),
          }),
        );
      }
    } finally {
      await pool.end();
      await database.drop();
    }
    return rows;
  },
};
