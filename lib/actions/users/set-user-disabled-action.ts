"use server";

import { revalidatePath } from "next/cache";
import { runAsCurrentUser, type TActionResult } from "@/lib/actions/action-result";
import { field } from "@/lib/actions/releases/form-fields";
import { setUserDisabled } from "@/lib/data/users/set-user-disabled";

export async function setUserDisabledAction(_previous: TActionResult | null, formData: FormData): Promise<TActionResult> {
  const result = await runAsCurrentUser((actor) =>
    setUserDisabled(actor, { userId: field(formData, "userId"), isDisabled: field(formData, "isDisabled") === "true" }),
  );
  if (result.ok) revalidatePath("/admin");
  return result;
}
