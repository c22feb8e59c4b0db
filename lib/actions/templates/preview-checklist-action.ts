"use server";

import { z } from "zod";
import { runAsCurrentUser, type TActionResult } from "@/lib/actions/action-result";
import { assertCan } from "@/lib/auth/permissions";
import { fail, ok } from "@/lib/data/result";
import { IMPORT_MODES, type TImportMode } from "@/lib/domain/checklist/types";
import { MAX_SOURCE_BYTES, readSource, tooLargeError } from "@/lib/domain/markdown/read-source";
import { ZSectionRoles, type TSectionRoles } from "@/lib/domain/markdown/section-roles";
import { summarizeChecklist, type TChecklistSummary } from "@/lib/domain/markdown/summarize-checklist";
import { parseChecklistSafely } from "@/lib/markdown-worker/parse-checklist-safely";

const ZPreview = z.object({
  source: z.union([z.string(), z.instanceof(Blob)]),
  mode: z.enum(IMPORT_MODES).nullish(),
  sectionRoles: ZSectionRoles.optional(),
});

export type TPreview = {
  summary: TChecklistSummary;
  /** A file's text as the server decoded it (UTF-8, or UTF-16 with a byte order mark), for the form to publish. */
  text: string | null;
};

/**
 * Parses without saving anything, for the import page's live preview. A chosen file is sent
 * as its bytes, so the browser decides like the CLI: a file that is not UTF-8 is refused
 * with the same message instead of previewing replacement characters.
 */
export async function previewChecklistAction(
  source: string | Blob,
  mode: TImportMode | null,
  sectionRoles: TSectionRoles = {},
): Promise<TActionResult<TPreview>> {
  return runAsCurrentUser(async (actor) => {
    assertCan(actor, "template:import");
    const input = ZPreview.safeParse({ source, mode, sectionRoles });
    if (!input.success) return fail("invalid", "Paste Markdown text to preview.");
    let text: string | null = null;
    if (input.data.source instanceof Blob) {
      if (input.data.source.size > MAX_SOURCE_BYTES) return fail("invalid", tooLargeError(input.data.source.size));
      const read = readSource(new Uint8Array(await input.data.source.arrayBuffer()));
      if (!read.ok) return fail("invalid", read.error);
      text = read.text;
    }
    // Off this thread and with a deadline: the preview runs on every pause in typing.
    const parsed = await parseChecklistSafely(text ?? (input.data.source as string), {
      mode: input.data.mode ?? undefined,
      sectionRoles: input.data.sectionRoles,
    });
    return parsed.ok ? ok({ summary: summarizeChecklist(parsed.checklist), text }) : fail("invalid", parsed.error);
  });
}
