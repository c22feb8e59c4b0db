"use server";

import { revalidatePath } from "next/cache";
import { runAsCurrentUser, type TActionResult } from "@/lib/actions/action-result";
import { releaseChange, type TReleaseChange } from "@/lib/actions/releases/release-change";
import { field } from "@/lib/actions/releases/form-fields";
import { revokeWaiver } from "@/lib/data/releases/revoke-waiver";
import { ok } from "@/lib/data/result";

export async function revokeWaiverAction(_previous: TActionResult<TReleaseChange> | null, formData: FormData): Promise<TActionResult<TReleaseChange>> {
  const result = await runAsCurrentUser(async (actor) => {
    const saved = await revokeWaiver(actor, {
      itemId: field(formData, "itemId"),
      waiverId: field(formData, "waiverId"),
      expectedVersion: Number(field(formData, "expectedVersion")),
      reason: field(formData, "reason"),
    });
    return saved.ok ? ok({ ...(await releaseChange(actor, saved.data.releaseId, saved.data.item)), releaseId: saved.data.releaseId }) : saved;
  });
  if (result.ok) revalidatePath(`/releases/${result.data.releaseId}`);
  return result;
}
