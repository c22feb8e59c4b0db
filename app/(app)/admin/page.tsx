import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Admin" };

export default function AdminPage() {
  return (
    <>
      <PageHeader title="Admin" description="People, roles and teams." />
      <EmptyState title="No people yet">People appear here once they sign in; admins assign their roles.</EmptyState>
    </>
  );
}
