import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireCurrentActor } from "@/lib/auth/current-actor";
import { listTemplates } from "@/lib/data/templates/list-templates";

export const metadata: Metadata = { title: "Templates" };

export default async function TemplatesPage() {
  const templates = await listTemplates(await requireCurrentActor());
  return (
    <>
      <PageHeader title="Templates" description="Readiness checklists your teams keep, versioned." />
      {templates.length === 0 ? (
        <EmptyState title="No templates yet">
          Templates are imported from the readiness documents you already have, in Markdown:{" "}
          <code className="rounded bg-slate-100 px-1">npm run preflight -- import checklist.md</code>
        </EmptyState>
      ) : (
        <ul aria-label="Templates" className="divide-y divide-slate-200 overflow-hidden rounded-xl border border-slate-200 bg-white">
          {templates.map((template) => (
            <li key={template.id} aria-label={template.name} className="px-5 py-4">
              <h2 className="font-semibold text-slate-900">{template.name}</h2>
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
