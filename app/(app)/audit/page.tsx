import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Audit" };

export default function AuditPage() {
  return (
    <>
      <PageHeader title="Audit" description="Who changed what, and when, for every release." />
      <EmptyState title="No audit events yet">Every change to a checklist, sign-off or waiver is recorded here.</EmptyState>
    </>
  );
}
