import type { TAuditAction } from "@/lib/domain/audit/audit-events";
import type { TReleaseStatus } from "@/lib/domain/checklist/types";

// What a sign-off vouches for and what follows from the sign-offs a release has: one place
// for the writers (lib/data/releases/write-release.ts) and for replay (history, time travel).

/** Changes to what a sign-off covers: each voids the release's valid sign-offs. */
const COVERED_ACTIONS: ReadonlySet<TAuditAction> = new Set<TAuditAction>(["item.status.update", "item.details.update", "evidence.add", "waiver.grant", "waiver.revoke", "release.template.move", "item.add"]);

/** The changes that void sign-offs, as a list (for queries over the audit trail). */
export const COVERED_ACTION_LIST: readonly TAuditAction[] = [...COVERED_ACTIONS];

export function voidsSignOffs(action: string): boolean {
  return COVERED_ACTIONS.has(action as TAuditAction);
}

export const REPLACED_REASON = "Replaced by a newer sign-off from the same person";

/**
 * A release's status follows from its sign-offs (sign-off-policy.ts decides `isSignedOff`:
 * every seat filled with GO, no seat saying NO-GO): signed off while that holds, back in
 * review when a signature is voided or a seat says NO-GO, a draft until anyone signs.
 * Shipped and cancelled releases keep their status.
 */
export function releaseStatusAfter(current: TReleaseStatus, { isSignedOff, hasSignOffs }: { isSignedOff: boolean; hasSignOffs: boolean }): TReleaseStatus {
  if (current === "SHIPPED" || current === "CANCELLED") return current;
  if (isSignedOff) return "SIGNED_OFF";
  if (current === "SIGNED_OFF" || hasSignOffs) return "IN_REVIEW";
  return current;
}
