"use server";

import { revalidatePath } from "next/cache";
import { runAsCurrentUser, type TActionResult } from "@/lib/actions/action-result";
import { field } from "@/lib/actions/releases/form-fields";
import { updateUserRole } from "@/lib/data/users/update-user-role";

export async function updateUserRoleAction(_previous: TActionResult | null, formData: FormData): Promise<TActionResult> {
  const result = await runAsCurrentUser((actor) =>
    updateUserRole(actor, { userId: field(formData, "userId"), role: field(formData, "role") as never }),
  );
  if (result.ok) revalidatePath("/admin");
  return result;
}
