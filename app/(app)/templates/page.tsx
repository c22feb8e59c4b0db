import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireCurrentActor } from "@/lib/auth/current-actor";
import { can } from "@/lib/auth/permissions";
import { listTemplates } from "@/lib/data/templates/list-templates";

export const metadata: Metadata = { title: "Templates" };

export default async function TemplatesPage() {
  const actor = await requireCurrentActor();
  const templates = await listTemplates(actor);
  const importLink = can(actor, "template:import") ? (
    <Link href="/templates/import" className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
      Import template
    </Link>
  ) : null;
  return (
    <>
      <PageHeader title="Templates" description="Readiness checklists your teams keep, versioned." actions={importLink} />
      {templates.length === 0 ? (
        <EmptyState title="No templates yet" action={importLink}>
          Templates are imported from the readiness documents you already have, in Markdown:{" "}
          <code className="rounded bg-slate-100 px-1">npm run preflight -- import checklist.md</code>
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
