"use server";

import { revalidatePath } from "next/cache";
import { runAsCurrentUser, type TActionResult } from "@/lib/actions/action-result";
import { releaseChange, type TReleaseChange } from "@/lib/actions/releases/release-change";
import { field } from "@/lib/actions/releases/form-fields";
import { grantWaiver } from "@/lib/data/releases/grant-waiver";
import { ok } from "@/lib/data/result";

export async function grantWaiverAction(_previous: TActionResult<TReleaseChange> | null, formData: FormData): Promise<TActionResult<TReleaseChange>> {
  const result = await runAsCurrentUser(async (actor) => {
    const saved = await grantWaiver(actor, {
      itemId: field(formData, "itemId"),
      expectedVersion: Number(field(formData, "expectedVersion")),
      reason: field(formData, "reason"),
      compensatingControl: field(formData, "compensatingControl"),
      expiresOn: field(formData, "expiresOn"),
    });
    return saved.ok ? ok({ ...(await releaseChange(actor, saved.data.releaseId, saved.data.item)), releaseId: saved.data.releaseId }) : saved;
  });
  if (result.ok) revalidatePath(`/releases/${result.data.releaseId}`);
  return result;
}
