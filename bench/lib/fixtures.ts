import type { TActor } from "@/lib/auth/permissions";
import type { TDb } from "@/lib/db";
import { createRelease } from "@/lib/data/releases/create-release";
import { importTemplate } from "@/lib/data/templates/import-template";
import { generatedChecklist } from "@/bench/lib/checklists";

export type TBenchRelease = { releaseId: string; itemIds: string[]; size: number };

/** A template of `size` generated items and one release of it, through the app's own functions. */
export async function createBenchRelease(db: TDb, actor: TActor, size: number, name = `Bench ${size}`): Promise<TBenchRelease> {
  const template = await importTemplate(actor, { source: generatedChecklist(size, `${name} template`) }, db);
  if (!template.ok) throw new Error(template.error);
  const release = await createRelease(
    actor,
    { templateVersionId: template.data.versionId, name, service: `bench-${size}`, version: "1.0.0", environment: "production", targetDate: "2026-12-31" },
    db,
  );
  if (!release.ok) throw new Error(release.error);
  const items = await db.releaseItem.findMany({ where: { releaseId: release.data.releaseId }, orderBy: { position: "asc" }, select: { id: true } });
  return { releaseId: release.data.releaseId, itemIds: items.map((i) => i.id), size };
}

/**
 * `total` audit events inserted through the production chaining trigger (sequence, previous
 * hash, SHA-256, advisory lock), 50 000 per statement, spread over 50 people and a year.
 */
export async function seedAuditEvents(db: TDb, total: number): Promise<number> {
  const start = performance.now();
  const batch = 50_000;
  for (let done = 0; done < total; done += batch) {
    const n = Math.min(batch, total - done);
    await db.$executeRawUnsafe(`
      INSERT INTO audit_events (actor_label, action, entity_type, entity_id, after, created_at)
      SELECT 'user' || (g % 50) || '@example.com',
             (ARRAY['item.status.update','evidence.add','comment.add','release.sign-off'])[1 + g % 4],
             'ReleaseItem', md5(g::text),
             jsonb_build_object('status', 'DONE', 'note', 'bench event ' || g),
             now() - make_interval(secs => (${total} - g) * 31)
      FROM generate_series(${done + 1}, ${done + n}) AS g`);
  }
  return (performance.now() - start) / 1000;
}
