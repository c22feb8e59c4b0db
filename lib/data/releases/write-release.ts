import "server-only";
import type { TActor } from "@/lib/auth/permissions";
import { recordAudit, type TAuditInput, type TTx } from "@/lib/audit/record-audit";
import type { TDb } from "@/lib/db";
import { fail, type TResult } from "@/lib/data/result";
import { toLiveItem } from "@/lib/data/releases/live-item";
import { runTransaction, TransientDbError, TRANSIENT_MESSAGES } from "@/lib/data/run-transaction";
import type { TReleaseStatus } from "@/lib/domain/checklist/types";
import { releaseStatusAfter, voidsSignOffs } from "@/lib/domain/sign-off/sign-off-rules";
import { itemStatusLabel } from "@/lib/domain/checklist/types";
import { Prisma, type ReleaseItem } from "@/lib/generated/prisma/client";
import { enqueueWebhooks, subscribedWebhookEvents } from "@/lib/data/webhooks/enqueue-webhooks";
import { observeReleaseWrite } from "@/lib/metrics/metrics";
import { releaseWebhookOccurrences, verdictBeforeChange } from "@/lib/data/webhooks/release-webhooks";
import { carryVerdictItem } from "@/lib/data/releases/load-release-verdict";
import { ITEM_COLUMNS, toReleaseItem, type TItemRow } from "@/lib/data/releases/item-row-sql";
import { revisionOf } from "@/lib/data/releases/revision-cache";
import { loadReleaseSignOffs } from "@/lib/data/sign-offs/sign-off-state";
import type { TVerdictValue } from "@/lib/domain/verdict/types";

// THE LOCK ORDER (docs/decisions/0004-release-lock-order.md). Every write that touches a
// release takes, in this order and only in this order:
//   1. the release's row lock (SELECT … FOR UPDATE on releases), first thing in its transaction;
//   2. the rows it changes (items, evidence, waivers, sign-offs, comments) of that release;
//   3. the audit chain's advisory lock, taken by the audit insert, last.
// Sign-off reads the verdict and hashes the checklist under the same release lock, so no item
// can change between the two, and a change that commits after it sees the sign-off and voids
// it. Two writers can no longer hold one lock each while waiting for the other's.

export type TLockedRelease = { id: string; status: TReleaseStatus };
export type TLocked = { release: TLockedRelease; item: ReleaseItem | null };

/** What a change did: its result and the audit event that records it. */
export type TChange<T> = {
  data: T;
  audit: Omit<TAuditInput, "releaseId">;
  /** For a change a sign-off covers: what changed, in the words the voided sign-off will carry. */
  what?: string;
  /**
   * The item's new row, when the change rewrote that one row and nothing else the verdict
   * reads (no evidence, no waiver): the verdict's cached input moves to the new revision.
   */
  changedItem?: ReleaseItem;
};

export type TReleaseTarget = { releaseId: string } | { itemId: string; expectedVersion?: number };

/** A shipped or cancelled release: its checklist is frozen (items, evidence, waivers, sign-offs). */
export function isClosed(status: TReleaseStatus): boolean {
  return status === "SHIPPED" || status === "CANCELLED";
}

function closedMessage(status: TReleaseStatus): string {
  return `This release is ${status === "SHIPPED" ? "shipped" : "cancelled"}: its checklist is frozen. Comments can still be added; a release manager can reopen it to change anything else.`;
}

/**
 * Runs one change to a release: locks the release, refuses it when the release is shipped or
 * cancelled (unless `whenClosed: "allow"`: comments, reopening), checks the item's version when one is
 * expected, applies the change, voids the valid sign-offs if the change is one they cover
 * (the release's status follows), and writes the audit event, all in one transaction,
 * retried on a deadlock or a busy pool and answered as a conflict or "busy" if it still fails.
 */
export async function writeRelease<T>(
  db: TDb,
  actor: TActor,
  target: TReleaseTarget,
  change: (tx: TTx, locked: TLocked) => Promise<TResult<TChange<T>>>,
  { whenClosed = "refuse" }: { whenClosed?: "refuse" | "allow" } = {},
): Promise<TResult<T & { releaseId: string }>> {
  type TOut = T & { releaseId: string };
  const started = performance.now();
  let action = "unknown";
  let outcome: "ok" | "refused" | "error" = "error";
  // Set by the attempt that commits (a retried attempt starts over).
  const carry: { next: { releaseId: string; fromSeq: bigint; toSeq: bigint; item: ReleaseItem } | null } = { next: null };
  try {
    const result = await runTransaction(db, async (tx): Promise<TResult<TOut>> => {
      carry.next = null;
      const release = await lockRelease(tx, target);
      if (!release) return fail("not_found", "itemId" in target ? "That item does not exist." : "That release does not exist.");
      // Read under the lock: a write cannot slip in after the release ships.
      if (whenClosed === "refuse" && isClosed(release.status)) return fail("invalid", closedMessage(release.status));
      // Read after the lock (a new statement sees every change committed before it was
      // granted): no other writer can change these until this one commits.
      const { item, seq, hasValidSignOffs } = await readUnderLock(tx, release.id, "itemId" in target ? target.itemId : null);
      if ("itemId" in target) {
        if (!item) return fail("not_found", "That item does not exist.");
        if (target.expectedVersion !== undefined && item.version !== target.expectedVersion) {
          return fail("conflict", conflictMessage(item), undefined, toLiveItem(item));
        }
      }
      // Webhooks (docs/decisions/0010-webhooks.md): only what someone subscribed to is computed.
      const subscribed = await subscribedWebhookEvents(tx);
      const verdictBefore = await verdictBeforeChange(tx, release.id, subscribed);
      const result = await change(tx, { release, item });
      if (!result.ok) return result;
      const { data, audit, what, changedItem } = result.data;
      action = audit.action;
      const invalidatedSignOffs = voidsSignOffs(audit.action) && hasValidSignOffs ? await voidSignOffs(tx, actor, release, what ?? audit.action) : 0;
      const after = voidsSignOffs(audit.action) ? { ...(audit.after as object), invalidatedSignOffs } : audit.after;
      if (subscribed.size > 0) {
        await enqueueWebhooks(tx, await releaseWebhookOccurrences(tx, actor, { releaseId: release.id, audit, voided: invalidatedSignOffs, verdictBefore, subscribed }));
      }
      const newSeq = await recordAudit(tx, actor, { ...audit, after, releaseId: release.id } as TAuditInput);
      carry.next = changedItem ? { releaseId: release.id, fromSeq: seq, toSeq: newSeq, item: changedItem } : null;
      return { ok: true, data: { ...data, releaseId: release.id } };
    });
    outcome = result.ok ? "ok" : "refused";
    // Committed: the next verdict read starts from what this transaction held.
    const carried = carry.next;
    if (result.ok && carried) carryVerdictItem(carried.releaseId, carried.fromSeq, carried.toSeq, carried.item);
    return result;
  } catch (error) {
    if (error instanceof TransientDbError) {
      outcome = "refused";
      return fail(error.kind, TRANSIENT_MESSAGES[error.kind]);
    }
    throw error;
  } finally {
    observeReleaseWrite(action, outcome, (performance.now() - started) / 1000);
  }
}

async function lockRelease(tx: TTx, target: TReleaseTarget): Promise<TLockedRelease | null> {
  // An item's release never changes, so finding it needs no lock; the release row does.
  const rows =
    "itemId" in target
      ? await tx.$queryRaw<TLockedRelease[]>`
          SELECT r.id::text AS id, r.status::text AS status FROM releases r
          WHERE r.id = (SELECT i.release_id FROM release_items i WHERE i.id = ${target.itemId}::uuid) FOR UPDATE`
      : await tx.$queryRaw<TLockedRelease[]>`SELECT r.id::text AS id, r.status::text AS status FROM releases r WHERE r.id = ${target.releaseId}::uuid FOR UPDATE`;
  return rows[0] ?? null;
}

type TUnderLock = { item: ReleaseItem | null; seq: bigint; hasValidSignOffs: boolean };

/** The item (when the change targets one), the release's revision and whether a valid sign-off exists: one round trip. */
async function readUnderLock(tx: TTx, releaseId: string, itemId: string | null): Promise<TUnderLock> {
  const [row] = await tx.$queryRaw<{ item: TItemRow | null; seq: bigint; hasValidSignOffs: boolean }[]>`
    SELECT
      (SELECT ${ITEM_COLUMNS} FROM release_items i WHERE i.id = ${itemId}::uuid AND i.release_id = ${releaseId}::uuid) AS item,
      ${revisionOf(Prisma.sql`${releaseId}::uuid`)} AS seq,
      EXISTS (SELECT 1 FROM sign_offs s WHERE s.release_id = ${releaseId}::uuid AND s.invalidated_at IS NULL) AS "hasValidSignOffs"`;
  return { item: row!.item ? toReleaseItem(row!.item) : null, seq: row!.seq, hasValidSignOffs: row!.hasValidSignOffs };
}

/** The release's valid sign-offs become void, saying what changed and who changed it. Returns how many. */
async function voidSignOffs(tx: TTx, actor: TActor, release: TLockedRelease, what: string): Promise<number> {
  const { count } = await tx.signOff.updateMany({
    where: { releaseId: release.id, invalidatedAt: null },
    data: { invalidatedAt: new Date(), invalidatedReason: `${what} (changed by ${actor.label})` },
  });
  if (count > 0) await syncReleaseStatus(tx, release);
  return count;
}

/**
 * Sets the release's status from its sign-offs (every seat filled with GO, no seat saying
 * NO-GO: lib/domain/sign-off/sign-off-policy.ts) and returns it. `verdict` is the verdict now,
 * when the caller read it.
 */
export async function syncReleaseStatus(tx: TTx, release: TLockedRelease, verdict: TVerdictValue | null = null): Promise<TReleaseStatus> {
  const { state, hasSignOffs } = await loadReleaseSignOffs(tx, release.id, verdict);
  const status = releaseStatusAfter(release.status, { isSignedOff: state.isSignedOff, hasSignOffs });
  if (status !== release.status) await tx.release.update({ where: { id: release.id }, data: { status, revision: { increment: 1 } } });
  return status;
}

function conflictMessage(item: ReleaseItem): string {
  const now = itemStatusLabel(item.status, item.kind).toLowerCase();
  return `Someone else changed “${item.text}” since you loaded it: it is now ${now}${item.naReason ? ` (${item.naReason})` : ""}${item.owner ? `, owner ${item.owner}` : ""}. Your change was not saved; the item shows their version.`;
}
