import type { TVerdictItem } from "@/lib/domain/verdict/types";

const DAY_MS = 86_400_000;

type TEvidence = TVerdictItem["evidence"][number];
type TEvidenceRules = Pick<TVerdictItem, "evidence" | "evidenceMaxAgeDays">;

/**
 * Whether one piece of evidence still counts: before its own expiry and no older than the
 * item's maximum age. The verdict's rule (evaluate-item.ts) and the expiry shown on the item.
 */
export function isEvidenceValid(evidence: TEvidence, maxAgeDays: number | null, now: Date): boolean {
  return (
    (evidence.expiresAt === null || evidence.expiresAt > now) &&
    (maxAgeDays === null || now.getTime() - evidence.addedAt.getTime() <= maxAgeDays * DAY_MS)
  );
}

/** When one piece of evidence stops counting; null when it never does. */
function validUntil(evidence: TEvidence, maxAgeDays: number | null): Date | null {
  const ends = [evidence.expiresAt?.getTime(), maxAgeDays === null ? undefined : evidence.addedAt.getTime() + maxAgeDays * DAY_MS];
  const limits = ends.filter((t): t is number => t !== undefined);
  return limits.length === 0 ? null : new Date(Math.min(...limits));
}

export type TEvidenceExpiry = {
  /** When the item's last valid evidence stops counting (or the last one did). */
  at: Date;
  /** Calendar days (UTC) from now to then: negative once it has passed. */
  days: number;
  isExpired: boolean;
  /** "Evidence expires in 3 days", "Evidence expires today", "Evidence expired 2 days ago". */
  text: string;
};

/**
 * When an item's evidence stops counting, for items under a maximum age or with evidence that
 * expires: null when it has no evidence or some of it never expires. Pure: `now` is an input.
 */
export function evidenceExpiry(item: TEvidenceRules, now: Date): TEvidenceExpiry | null {
  if (item.evidence.length === 0) return null;
  let latest = -Infinity;
  for (const evidence of item.evidence) {
    const until = validUntil(evidence, item.evidenceMaxAgeDays);
    if (until === null) return null;
    latest = Math.max(latest, until.getTime());
  }
  const at = new Date(latest);
  const isExpired = !item.evidence.some((e) => isEvidenceValid(e, item.evidenceMaxAgeDays, now));
  const days = utcDay(at) - utcDay(now);
  return { at, days, isExpired, text: describe(days, isExpired) };
}

/** Days since the epoch of the UTC calendar date of a moment. */
const utcDay = (moment: Date) => Math.floor(moment.getTime() / DAY_MS);

const plural = (n: number) => `${n} day${n === 1 ? "" : "s"}`;

function describe(days: number, isExpired: boolean): string {
  if (isExpired) return days >= 0 ? "Evidence expired today" : `Evidence expired ${plural(-days)} ago`;
  return days <= 0 ? "Evidence expires today" : `Evidence expires in ${plural(days)}`;
}
