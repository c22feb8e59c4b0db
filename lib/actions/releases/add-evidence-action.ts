"use server";

import { revalidatePath } from "next/cache";
import { runAsCurrentUser, type TActionResult } from "@/lib/actions/action-result";
import { releaseChange, type TReleaseChange } from "@/lib/actions/releases/release-change";
import { field } from "@/lib/actions/releases/form-fields";
import { addEvidence } from "@/lib/data/releases/add-evidence";
import { ok } from "@/lib/data/result";

export async function addEvidenceAction(_previous: TActionResult<TReleaseChange> | null, formData: FormData): Promise<TActionResult<TReleaseChange>> {
  const itemId = field(formData, "itemId");
  const note = field(formData, "note");
  const url = field(formData, "url");
  const expiresOn = field(formData, "expiresOn") || undefined;
  const result = await runAsCurrentUser(async (actor) => {
    const saved = await addEvidence(actor, url ? { kind: "LINK", itemId, url, note: note || undefined, expiresOn } : { kind: "NOTE", itemId, note, expiresOn });
    return saved.ok ? ok({ ...(await releaseChange(actor, saved.data.releaseId)), releaseId: saved.data.releaseId }) : saved;
  });
  if (result.ok) revalidatePath(`/releases/${result.data.releaseId}`);
  return result;
}
