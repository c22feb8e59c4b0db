import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";
import { LocalTime } from "@/components/ui/local-time";
import { PageHeader } from "@/components/ui/page-header";
import { requireCurrentActor } from "@/lib/auth/current-actor";
import { can } from "@/lib/auth/permissions";
import { listTemplates } from "@/lib/data/templates/list-templates";
import { listTemplateDrafts } from "@/lib/data/templates/get-template-draft";
import { OpenDraftButton } from "@/components/templates/open-draft-button";

export const metadata: Metadata = { title: "Templates" };

export default async function TemplatesPage() {
  const actor = await requireCurrentActor();
  const canEdit = can(actor, "template:edit");
  const [templates, drafts] = await Promise.all([listTemplates(actor), canEdit ? listTemplateDrafts(actor) : Promise.resolve([])]);
  const importLink = can(actor, "template:import") ? (
    <div className="flex flex-wrap items-start gap-2">
      <Link href="/templates/import" className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium hover:bg-slate-50">
        Import template
      </Link>
      {canEdit ? <OpenDraftButton label="New template" className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60" /> : null}
    </div>
  ) : null;
  return (
    <>
      <PageHeader title="Templates" description="Readiness checklists your teams keep, versioned." actions={importLink} />
      {drafts.length > 0 ? (
        <section aria-labelledby="drafts-title" className="mb-6 rounded-xl border border-amber-200 bg-amber-50 p-4">
          <h2 id="drafts-title" className="font-semibold text-slate-900">
            Drafts in progress
          </h2>
          <ul aria-label="Drafts" className="mt-2 space-y-1 text-sm">
            {drafts.map((draft) => (
              <li key={draft.id}>
                <Link href={`/templates/drafts/${draft.id}`} className="font-medium text-brand-700 hover:underline">
                  {draft.title}
                </Link>
                <span className="text-slate-600">
                  {" "}
                  · {draft.templateId ? "changes to a published template" : "new template"} · saved <LocalTime iso={draft.updatedAt} mode="relative" />
                  {draft.updatedBy ? ` by ${draft.updatedBy}` : ""}
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {templates.length === 0 ? (
        <EmptyState title="No templates yet" action={importLink}>
          {importLink ? (
            <>
              Import the readiness document you already have, in Markdown (or{" "}
              <code className="rounded bg-slate-100 px-1">npm run preflight -- import checklist.md</code>)
              {canEdit ? ", or build a checklist from scratch with “New template”." : "."}
            </>
          ) : (
            "An admin imports your team’s readiness checklist from Markdown; ask one to add it, and it appears here."
          )}
        </EmptyState>
      ) : (
        <ul aria-label="Templates" className="divide-y divide-slate-200 overflow-hidden rounded-xl border border-slate-200 bg-white">
          {templates.map((template) => (
            <li key={template.id} aria-label={template.name} className="px-5 py-4">
              <h2 className="font-semibold text-slate-900">
                <Link href={`/templates/${template.id}`} className="hover:underline">
                  {template.name}
                </Link>
              </h2>
              {template.description ? <p className="mt-1 text-sm text-slate-700">{template.description}</p> : null}
              <p className="mt-1 text-sm text-slate-600">
                Version {template.latestVersion} · {template.items} items
                {template.levels.length ? ` · levels ${template.levels.join(", ")}` : ""}
              </p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
