import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { OwnerOptions } from "@/components/release/owner-options";
import { TemplateEditor } from "@/components/templates/template-editor";
import { NotAllowed } from "@/components/ui/not-allowed";
import { PageHeader } from "@/components/ui/page-header";
import { requireCurrentActor } from "@/lib/auth/current-actor";
import { can } from "@/lib/auth/permissions";
import { getOwnerDirectory } from "@/lib/data/owners/get-owner-directory";
import { getTemplateDraft } from "@/lib/data/templates/get-template-draft";
import { isId } from "@/lib/http/params";

export const metadata: Metadata = { title: "Edit template" };

export default async function TemplateDraftPage({ params }: { params: Promise<{ draftId: string }> }) {
  const [{ draftId }, actor] = await Promise.all([params, requireCurrentActor()]);
  if (!can(actor, "template:edit")) {
    return <NotAllowed title="Edit template">Only admins edit templates.</NotAllowed>;
  }
  if (!isId(draftId)) notFound();
  const [draft, directory] = await Promise.all([getTemplateDraft(actor, draftId), getOwnerDirectory(actor)]);
  if (!draft) {
    return (
      <NotAllowed title="Edit template">
        This draft no longer exists: it was published or discarded. <Link href="/templates" className="text-brand-700 underline">Back to templates</Link>
      </NotAllowed>
    );
  }
  const title = draft.templateName ? `Editing ${draft.templateName}` : "New template";
  const from =
    draft.baseNumber === null
      ? "A new template, built from scratch."
      : `A draft of version ${draft.latestNumber !== null && draft.latestNumber > draft.baseNumber ? `${draft.baseNumber} (version ${draft.latestNumber} has been published since)` : draft.baseNumber}.`;
  return (
    <>
      <PageHeader
        title={title}
        description={`${from} Your work is saved as you type and shared with the other admins; nothing changes for releases until you publish.${draft.updatedBy ? ` Last saved by ${draft.updatedBy}.` : ""}`}
        actions={
          <Link href={draft.templateId ? `/templates/${draft.templateId}` : "/templates"} className="text-sm font-medium text-brand-700 hover:underline">
            {draft.templateId ? "Back to the template" : "Back to templates"}
          </Link>
        }
      />
      <OwnerOptions directory={directory} />
      <TemplateEditor draftId={draft.id} version={draft.version} content={draft.content} updatedAt={draft.updatedAt} templateId={draft.templateId} baseNumber={draft.baseNumber} />
    </>
  );
}
