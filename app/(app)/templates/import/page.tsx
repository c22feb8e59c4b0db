import type { Metadata } from "next";
import { NotAllowed } from "@/components/ui/not-allowed";
import { PageHeader } from "@/components/ui/page-header";
import { ImportTemplateForm } from "@/components/templates/import-form";
import { isId } from "@/lib/http/params";
import { requireCurrentActor } from "@/lib/auth/current-actor";
import { can } from "@/lib/auth/permissions";

export const metadata: Metadata = { title: "Import template" };

export default async function ImportTemplatePage({ searchParams }: { searchParams: Promise<{ templateId?: string }> }) {
  const actor = await requireCurrentActor();
  const { templateId } = await searchParams;
  if (!can(actor, "template:import")) {
    return <NotAllowed title="Import template">Only admins import templates.</NotAllowed>;
  }
  return (
    <>
      <PageHeader title={templateId ? "Publish a new version" : "Import template"} description="From the readiness document you already have, in Markdown." />
      <ImportTemplateForm templateId={isId(templateId) ? templateId : undefined} />
    </>
  );
}
