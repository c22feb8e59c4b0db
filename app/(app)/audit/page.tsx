import type { Metadata } from "next";
import Link from "next/link";
import { AuditExportLinks } from "@/components/audit/audit-export-links";
import { AuditFilters } from "@/components/audit/audit-filters";
import { AuditTable } from "@/components/audit/audit-table";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireCurrentActor } from "@/lib/auth/current-actor";
import { listAuditEvents, ZAuditFilters } from "@/lib/data/audit/list-audit-events";
import { notFound } from "next/navigation";
import { optionalParam, parseQuery, zSeq } from "@/lib/http/params";

export const metadata: Metadata = { title: "Audit" };
const PAGE = 50;

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const params = await searchParams;
  const actor = await requireCurrentActor();
  const query = parseQuery(ZAuditFilters.extend({ before: optionalParam(zSeq) }), params);
  if (!query) notFound();
  const { before: beforeSeq, ...filters } = query;
  const before = beforeSeq ?? null;
  // A search that takes too long, or finds every search connection busy, is refused in words.
  const listed = await listAuditEvents(actor, filters, { beforeSeq: before, limit: PAGE + 1 });
  const rows = listed.ok ? listed.data : [];
  const page = rows.slice(0, PAGE);
  const filterQuery = new URLSearchParams(Object.entries(filters).filter(([, v]) => v) as [string, string][]);
  const older = rows.length > PAGE ? `/audit?${new URLSearchParams({ ...Object.fromEntries(filterQuery), before: page.at(-1)!.seq.toString() })}` : null;

  return (
    <>
      <PageHeader
        title="Audit"
        description="Every change, sign-in and refusal, in an append-only, hash-chained log."
        actions={<AuditExportLinks query={filterQuery.toString()} />}
      />
      <AuditFilters action="/audit" filters={filters} />
      {!listed.ok ? (
        <p role="alert" className="mt-4 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">{listed.error}</p>
      ) : page.length === 0 ? (
        filterQuery.size > 0 ? (
          <EmptyState title="No events match" action={<Link href="/audit" className="font-medium text-brand-700 underline">Clear the filters</Link>}>
            Try fewer filters or a wider date range, or clear them to see every event.
          </EmptyState>
        ) : before !== null ? (
          <EmptyState title="No older events">This is the start of the log: follow “Newest” below to go back to the latest events.</EmptyState>
        ) : (
          <EmptyState title="No events yet">Nothing has been recorded yet: changes, sign-ins and refusals are listed here as they happen.</EmptyState>
        )
      ) : (
        <AuditTable rows={page} showRelease />
      )}
      <div className="mt-4 flex gap-3 text-sm">
        {before !== null ? <Link href={`/audit?${filterQuery}`} className="text-brand-700 underline">Newest</Link> : null}
        {older ? <Link href={older} className="text-brand-700 underline">Older events</Link> : null}
      </div>
    </>
  );
}
