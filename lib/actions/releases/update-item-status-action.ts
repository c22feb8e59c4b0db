"use server";

import { runAsCurrentUser, type TActionResult } from "@/lib/actions/action-result";
import { releaseChange, type TReleaseChange } from "@/lib/actions/releases/release-change";
import { updateItemStatus, type TUpdateItemStatus } from "@/lib/data/releases/update-item-status";
import { ok } from "@/lib/data/result";

// No revalidation: the page's store updates from this result (the item, the verdict, the
// status, the sign-offs), so ticking an item does not re-render the page.
export async function updateItemStatusAction(input: TUpdateItemStatus): Promise<TActionResult<TReleaseChange>> {
  return runAsCurrentUser(async (actor) => {
    const result = await updateItemStatus(actor, input);
    if (!result.ok) return result;
    return ok(await releaseChange(actor, result.data.releaseId, result.data.item));
  });
}
