import { PageHeader } from "@/components/ui/page-header";

/** What a page shows a role that may not use it (the server refuses the actions anyway). */
export function NotAllowed({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <>
      <PageHeader title={title} />
      <p role="alert" className="rounded-lg border border-slate-200 bg-white p-6 text-slate-700">
        {children}
      </p>
    </>
  );
}
