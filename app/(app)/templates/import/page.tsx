import type { Metadata } from "next";
import { NotAllowed } from "@/components/ui/not-allowed";
import { PageHeader } from "@/components/ui/page-header";
import { ImportTemplateForm } from "@/components/templates/import-form";
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
      <ImportTemplateForm templateId={templateId && /^[0-9a-f-]{36}$/i.test(templateId) ? templateId : undefined} />
    </>
  );
}
