"use server";

import { revalidatePath } from "next/cache";
import { runAsCurrentUser, type TActionResult } from "@/lib/actions/action-result";
import { field } from "@/lib/actions/releases/form-fields";
import { renameTeam } from "@/lib/data/teams/rename-team";

export async function renameTeamAction(
  _previous: TActionResult | null,
  formData: FormData,
): Promise<TActionResult<{ name: string; previousName: string; openItemsNamingPrevious: number }>> {
  const result = await runAsCurrentUser((actor) => renameTeam(actor, { teamId: field(formData, "teamId"), name: field(formData, "name") }));
  if (result.ok) revalidatePath("/admin/teams");
  return result;
}
