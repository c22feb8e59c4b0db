"use server";

import { revalidatePath } from "next/cache";
import { runAsCurrentUser, type TActionResult } from "@/lib/actions/action-result";
import { field } from "@/lib/actions/releases/form-fields";
import { createRelease } from "@/lib/data/releases/create-release";

export async function createReleaseAction(_previous: TActionResult | null, formData: FormData): Promise<TActionResult<{ releaseId: string }>> {
  const result = await runAsCurrentUser((actor) =>
    createRelease(actor, {
      templateVersionId: field(formData, "templateVersionId"),
      name: field(formData, "name"),
      service: field(formData, "service"),
      version: field(formData, "version"),
      environment: field(formData, "environment"),
      targetDate: field(formData, "targetDate") || undefined,
      targetLevel: field(formData, "targetLevel") || undefined,
      targetCommit: field(formData, "targetCommit") || undefined,
    }),
  );
  if (result.ok) revalidatePath("/releases");
  return result;
}
