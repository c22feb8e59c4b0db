"use server";

import { revalidatePath } from "next/cache";
import { runAsCurrentUser, type TActionResult } from "@/lib/actions/action-result";
import { field } from "@/lib/actions/releases/form-fields";
import { addEvidence } from "@/lib/data/releases/add-evidence";

export async function addEvidenceAction(_previous: TActionResult | null, formData: FormData): Promise<TActionResult> {
  const itemId = field(formData, "itemId");
  const note = field(formData, "note");
  const url = field(formData, "url");
  const result = await runAsCurrentUser((actor) =>
    addEvidence(actor, url ? { kind: "LINK", itemId, url, note: note || undefined } : { kind: "NOTE", itemId, note }),
  );
  if (result.ok) revalidatePath(`/releases/${result.data.releaseId}`);
  return result;
}
