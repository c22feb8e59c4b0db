"use server";

import { z } from "zod";
import { runAsCurrentUser, type TActionResult } from "@/lib/actions/action-result";
import { assertCan } from "@/lib/auth/permissions";
import { fail, ok } from "@/lib/data/result";
import { IMPORT_MODES, type TImportMode } from "@/lib/domain/checklist/types";
import { summarizeChecklist, type TChecklistSummary } from "@/lib/domain/markdown/summarize-checklist";
import { parseChecklistSafely } from "@/lib/markdown-worker/parse-checklist-safely";

const ZPreview = z.object({ source: z.string(), mode: z.enum(IMPORT_MODES).nullish() });

/** Parses without saving anything, for the import page's live preview. */
export async function previewChecklistAction(source: string, mode: TImportMode | null): Promise<TActionResult<TChecklistSummary>> {
  return runAsCurrentUser(async (actor) => {
    assertCan(actor, "template:import");
    const input = ZPreview.safeParse({ source, mode });
    if (!input.success) return fail("invalid", "Paste Markdown text to preview.");
    // Off this thread and with a deadline: the preview runs on every pause in typing.
    const parsed = await parseChecklistSafely(input.data.source, { mode: input.data.mode ?? undefined });
    return parsed.ok ? ok(summarizeChecklist(parsed.checklist)) : fail("invalid", parsed.error);
  });
}
