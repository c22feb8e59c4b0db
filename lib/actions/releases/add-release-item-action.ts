"use server";

import { revalidatePath } from "next/cache";
import { runAsCurrentUser, type TActionResult } from "@/lib/actions/action-result";
import { field } from "@/lib/actions/releases/form-fields";
import { addReleaseItem } from "@/lib/data/releases/add-release-item";

type TAddState = TActionResult<{ releaseId: string; itemId: string; key: string }>;

/** Adds an item to one release; the page is rendered again with it. */
export async function addReleaseItemAction(_previous: TAddState | null, formData: FormData): Promise<TAddState> {
  const releaseId = field(formData, "releaseId");
  const result = await runAsCurrentUser((actor) =>
    addReleaseItem(actor, {
      releaseId,
      sectionId: field(formData, "sectionId"),
      text: field(formData, "text"),
      kind: (field(formData, "kind") || "CHECK") as "CHECK",
    }),
  );
  if (result.ok) revalidatePath(`/releases/${releaseId}`);
  return result;
}
