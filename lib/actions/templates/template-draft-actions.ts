"use server";

import { revalidatePath } from "next/cache";
import { runAsCurrentUser, type TActionResult } from "@/lib/actions/action-result";
import { openTemplateDraft, type TOpenTemplateDraft } from "@/lib/data/templates/open-template-draft";
import { discardTemplateDraft, publishTemplateDraft, reviewTemplateDraft, type TDraftRef, type TDraftReview } from "@/lib/data/templates/publish-template-draft";
import { saveTemplateDraft, type TSavedDraft, type TSaveTemplateDraft } from "@/lib/data/templates/save-template-draft";

// The template editor's endpoints (each one public, each checks the permission itself).

export async function openTemplateDraftAction(input: TOpenTemplateDraft): Promise<TActionResult<{ draftId: string; isNew: boolean }>> {
  const result = await runAsCurrentUser((actor) => openTemplateDraft(actor, input));
  if (result.ok) revalidatePath("/templates");
  return result;
}

export async function saveTemplateDraftAction(input: TSaveTemplateDraft): Promise<TActionResult<TSavedDraft>> {
  return runAsCurrentUser((actor) => saveTemplateDraft(actor, input));
}

export async function reviewTemplateDraftAction(input: { draftId: string }): Promise<TActionResult<TDraftReview>> {
  return runAsCurrentUser((actor) => reviewTemplateDraft(actor, input));
}

export async function publishTemplateDraftAction(input: TDraftRef): Promise<TActionResult<{ templateId: string; number: number }>> {
  const result = await runAsCurrentUser((actor) => publishTemplateDraft(actor, input));
  if (result.ok) {
    revalidatePath("/templates");
    revalidatePath(`/templates/${result.data.templateId}`);
  }
  return result;
}

export async function discardTemplateDraftAction(input: { draftId: string }): Promise<TActionResult<{ templateId: string | null }>> {
  const result = await runAsCurrentUser((actor) => discardTemplateDraft(actor, input));
  if (result.ok) revalidatePath("/templates");
  return result;
}
