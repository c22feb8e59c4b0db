import "server-only";
import type { TTx } from "@/lib/audit/record-audit";
import type { TDb } from "@/lib/db";
import { loadReleaseItems } from "@/lib/data/releases/load-release-items";
import { RevisionCache, revisionOf } from "@/lib/data/releases/revision-cache";
import { Prisma } from "@/lib/generated/prisma/client";
import type { TReleaseStatus } from "@/lib/domain/checklist/types";
import { computeVerdict } from "@/lib/domain/verdict/compute-verdict";
import { observeVerdict } from "@/lib/metrics/metrics";

export type TReleaseRules = { id: string; name: string; status: TReleaseStatus; targetLevel: string | null; levels: string[]; seq: bigint };
export type TVerdictItems = Awaited<ReturnType<typeof loadReleaseItems<{ id: string }>>>[number]["items"];
export type TVerdictItem = TVerdictItems[number];

/**
 * The verdict's input by release revision (lib/data/releases/revision-cache.ts): a banner,
 * a tick's answer, the API's verdict read the items once per change, not once per request.
 * The time-dependent part (stale evidence, expired waivers) is computed at every read.
 */
const verdictItems = new RevisionCache<TVerdictItems>(200_000, (items) => items.length + 1);

/**
 * A release's verdict now, from the one verdict input (loadReleaseItems): the banner, the
 * page's live state, the CLI and sign-off (inside its locked transaction) all read it here.
 * One round trip for the release, its levels and its revision; the items only when the
 * revision is not one this process has read. `outsideTransaction`: `db` is the process's client,
 * not a transaction's (Prisma's transaction client cannot be told apart).
 */
export async function loadReleaseVerdict(db: TDb | TTx, releaseId: string, now: Date, { outsideTransaction = false }: { outsideTransaction?: boolean } = {}) {
  const [release] = await db.$queryRaw<TReleaseRules[]>`
    SELECT r.id::text AS id, r.name, r.status::text AS status, r.target_level AS "targetLevel", tv.levels,
      ${revisionOf(Prisma.raw("r.id"))} AS seq
    FROM releases r JOIN template_versions tv ON tv.id = r.template_version_id
    WHERE r.id = ${releaseId}::uuid`;
  if (!release) return null;
  // Inside a transaction the revision does not yet count the transaction's own changes (its
  // audit event comes last), and a rollback gives its number back: there it reads the rows.
  let items = outsideTransaction ? verdictItems.get(releaseId, release.seq) : undefined;
  if (!items) {
    items = (await loadReleaseItems(db, [release]))[0]!.items;
    if (outsideTransaction) verdictItems.set(releaseId, release.seq, items);
  }
  const started = performance.now();
  const verdict = computeVerdict({ items, levels: release.levels, targetLevel: release.targetLevel, now });
  observeVerdict(items.length, (performance.now() - started) / 1000);
  return { release, items, verdict };
}

/**
 * After a committed change that rewrote one item's own row (its status, owner, due date) and
 * nothing else: the items held at the revision it started from, with that row, become the
 * items of the change's revision. Nothing happens unless exactly that revision is held.
 */
export function carryVerdictItem(releaseId: string, fromSeq: bigint, toSeq: bigint, row: Omit<TVerdictItem, "evidence" | "waivers">): void {
  const held = verdictItems.peek(releaseId, fromSeq);
  if (!held) return;
  const index = held.findIndex((item) => item.id === row.id);
  if (index < 0) return;
  const items = held.slice();
  const old = items[index]!;
  items[index] = { ...pick(row, old), evidence: old.evidence, waivers: old.waivers };
  verdictItems.set(releaseId, toSeq, items);
}

/** The row's values for exactly the fields the verdict input holds. */
function pick(row: Omit<TVerdictItem, "evidence" | "waivers">, shape: TVerdictItem): Omit<TVerdictItem, "evidence" | "waivers"> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(shape)) if (key !== "evidence" && key !== "waivers") out[key] = (row as Record<string, unknown>)[key];
  return out as Omit<TVerdictItem, "evidence" | "waivers">;
}

/**
 * The verdict input of many releases (the dashboard, the releases list): each release's
 * revision in one statement (an index probe each), then the items of only those whose
 * revision this process has not read. Outside a transaction only.
 */
export async function loadReleasesVerdictItems<TRelease extends { id: string }>(db: TDb, releases: TRelease[]): Promise<(TRelease & { items: TVerdictItems })[]> {
  if (releases.length === 0) return [];
  const ids = releases.map((r) => r.id);
  const revisions = await db.$queryRaw<{ id: string; seq: bigint }[]>`
    SELECT r.id::text AS id, ${revisionOf(Prisma.raw("r.id"))} AS seq
    FROM unnest(${ids}::uuid[]) AS r(id)`;
  const seqOf = new Map(revisions.map((r) => [r.id, r.seq]));
  const held = new Map<string, TVerdictItems>();
  for (const release of releases) {
    const items = verdictItems.get(release.id, seqOf.get(release.id) ?? -1n);
    if (items) held.set(release.id, items);
  }
  const missing = releases.filter((r) => !held.has(r.id));
  for (const { id, items } of await loadReleaseItems(db, missing)) {
    held.set(id, items);
    verdictItems.set(id, seqOf.get(id) ?? 0n, items);
  }
  return releases.map((release) => ({ ...release, items: held.get(release.id)! }));
}
