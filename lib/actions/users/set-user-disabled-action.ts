"use server";

import { revalidatePath } from "next/cache";
import { runAsCurrentUser, type TActionResult } from "@/lib/actions/action-result";
import { setUserDisabled } from "@/lib/data/users/set-user-disabled";

export async function setUserDisabledAction(_previous: TActionResult | null, formData: FormData): Promise<TActionResult> {
  const result = await runAsCurrentUser((actor) =>
    setUserDisabled(actor, { userId: String(formData.get("userId") ?? ""), isDisabled: formData.get("isDisabled") === "true" }),
  );
  if (result.ok) revalidatePath("/admin");
  return result;
}
