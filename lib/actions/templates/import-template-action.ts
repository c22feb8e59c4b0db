"use server";

import { revalidatePath } from "next/cache";
import { runAsCurrentUser, type TActionResult } from "@/lib/actions/action-result";
import { field } from "@/lib/actions/releases/form-fields";
import { fail } from "@/lib/data/result";
import { importTemplate } from "@/lib/data/templates/import-template";
import { ZSectionRoles, type TSectionRoles } from "@/lib/domain/markdown/section-roles";

/** The preview's role choices, sent as JSON; null when they are not valid. */
function sectionRolesField(value: string): TSectionRoles | null {
  if (!value) return {};
  try {
    const parsed = ZSectionRoles.safeParse(JSON.parse(value));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export async function importTemplateAction(_previous: TActionResult | null, formData: FormData): Promise<TActionResult<{ templateId: string; number: number }>> {
  const mode = field(formData, "mode");
  const result = await runAsCurrentUser(async (actor) => {
    const sectionRoles = sectionRolesField(field(formData, "sectionRoles"));
    if (!sectionRoles) return fail("invalid", "The section roles are not valid: choose them again in the preview.");
    const imported = await importTemplate(actor, {
      source: field(formData, "source"),
      mode: mode === "tasks" || mode === "lists" ? mode : undefined,
      templateId: field(formData, "templateId") || undefined,
      sectionRoles,
    });
    return imported.ok ? { ok: true as const, data: { templateId: imported.data.templateId, number: imported.data.number } } : imported;
  });
  if (result.ok) revalidatePath("/templates");
  return result;
}
