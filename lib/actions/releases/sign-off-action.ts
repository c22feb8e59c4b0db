"use server";

import { revalidatePath } from "next/cache";
import { runAsCurrentUser, type TActionResult } from "@/lib/actions/action-result";
import { field } from "@/lib/actions/releases/form-fields";
import { signOffRelease } from "@/lib/data/sign-offs/sign-off-release";

export async function signOffAction(_previous: TActionResult | null, formData: FormData): Promise<TActionResult> {
  const releaseId = field(formData, "releaseId");
  const result = await runAsCurrentUser((actor) =>
    signOffRelease(actor, {
      releaseId,
      decision: field(formData, "decision") as "GO" | "NO_GO",
      comment: field(formData, "comment") || undefined,
    }),
  );
  if (result.ok) revalidatePath(`/releases/${releaseId}`);
  return result;
}
