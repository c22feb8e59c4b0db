"use server";

import { revalidatePath } from "next/cache";
import { runAsCurrentUser, type TActionResult } from "@/lib/actions/action-result";
import { field } from "@/lib/actions/releases/form-fields";
import { moveReleaseVersion } from "@/lib/data/releases/move-release-version";

type TMoveState = TActionResult<{ releaseId: string; added: number; removed: number; changed: number }>;

/** Moves a release to a newer version of its template; the page is rendered again, since its items changed. */
export async function moveReleaseVersionAction(_previous: TMoveState | null, formData: FormData): Promise<TMoveState> {
  const releaseId = field(formData, "releaseId");
  const result = await runAsCurrentUser((actor) => moveReleaseVersion(actor, { releaseId, templateVersionId: field(formData, "templateVersionId") }));
  if (result.ok) revalidatePath(`/releases/${releaseId}`);
  return result;
}
