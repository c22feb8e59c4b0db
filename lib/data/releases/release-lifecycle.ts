import "server-only";
import { z } from "zod";
import { assertCan, fieldOf, type TActor } from "@/lib/auth/permissions";
import { getDb, type TDb } from "@/lib/db";
import { fail, ok, type TResult } from "@/lib/data/result";
import { zText } from "@/lib/data/text";
import { isClosed, syncReleaseStatus, writeRelease } from "@/lib/data/releases/write-release";
import type { TReleaseStatus } from "@/lib/domain/checklist/types";

// A release's life: in preparation (draft, in review) → signed off → shipped, or cancelled
// at any point before shipping. Shipping needs a valid GO (the status says so: SIGNED_OFF)
// and freezes the checklist; cancelling needs a reason; reopening a shipped or cancelled
// release needs a reason, and its status follows its sign-offs again. Each is one audited
// change under the release's lock (write-release.ts).

const zReason = (what: string) => zText().trim().min(1, `Say why you ${what}`).max(2000);

export const ZShipRelease = z.object({ releaseId: z.uuid() });
export const ZCancelRelease = z.object({ releaseId: z.uuid(), reason: zReason("cancel it") });
export const ZReopenRelease = z.object({ releaseId: z.uuid(), reason: zReason("reopen it") });

type TLifecycleResult = TResult<{ releaseId: string; status: TReleaseStatus }>;

export async function shipRelease(actor: TActor, input: z.input<typeof ZShipRelease>, db: TDb = getDb(), now = new Date()): Promise<TLifecycleResult> {
  assertCan(actor, "release:manage", { entityType: "Release", entityId: fieldOf(input, "releaseId") });
  const parsed = ZShipRelease.safeParse(input);
  if (!parsed.success) return fail("invalid", "The release is not valid.", z.flattenError(parsed.error).fieldErrors);
  return writeRelease(db, actor, { releaseId: parsed.data.releaseId }, async (tx, { release }) => {
    if (release.status !== "SIGNED_OFF") {
      return fail("invalid", "Only a signed-off release ships: it needs a valid GO sign-off first.");
    }
    await tx.release.update({
      where: { id: release.id },
      data: { status: "SHIPPED", closedAt: now, closedById: actor.id, closeReason: null, revision: { increment: 1 } },
    });
    return ok({
      data: { status: "SHIPPED" as const },
      audit: { action: "release.ship", entityType: "Release", entityId: release.id, before: { status: release.status }, after: { status: "SHIPPED", at: now.toISOString() } },
    });
  });
}

export async function cancelRelease(actor: TActor, input: z.input<typeof ZCancelRelease>, db: TDb = getDb(), now = new Date()): Promise<TLifecycleResult> {
  assertCan(actor, "release:manage", { entityType: "Release", entityId: fieldOf(input, "releaseId") });
  const parsed = ZCancelRelease.safeParse(input);
  if (!parsed.success) return fail("invalid", "Say why you cancel the release.", z.flattenError(parsed.error).fieldErrors);
  const { releaseId, reason } = parsed.data;
  return writeRelease(db, actor, { releaseId }, async (tx, { release }) => {
    await tx.release.update({
      where: { id: release.id },
      data: { status: "CANCELLED", closedAt: now, closedById: actor.id, closeReason: reason, revision: { increment: 1 } },
    });
    return ok({
      data: { status: "CANCELLED" as const },
      audit: {
        action: "release.cancel",
        entityType: "Release",
        entityId: release.id,
        before: { status: release.status },
        after: { status: "CANCELLED", at: now.toISOString(), reason },
      },
    });
  });
}

export async function reopenRelease(actor: TActor, input: z.input<typeof ZReopenRelease>, db: TDb = getDb()): Promise<TLifecycleResult> {
  assertCan(actor, "release:manage", { entityType: "Release", entityId: fieldOf(input, "releaseId") });
  const parsed = ZReopenRelease.safeParse(input);
  if (!parsed.success) return fail("invalid", "Say why you reopen the release.", z.flattenError(parsed.error).fieldErrors);
  const { releaseId, reason } = parsed.data;
  return writeRelease(
    db,
    actor,
    { releaseId },
    async (tx, { release }) => {
      if (!isClosed(release.status)) return fail("invalid", "Only a shipped or cancelled release can be reopened.");
      const { closedAt } = await tx.release.findUniqueOrThrow({ where: { id: release.id }, select: { closedAt: true } });
      await tx.release.update({
        where: { id: release.id },
        data: { status: "IN_REVIEW", closedAt: null, closedById: null, closeReason: null, revision: { increment: 1 } },
      });
      // Back in preparation, its status follows its sign-offs again: a valid GO makes it signed off.
      const status = await syncReleaseStatus(tx, { id: release.id, status: "IN_REVIEW" });
      return ok({
        data: { status },
        audit: {
          action: "release.reopen",
          entityType: "Release",
          entityId: release.id,
          before: { status: release.status, closedAt: closedAt?.toISOString() ?? null },
          after: { status, reason },
        },
      });
    },
    { whenClosed: "allow" },
  );
}
