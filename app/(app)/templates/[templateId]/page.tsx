import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { InlineMarkdown } from "@/components/ui/inline-markdown";
import { LocalTime } from "@/components/ui/local-time";
import { PageHeader } from "@/components/ui/page-header";
import { OpenDraftButton } from "@/components/templates/open-draft-button";
import { requireCurrentActor } from "@/lib/auth/current-actor";
import { can } from "@/lib/auth/permissions";
import { getTemplateView } from "@/lib/data/templates/get-template-view";
import type { TChecklistItem, TChecklistSection } from "@/lib/domain/checklist/types";
import { plainInlineText } from "@/lib/domain/markdown/inline-markdown";
import { isId, optionalParam, zCount } from "@/lib/http/params";

export const metadata: Metadata = { title: "Template" };

function Items({ items }: { items: TChecklistItem[] }) {
  return (
    <ul className="list-disc space-y-1 pl-5 text-sm">
      {items.map((item) => (
        <li key={item.key}>
          {item.kind === "GO_CRITERION" ? <span className="mr-1 text-xs font-semibold text-emerald-700">GO IF</span> : null}
          {item.kind === "NO_GO_CONDITION" ? <span className="mr-1 text-xs font-semibold text-red-700">NO-GO IF</span> : null}
          <InlineMarkdown source={item.text} />
          {item.requiredLevel ? <span className="ml-1 text-xs text-slate-500">({item.requiredLevel})</span> : null}
          {item.severity === "ADVISORY" ? <span className="ml-1 text-xs text-slate-500">· Advisory</span> : null}
          {item.evidenceRequired ? (
            <span className="ml-1 text-xs text-slate-500">· Evidence required{item.evidenceMaxAgeDays ? `, at most ${item.evidenceMaxAgeDays} days old` : ""}</span>
          ) : null}
          {item.owner ? <span className="ml-1 text-xs text-slate-500">· Default owner: {item.owner}</span> : null}
          {item.children.length ? <Items items={item.children} /> : null}
        </li>
      ))}
    </ul>
  );
}

function Sections({ sections }: { sections: TChecklistSection[] }) {
  return sections.map((section, index) => (
    <section key={`${section.title}-${index}`} aria-label={plainInlineText(section.title)} className="mt-4">
      <h3 className="font-semibold">
        <InlineMarkdown source={section.title} />
      </h3>
      <Items items={section.items} />
      <div className="pl-4">
        <Sections sections={section.sections} />
      </div>
    </section>
  ));
}

export default async function TemplatePage({ params, searchParams }: { params: Promise<{ templateId: string }>; searchParams: Promise<{ version?: string }> }) {
  const [{ templateId }, { version }] = await Promise.all([params, searchParams]);
  const actor = await requireCurrentActor();
  const versionNumber = optionalParam(zCount).safeParse(version);
  if (!isId(templateId) || !versionNumber.success) notFound();
  const view = await getTemplateView(actor, templateId, versionNumber.data ?? null);
  if (!view) notFound();
  const diff = view.diffFromPrevious;
  return (
    <>
      <PageHeader
        title={view.name}
        description={`${view.description ? `${view.description} · ` : ""}Version ${view.shown.number}${view.shown.levels.length ? ` · levels ${view.shown.levels.join(" < ")}` : ""}`}
        actions={
          can(actor, "template:import") ? (
            <div className="flex flex-wrap items-start gap-2">
              <Link href={`/templates/import?templateId=${view.id}`} className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium hover:bg-slate-50">
                Import a new version
              </Link>
              {can(actor, "template:edit") ? (
                <OpenDraftButton
                  templateId={view.id}
                  label={view.draft ? "Continue the draft" : "Edit in the browser"}
                  className="rounded-md bg-brand-600 px-3 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60"
                />
              ) : null}
            </div>
          ) : null
        }
      />
      <nav aria-label="Versions" className="mb-4 flex flex-wrap items-center gap-2 text-sm">
        {view.versions.map((v) => (
          <Link
            key={v.id}
            href={`/templates/${view.id}?version=${v.number}`}
            aria-current={v.number === view.shown.number ? "page" : undefined}
            className={`rounded-full px-3 py-1 ${v.number === view.shown.number ? "bg-brand-600 text-white" : "bg-white ring-1 ring-slate-300"}`}
          >
            v{v.number}
          </Link>
        ))}
        <a href={`/templates/${view.id}/source?version=${view.shown.number}`} className="ml-auto text-brand-700 hover:underline">
          Markdown of version {view.shown.number}
        </a>
      </nav>
      {view.draft ? (
        <p className="mb-4 rounded-lg border border-amber-200 bg-amber-50 px-4 py-2 text-sm text-amber-900">
          A draft of the next version is in progress (saved <LocalTime iso={view.draft.updatedAt} mode="relative" />{view.draft.updatedBy ? ` by ${view.draft.updatedBy}` : ""}).
        </p>
      ) : null}
      {diff ? (
        <section aria-label="Changes from the previous version" className="mb-6 rounded-xl border border-slate-200 bg-white p-4 text-sm">
          <h2 className="font-semibold">Changes from version {view.shown.number - 1}</h2>
          {diff.added.length + diff.removed.length + diff.changed.length === 0 ? (
            <p className="text-slate-600">No item changed since version {view.shown.number - 1}: the Markdown of each version (linked above) shows any other edit.</p>
          ) : null}
          <ul className="mt-2 space-y-1">
            {diff.added.map((i) => <li key={`a-${i.key}`} className="text-emerald-800">Added: <InlineMarkdown source={i.text} /></li>)}
            {diff.removed.map((i) => <li key={`r-${i.key}`} className="text-red-800">Removed: <InlineMarkdown source={i.text} /></li>)}
            {diff.changed.map((c) => (
              <li key={`c-${c.key}`} className="text-amber-900">
                Changed: <InlineMarkdown source={c.before.text} /> → <InlineMarkdown source={c.after.text} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <div className="rounded-xl border border-slate-200 bg-white p-4">
        {view.shown.sections.length > 0 ? (
          <Sections sections={view.shown.sections} />
        ) : (
          <p className="text-sm text-slate-600">
            {can(actor, "template:import")
              ? "This version has no items: import a new version, or edit it in the browser, to add the checks a release must pass."
              : "This version has no items yet: an admin adds them by importing or editing a new version."}
          </p>
        )}
      </div>
    </>
  );
}
