"use server";

import { revalidatePath } from "next/cache";
import { runAsCurrentUser, type TActionResult } from "@/lib/actions/action-result";
import { field } from "@/lib/actions/releases/form-fields";
import { importTemplate } from "@/lib/data/templates/import-template";

export async function importTemplateAction(_previous: TActionResult | null, formData: FormData): Promise<TActionResult<{ templateId: string; number: number }>> {
  const mode = field(formData, "mode");
  const result = await runAsCurrentUser(async (actor) => {
    const imported = await importTemplate(actor, {
      source: field(formData, "source"),
      mode: mode === "tasks" || mode === "lists" ? mode : undefined,
      templateId: field(formData, "templateId") || undefined,
    });
    return imported.ok ? { ok: true as const, data: { templateId: imported.data.templateId, number: imported.data.number } } : imported;
  });
  if (result.ok) revalidatePath("/templates");
  return result;
}
