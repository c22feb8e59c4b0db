"use server";

import { revalidatePath } from "next/cache";
import { runAsCurrentUser, type TActionResult } from "@/lib/actions/action-result";
import { field } from "@/lib/actions/releases/form-fields";
import { updateItemDetails } from "@/lib/data/releases/update-item-details";

export async function updateItemDetailsAction(_previous: TActionResult | null, formData: FormData): Promise<TActionResult> {
  const result = await runAsCurrentUser((actor) =>
    updateItemDetails(actor, {
      itemId: field(formData, "itemId"),
      expectedVersion: Number(field(formData, "expectedVersion")),
      owner: field(formData, "owner"),
      dueDate: field(formData, "dueDate"),
    }),
  );
  if (result.ok) revalidatePath(`/releases/${result.data.releaseId}`);
  return result;
}
