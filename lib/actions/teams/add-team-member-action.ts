"use server";

import { revalidatePath } from "next/cache";
import { runAsCurrentUser, type TActionResult } from "@/lib/actions/action-result";
import { field } from "@/lib/actions/releases/form-fields";
import { addTeamMember } from "@/lib/data/teams/add-team-member";

export async function addTeamMemberAction(_previous: TActionResult | null, formData: FormData): Promise<TActionResult<{ isAdded: boolean }>> {
  const result = await runAsCurrentUser((actor) => addTeamMember(actor, { teamId: field(formData, "teamId"), userId: field(formData, "userId") }));
  if (result.ok) revalidatePath("/admin/teams");
  return result;
}
