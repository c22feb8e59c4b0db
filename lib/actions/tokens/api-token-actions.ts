"use server";

import { revalidatePath } from "next/cache";
import { runAsCurrentUser, type TActionResult } from "@/lib/actions/action-result";
import { field } from "@/lib/actions/releases/form-fields";
import { createApiToken, revokeApiToken } from "@/lib/data/tokens/api-tokens";

export async function createApiTokenAction(
  _previous: TActionResult | null,
  formData: FormData,
): Promise<TActionResult<{ id: string; token: string; prefix: string; expiresAt: string | null }>> {
  const result = await runAsCurrentUser((actor) =>
    createApiToken(actor, {
      name: field(formData, "name"),
      role: field(formData, "role") as "MEMBER",
      expiresInDays: field(formData, "expiresInDays") || undefined,
    }),
  );
  if (result.ok) revalidatePath("/admin/tokens");
  return result;
}

export async function revokeApiTokenAction(_previous: TActionResult | null, formData: FormData): Promise<TActionResult<{ prefix: string }>> {
  const result = await runAsCurrentUser((actor) => revokeApiToken(actor, { tokenId: field(formData, "tokenId") }));
  if (result.ok) revalidatePath("/admin/tokens");
  return result;
}
