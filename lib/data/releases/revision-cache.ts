import "server-only";
import type { TTx } from "@/lib/audit/record-audit";
import type { TDb } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";

/**
 * What was read of a release, kept by the release's revision: the sequence number of its
 * newest audit event (docs/decisions/0012-release-page-by-revision.md). Every change to a
 * release writes its audit event in the change's own transaction, under the release's row
 * lock, and the chain numbers events in commit order; so one revision always means the same
 * rows, and a change gives the next read a new revision, in every process.
 *
 * Only reads made outside a transaction are stored: inside one, the revision may be a number
 * that a rollback gives back and a later event reuses. `weight` bounds the memory (items).
 */
export class RevisionCache<T> {
  private entries = new Map<string, { seq: bigint; value: T; weight: number }>();
  private total = 0;

  constructor(
    private readonly maxWeight: number,
    private readonly weigh: (value: T) => number,
  ) {}

  get(releaseId: string, seq: bigint): T | undefined {
    const entry = this.entries.get(releaseId);
    if (!entry || entry.seq !== seq) return undefined;
    // Most recently used last: eviction takes the first.
    this.entries.delete(releaseId);
    this.entries.set(releaseId, entry);
    return entry.value;
  }

  /** The value kept at exactly `seq`, or undefined. */
  peek(releaseId: string, seq: bigint): T | undefined {
    const entry = this.entries.get(releaseId);
    return entry && entry.seq === seq ? entry.value : undefined;
  }

  set(releaseId: string, seq: bigint, value: T): void {
    const held = this.entries.get(releaseId);
    // Never replace a newer revision with an older read.
    if (held && held.seq > seq) return;
    if (held) this.total -= held.weight;
    this.entries.delete(releaseId);
    const weight = this.weigh(value);
    if (weight > this.maxWeight) return;
    this.entries.set(releaseId, { seq, value, weight });
    this.total += weight;
    for (const [id, entry] of this.entries) {
      if (this.total <= this.maxWeight) break;
      this.entries.delete(id);
      this.total -= entry.weight;
    }
  }

  clear(): void {
    this.entries.clear();
    this.total = 0;
  }
}

/** The revision, as SQL, of the release whose id `releaseId` is (an SQL expression): one probe of the (release_id, seq) index. */
export function revisionOf(releaseId: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`coalesce((SELECT max(a.seq) FROM audit_events a WHERE a.release_id = ${releaseId}), 0)`;
}

/** The release's revision: its newest audit event's sequence number (0 before any). */
export async function readRevision(db: TDb | TTx, releaseId: string): Promise<bigint> {
  const [row] = await db.$queryRaw<{ seq: bigint }[]>`SELECT ${revisionOf(Prisma.sql`${releaseId}::uuid`)} AS seq`;
  return row?.seq ?? 0n;
}
