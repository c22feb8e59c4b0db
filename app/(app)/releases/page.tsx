import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Releases" };

export default function ReleasesPage() {
  return (
    <>
      <PageHeader title="Releases" description="Every release gets its own readiness checklist and a go/no-go verdict." />
      <EmptyState title="No releases yet">
        When a release is created from a template, it appears here with its verdict and progress.
      </EmptyState>
    </>
  );
}
