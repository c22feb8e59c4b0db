"use server";

import { revalidatePath } from "next/cache";
import { runAsCurrentUser, type TActionResult } from "@/lib/actions/action-result";
import { releaseChange, type TReleaseChange } from "@/lib/actions/releases/release-change";
import { field } from "@/lib/actions/releases/form-fields";
import { requestNow } from "@/lib/clock";
import { ok } from "@/lib/data/result";
import { signOffRelease } from "@/lib/data/sign-offs/sign-off-release";

export async function signOffAction(_previous: TActionResult<TReleaseChange> | null, formData: FormData): Promise<TActionResult<TReleaseChange>> {
  const releaseId = field(formData, "releaseId");
  const result = await runAsCurrentUser(async (actor) => {
    const signed = await signOffRelease(actor, {
      releaseId,
      decision: field(formData, "decision") as "GO" | "NO_GO",
      seat: field(formData, "seat") || undefined,
      comment: field(formData, "comment") || undefined,
    }, undefined, await requestNow());
    return signed.ok ? ok(await releaseChange(actor, releaseId)) : signed;
  });
  if (result.ok) revalidatePath(`/releases/${releaseId}`);
  return result;
}
