"use server";

import { revalidatePath } from "next/cache";
import { runAsCurrentUser, type TActionResult } from "@/lib/actions/action-result";
import { releaseChange, type TReleaseChange } from "@/lib/actions/releases/release-change";
import { field } from "@/lib/actions/releases/form-fields";
import { updateItemDetails } from "@/lib/data/releases/update-item-details";
import { ok } from "@/lib/data/result";

export async function updateItemDetailsAction(_previous: TActionResult<TReleaseChange> | null, formData: FormData): Promise<TActionResult<TReleaseChange>> {
  const result = await runAsCurrentUser(async (actor) => {
    const saved = await updateItemDetails(actor, {
      itemId: field(formData, "itemId"),
      expectedVersion: Number(field(formData, "expectedVersion")),
      owner: field(formData, "owner"),
      dueDate: field(formData, "dueDate"),
    });
    return saved.ok ? ok({ ...(await releaseChange(actor, saved.data.releaseId, saved.data.item)), releaseId: saved.data.releaseId }) : saved;
  });
  if (result.ok) revalidatePath(`/releases/${result.data.releaseId}`);
  return result;
}
