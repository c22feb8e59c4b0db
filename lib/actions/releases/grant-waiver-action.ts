"use server";

import { revalidatePath } from "next/cache";
import { runAsCurrentUser, type TActionResult } from "@/lib/actions/action-result";
import { field } from "@/lib/actions/releases/form-fields";
import { grantWaiver } from "@/lib/data/releases/grant-waiver";

export async function grantWaiverAction(_previous: TActionResult | null, formData: FormData): Promise<TActionResult> {
  const result = await runAsCurrentUser((actor) =>
    grantWaiver(actor, {
      itemId: field(formData, "itemId"),
      expectedVersion: Number(field(formData, "expectedVersion")),
      reason: field(formData, "reason"),
      compensatingControl: field(formData, "compensatingControl"),
      expiresOn: field(formData, "expiresOn"),
    }),
  );
  if (result.ok) revalidatePath(`/releases/${result.data.releaseId}`);
  return result;
}
