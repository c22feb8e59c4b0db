import type { Metadata } from "next";
import Link from "next/link";
import { NewReleaseForm } from "@/components/release/new-release-form";
import { EmptyState } from "@/components/ui/empty-state";
import { NotAllowed } from "@/components/ui/not-allowed";
import { PageHeader } from "@/components/ui/page-header";
import { requireCurrentActor } from "@/lib/auth/current-actor";
import { can } from "@/lib/auth/permissions";
import { listTemplateVersions } from "@/lib/data/templates/list-template-versions";

export const metadata: Metadata = { title: "New release" };

export default async function NewReleasePage() {
  const actor = await requireCurrentActor();
  if (!can(actor, "release:create")) {
    return <NotAllowed title="New release">Only release managers and admins create releases.</NotAllowed>;
  }
  const versions = await listTemplateVersions(actor);
  return (
    <>
      <PageHeader title="New release" description="The release gets its own copy of the template's checklist." />
      {versions.length === 0 ? (
        can(actor, "template:import") ? (
          <EmptyState title="No templates yet" action={<Link href="/templates/import" className="font-medium text-brand-700 underline">Import a template</Link>}>
            A release starts from a template: import your readiness checklist from Markdown first.
          </EmptyState>
        ) : (
          <EmptyState title="No templates yet">A release starts from a template: ask an admin to import your readiness checklist from Markdown first.</EmptyState>
        )
      ) : (
        <NewReleaseForm versions={versions} />
      )}
    </>
  );
}
