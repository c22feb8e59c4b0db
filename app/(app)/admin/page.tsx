import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Admin" };

export default function AdminPage() {
  return (
    <>
      <PageHeader title="Admin" description="People, roles and teams." />
      <EmptyState title="People arrive with sign-in">
        Once sign-in with your identity provider is set up, people appear here and admins assign their roles.
      </EmptyState>
    </>
  );
}
