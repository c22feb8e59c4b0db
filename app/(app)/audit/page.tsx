import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Audit" };

export default function AuditPage() {
  return (
    <>
      <PageHeader title="Audit" description="Who changed what, and when, for every release." />
      <EmptyState title="Audit browsing is coming">
        Every change to a template, release or item is already recorded, with who made it and when. Browsing and
        searching that history arrives here next.
      </EmptyState>
    </>
  );
}
