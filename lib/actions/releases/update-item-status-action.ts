"use server";

import { runAsCurrentUser, type TActionResult } from "@/lib/actions/action-result";
import { verdictSummary, type TVerdictSummary } from "@/lib/actions/releases/verdict-summary";
import { updateItemStatus, type TUpdateItemStatus } from "@/lib/data/releases/update-item-status";
import { ok } from "@/lib/data/result";

// No revalidation: the item's control and the verdict banner update from this result,
// so ticking an item does not re-render the page.
export async function updateItemStatusAction(input: TUpdateItemStatus): Promise<TActionResult<{ version: number; verdict: TVerdictSummary | null }>> {
  return runAsCurrentUser(async (actor) => {
    const result = await updateItemStatus(actor, input);
    if (!result.ok) return result;
    return ok({ version: result.data.version, verdict: await verdictSummary(actor, result.data.releaseId) });
  });
}
