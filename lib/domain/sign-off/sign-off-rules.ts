import type { TAuditAction } from "@/lib/domain/audit/audit-events";
import type { TReleaseStatus } from "@/lib/domain/checklist/types";

// What a sign-off vouches for and what follows from the sign-offs a release has: one place
// for the writers (lib/data/releases/write-release.ts) and for replay (history, time travel).

/** Changes to what a sign-off covers: each voids the release's valid sign-offs. */
const COVERED_ACTIONS: ReadonlySet<TAuditAction> = new Set<TAuditAction>(["item.status.update", "item.details.update", "evidence.add", "waiver.grant", "waiver.revoke", "release.template.move", "item.add"]);

export function voidsSignOffs(action: string): boolean {
  return COVERED_ACTIONS.has(action as TAuditAction);
}

export const REPLACED_REASON = "Replaced by a newer sign-off from the same person";

export type TSignOffStanding = { decision: "GO" | "NO_GO"; isValid: boolean };

/**
 * A release is signed off while it has a valid GO and no valid NO-GO. Its status follows
 * from that: never SIGNED_OFF without a valid GO, and back in review when the last valid GO
 * is voided or answered by a NO-GO. Shipped and cancelled releases keep their status.
 */
export function releaseStatusAfter(current: TReleaseStatus, signOffs: TSignOffStanding[]): TReleaseStatus {
  if (current === "SHIPPED" || current === "CANCELLED") return current;
  const valid = signOffs.filter((s) => s.isValid);
  const isSignedOff = valid.some((s) => s.decision === "GO") && !valid.some((s) => s.decision === "NO_GO");
  if (isSignedOff) return "SIGNED_OFF";
  if (current === "SIGNED_OFF" || signOffs.length > 0) return "IN_REVIEW";
  return current;
}
