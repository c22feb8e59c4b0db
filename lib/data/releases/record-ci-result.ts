import "server-only";
import { z } from "zod";
import { assertCan, fieldOf, type TActor } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record-audit";
import { getDb, type TDb } from "@/lib/db";
import { fail, ok, type TResult } from "@/lib/data/result";
import { toLiveItem, type TLiveItem } from "@/lib/data/releases/live-item";
import { writeRelease } from "@/lib/data/releases/write-release";
import type { TItemStatus } from "@/lib/domain/checklist/types";

// A CI check reports on an item bound to it: the result is kept as evidence (kind CI_RESULT,
// with the run's link, the check and the commit); a pass marks the item done, a fail marks it
// blocked. It is an ordinary item change: version-checked, audited, and it voids sign-offs.
// CI never overwrites a person's change silently: without an expectedVersion, the status only
// moves when no person set it (it is open or in progress, or the last change came from an
// automation); otherwise the answer is a conflict with the current version.

export const ZCiResult = z.object({
  itemId: z.uuid(),
  check: z.string().trim().min(1).max(200),
  result: z.enum(["pass", "fail"]),
  url: z.url({ protocol: /^https?$/, error: "Use an http:// or https:// link to the CI run" }),
  commit: z
    .string()
    .trim()
    .regex(/^[0-9a-f]{7,64}$/i, "A commit is 7 to 64 hexadecimal characters")
    .transform((c) => c.toLowerCase()),
  expectedVersion: z.number().int().positive().optional(),
});
export type TCiResult = z.input<typeof ZCiResult>;

type TData = { evidenceId: string; item: TLiveItem; statusChanged: boolean };

/** Whether two commits name the same one (either may be abbreviated). */
export function isSameCommit(a: string, b: string): boolean {
  const [x, y] = [a.toLowerCase(), b.toLowerCase()];
  return x.length <= y.length ? y.startsWith(x) : x.startsWith(y);
}

export async function recordCiResult(actor: TActor, input: TCiResult, db: TDb = getDb()): Promise<TResult<TData>> {
  assertCan(actor, "item:update", { entityType: "ReleaseItem", entityId: fieldOf(input, "itemId") });
  assertCan(actor, "evidence:add", { entityType: "ReleaseItem", entityId: fieldOf(input, "itemId") });
  const parsed = ZCiResult.safeParse(input);
  if (!parsed.success) return fail("invalid", "The CI result is not valid.", z.flattenError(parsed.error).fieldErrors);
  const { itemId, check, result, url, commit, expectedVersion } = parsed.data;
  return writeRelease<Omit<TData, "releaseId">>(db, actor, { itemId, expectedVersion }, async (tx, { item, release }) => {
    const current = item!;
    if (!current.ciCheck) return fail("invalid", `“${current.text}” is not bound to a CI check: bind it in its template (CI: ${check}).`);
    if (current.ciCheck.toLowerCase() !== check.toLowerCase()) return fail("invalid", `“${current.text}” is bound to the CI check “${current.ciCheck}”, not “${check}”.`);
    const { targetCommit } = await tx.release.findUniqueOrThrow({ where: { id: release.id }, select: { targetCommit: true } });
    if (targetCommit && !isSameCommit(targetCommit, commit)) {
      return fail("invalid", `The result is for commit ${commit.slice(0, 12)}, but the release ships ${targetCommit.slice(0, 12)}: it does not count.`, { commit: ["Not the release's target commit"] });
    }
    const status: TItemStatus = result === "pass" ? "DONE" : "BLOCKED";
    const setByPerson = current.updatedById !== null && current.status !== "OPEN" && current.status !== "IN_PROGRESS";
    if (expectedVersion === undefined && setByPerson && current.status !== status) {
      return fail(
        "conflict",
        `A person set “${current.text}” to ${current.status.toLowerCase().replaceAll("_", " ")}; the CI result would change it. Send expectedVersion ${current.version} to apply it anyway.`,
        undefined,
        toLiveItem(current),
      );
    }
    const statusChanged = current.status !== status;
    const updated = statusChanged
      ? await tx.releaseItem.update({ where: { id: itemId }, data: { status, naReason: null, version: { increment: 1 }, updatedById: actor.id } })
      : current;
    const evidence = await tx.evidence.create({
      data: {
        releaseItemId: itemId,
        kind: "CI_RESULT",
        url,
        note: `${check} ${result === "pass" ? "passed" : "failed"} on ${commit.slice(0, 12)}`,
        ciStatus: result,
        ciCheck: check,
        commitSha: commit,
        addedById: actor.id,
      },
    });
    const evidenceAudit = {
      action: "evidence.add" as const,
      entityType: "Evidence",
      entityId: evidence.id,
      after: { itemId, kind: "CI_RESULT" as const, url, note: evidence.note, expiresAt: null },
    };
    const what = `CI check ${check} ${result === "pass" ? "passed" : "failed"} for “${current.text}”`;
    if (!statusChanged) return ok({ data: { evidenceId: evidence.id, item: toLiveItem(updated), statusChanged }, what, audit: evidenceAudit });
    // Two events, the status change last: writeRelease records it (and voids the sign-offs).
    await recordAudit(tx, actor, { ...evidenceAudit, releaseId: release.id });
    return ok({
      data: { evidenceId: evidence.id, item: toLiveItem(updated), statusChanged },
      what,
      audit: {
        action: "item.status.update",
        entityType: "ReleaseItem",
        entityId: itemId,
        before: { status: current.status, naReason: current.naReason, version: current.version },
        after: { status, naReason: null, version: updated.version },
      },
    });
  });
}
