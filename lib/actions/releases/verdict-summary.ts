import "server-only";
import type { TActor } from "@/lib/auth/permissions";
import { getReleaseVerdict } from "@/lib/data/releases/get-release-verdict";
import type { TVerdict } from "@/lib/domain/verdict/types";

export type TVerdictSummary = Pick<TVerdict, "verdict" | "reasons" | "exceptions" | "progress">;

/** What the release page's live verdict banner needs after a change. */
export async function verdictSummary(actor: TActor, releaseId: string): Promise<TVerdictSummary | null> {
  const verdict = await getReleaseVerdict(actor, releaseId);
  if (!verdict) return null;
  return { verdict: verdict.verdict, reasons: verdict.reasons, exceptions: verdict.exceptions, progress: verdict.progress };
}
