"use server";

import { revalidatePath } from "next/cache";
import { runAsCurrentUser, type TActionResult } from "@/lib/actions/action-result";
import { field } from "@/lib/actions/releases/form-fields";
import { deleteTeam } from "@/lib/data/teams/delete-team";

export async function deleteTeamAction(_previous: TActionResult | null, formData: FormData): Promise<TActionResult<{ name: string; openItemsNamingIt: number }>> {
  const result = await runAsCurrentUser((actor) => deleteTeam(actor, { teamId: field(formData, "teamId") }));
  if (result.ok) revalidatePath("/admin/teams");
  return result;
}
