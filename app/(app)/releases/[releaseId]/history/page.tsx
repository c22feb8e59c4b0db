import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AuditFilters } from "@/components/audit/audit-filters";
import { AuditTable } from "@/components/audit/audit-table";
import { ReleaseStateView } from "@/components/audit/release-state";
import { EmptyState } from "@/components/ui/empty-state";
import { NavigationForm } from "@/components/ui/navigation-form";
import { PageHeader } from "@/components/ui/page-header";
import { PendingButton } from "@/components/ui/pending-button";
import { requireCurrentActor } from "@/lib/auth/current-actor";
import { listAuditEvents, ZAuditFilters } from "@/lib/data/audit/list-audit-events";
import { getReleaseStateAt } from "@/lib/data/releases/get-release-state-at";
import { getReleaseSummary } from "@/lib/data/releases/get-release-summary";
import { isId, optionalParam, parseQuery, zSeq } from "@/lib/http/params";

export const metadata: Metadata = { title: "Release history" };

export default async function ReleaseHistoryPage({ params, searchParams }: { params: Promise<{ releaseId: string }>; searchParams: Promise<Record<string, string | undefined>> }) {
  const [{ releaseId }, query] = await Promise.all([params, searchParams]);
  const actor = await requireCurrentActor();
  const parsed = parseQuery(ZAuditFilters.extend({ before: optionalParam(zSeq), at: optionalParam(zSeq), compare: optionalParam(zSeq) }), query);
  if (!isId(releaseId) || !parsed) notFound();
  const release = await getReleaseSummary(actor, releaseId);
  if (!release) notFound();
  const { before, at: atSeq, compare: compareSeq, ...rest } = parsed;
  const filters = { ...rest, releaseId };
  const [events, at, compareTo] = [before ?? null, atSeq ?? null, compareSeq ?? null];
  // A search that takes too long, or finds every search connection busy, is refused in words.
  const listed = await listAuditEvents(actor, filters, { beforeSeq: events, limit: 200 });
  const rows = listed.ok ? listed.data : [];
  const state = at !== null ? await getReleaseStateAt(actor, releaseId, at) : null;
  const compare = at !== null && compareTo !== null ? await getReleaseStateAt(actor, releaseId, compareTo) : null;
  const base = `/releases/${releaseId}/history`;

  return (
    <>
      <PageHeader
        title={`History: ${release.name}`}
        description="Who changed what, when. Click an event's number to see the release as it was right after it."
        actions={<Link href={`/releases/${releaseId}`} className="text-sm text-brand-700 underline">Back to the release</Link>}
      />
      <AuditFilters action={base} filters={filters} items={release.items} />
      <NavigationForm action={base} className="mb-4 flex flex-wrap items-end gap-2 text-sm" aria-label="Time travel">
        <label className="text-xs text-slate-600">
          As of event #
          <input name="at" inputMode="numeric" defaultValue={query.at ?? ""} className="block w-28 rounded-md border border-slate-300 px-2 py-1" />
        </label>
        <label className="text-xs text-slate-600">
          Compare with event #
          <input name="compare" inputMode="numeric" defaultValue={query.compare ?? ""} className="block w-28 rounded-md border border-slate-300 px-2 py-1" />
        </label>
        <PendingButton pendingText="Showing…" className="rounded-md border border-slate-300 bg-white px-3 py-1.5 font-medium disabled:opacity-60">Show</PendingButton>
      </NavigationForm>
      {state ? (
        <div className="mb-6 grid gap-4 lg:grid-cols-2">
          <ReleaseStateView state={state} label={`As of event ${at}`} compare={compare ?? undefined} />
          {compare ? <ReleaseStateView state={compare} label={`As of event ${compareTo}`} /> : null}
        </div>
      ) : null}
      {listed.ok ? null : <p role="alert" className="mb-4 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">{listed.error}</p>}
      {!listed.ok ? null : rows.length > 0 ? (
        <AuditTable rows={rows} showRelease={false} timeTravelBase={base} />
      ) : (
        <EmptyState title="No events match" action={<Link href={base} className="font-medium text-brand-700 underline">Clear the filters</Link>}>
          Try fewer filters or a wider date range, or clear them to see the release’s whole history.
        </EmptyState>
      )}
    </>
  );
}
