import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Templates" };

export default function TemplatesPage() {
  return (
    <>
      <PageHeader title="Templates" description="Readiness checklists your teams keep, versioned." />
      <EmptyState title="No templates yet">
        Templates are imported from the readiness documents you already have, in Markdown.
      </EmptyState>
    </>
  );
}
