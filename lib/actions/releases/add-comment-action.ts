"use server";

import { revalidatePath } from "next/cache";
import { runAsCurrentUser, type TActionResult } from "@/lib/actions/action-result";
import { field } from "@/lib/actions/releases/form-fields";
import { addComment } from "@/lib/data/releases/add-comment";

export async function addCommentAction(_previous: TActionResult | null, formData: FormData): Promise<TActionResult> {
  const result = await runAsCurrentUser((actor) => addComment(actor, { itemId: field(formData, "itemId"), body: field(formData, "body") }));
  if (result.ok) revalidatePath(`/releases/${result.data.releaseId}`);
  return result;
}
