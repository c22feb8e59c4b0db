"use server";

import { runAsCurrentUser, type TActionResult } from "@/lib/actions/action-result";
import { assertCan } from "@/lib/auth/permissions";
import { fail, ok } from "@/lib/data/result";
import type { TImportMode } from "@/lib/domain/checklist/types";
import { parseChecklist } from "@/lib/domain/markdown/parse-checklist";
import { summarizeChecklist, type TChecklistSummary } from "@/lib/domain/markdown/summarize-checklist";

/** Parses without saving anything, for the import page's live preview. */
export async function previewChecklistAction(source: string, mode: TImportMode | null): Promise<TActionResult<TChecklistSummary>> {
  return runAsCurrentUser(async (actor) => {
    assertCan(actor, "template:import");
    const parsed = parseChecklist(source, { mode: mode ?? undefined });
    return parsed.ok ? ok(summarizeChecklist(parsed.checklist)) : fail("invalid", parsed.error);
  });
}
