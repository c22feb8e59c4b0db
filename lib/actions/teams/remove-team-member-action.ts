"use server";

import { revalidatePath } from "next/cache";
import { runAsCurrentUser, type TActionResult } from "@/lib/actions/action-result";
import { field } from "@/lib/actions/releases/form-fields";
import { removeTeamMember } from "@/lib/data/teams/remove-team-member";

export async function removeTeamMemberAction(_previous: TActionResult | null, formData: FormData): Promise<TActionResult<{ isRemoved: boolean }>> {
  const result = await runAsCurrentUser((actor) => removeTeamMember(actor, { teamId: field(formData, "teamId"), userId: field(formData, "userId") }));
  if (result.ok) revalidatePath("/admin/teams");
  return result;
}
