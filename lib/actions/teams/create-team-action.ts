"use server";

import { revalidatePath } from "next/cache";
import { runAsCurrentUser, type TActionResult } from "@/lib/actions/action-result";
import { field } from "@/lib/actions/releases/form-fields";
import { createTeam } from "@/lib/data/teams/create-team";

export async function createTeamAction(_previous: TActionResult | null, formData: FormData): Promise<TActionResult<{ teamId: string; name: string }>> {
  const result = await runAsCurrentUser((actor) => createTeam(actor, { name: field(formData, "name") }));
  if (result.ok) revalidatePath("/admin/teams");
  return result;
}
