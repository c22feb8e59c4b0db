import type { Metadata } from "next";
import Link from "next/link";
import { ReasonMessage } from "@/components/release/reason-message";
import { VerdictBadge } from "@/components/release/verdict-badge";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { ProgressBar } from "@/components/ui/progress-bar";
import { requireCurrentActor } from "@/lib/auth/current-actor";
import { can } from "@/lib/auth/permissions";
import { listReleases, type TReleaseListItem } from "@/lib/data/releases/list-releases";
import { RELEASE_STATES, ReleaseFilters, type TReleaseQuery } from "@/components/release/release-filters";

export const metadata: Metadata = { title: "Releases" };

const INACTIVE = new Set(["SHIPPED", "CANCELLED"]);
const SORTERS: Record<string, (a: TReleaseListItem, b: TReleaseListItem) => number> = {
  newest: (a, b) => b.createdAt.localeCompare(a.createdAt),
  target: (a, b) => (a.targetDate ?? "9999").localeCompare(b.targetDate ?? "9999"),
  progress: (a, b) => a.percent - b.percent,
  name: (a, b) => a.name.localeCompare(b.name),
};

export default async function ReleasesPage({ searchParams }: { searchParams: Promise<TReleaseQuery> }) {
  const query = await searchParams;
  const actor = await requireCurrentActor();
  const all = await listReleases(actor);
  const show = query.show ?? "active";
  // A chosen state wins over "Active" (which hides shipped and cancelled releases).
  const states = RELEASE_STATES.find(([value]) => value && value === query.state)?.[2] as readonly string[] | undefined;
  const releases = all
    .filter((r) => (states ? states.includes(r.status) : true))
    .filter((r) => (show === "active" && !states ? !INACTIVE.has(r.status) : show === "mine" ? r.ownerId === actor.id : true))
    .filter((r) => !query.verdict || r.verdict === query.verdict)
    .filter((r) => !query.service || r.service === query.service)
    .sort(SORTERS[query.sort ?? "newest"] ?? SORTERS.newest);
  const services = [...new Set(all.map((r) => r.service))].sort();
  const newRelease = can(actor, "release:create") ? (
    <Link href="/releases/new" className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
      New release
    </Link>
  ) : null;
  return (
    <>
      <PageHeader title="Releases" description="Every release gets its own readiness checklist and a go/no-go verdict." actions={newRelease} />
      {all.length > 0 ? <ReleaseFilters query={query} services={services} /> : null}
      {all.length === 0 ? (
        <EmptyState title="No releases yet" action={newRelease}>
          {newRelease
            ? "Create a release from a template with “New release”: it appears here with its verdict and progress."
            : "A release manager creates releases from templates; ask one to start yours, and it appears here with its verdict and progress."}
        </EmptyState>
      ) : releases.length === 0 ? (
        <EmptyState title="No releases match" action={<Link href="/releases" className="font-medium text-brand-700 underline">Show active releases</Link>}>
          Nothing matches these filters: change them above, or go back to the active releases.
        </EmptyState>
      ) : (
        <ul aria-label="Releases" className="divide-y divide-slate-200 overflow-hidden rounded-xl border border-slate-200 bg-white">
          {releases.map((release) => (
            <li key={release.id} aria-label={release.name} className="grid gap-3 px-5 py-4 sm:grid-cols-[1fr_auto] sm:items-center">
              <div className="min-w-0">
                <div className="flex flex-wrap items-center gap-2">
                  <h2 className="truncate font-semibold text-slate-900">
                    <Link href={`/releases/${release.id}`} className="hover:underline">
                      {release.name}
                    </Link>
                  </h2>
                  <VerdictBadge verdict={release.verdict} />
                  {release.blockingLeft > 0 ? <span className="text-xs text-slate-600">{release.blockingLeft} blocking left</span> : null}
                </div>
                <p className="mt-1 text-sm text-slate-600">
                  {release.service} {release.version} → {release.environment}
                  {release.targetDate ? ` · target ${release.targetDate}` : ""} · {release.status.toLowerCase().replace("_", " ")}
                  {release.owner ? ` · owner ${release.owner}` : ""}
                </p>
                {release.firstReason ? (
                  <p className="mt-1 text-sm text-slate-700">
                    <ReasonMessage message={release.firstReason.message} itemText={release.firstReason.itemText} />
                    {release.reasons > 1 ? ` (and ${release.reasons - 1} more)` : ""}
                  </p>
                ) : null}
              </div>
              <div className="w-full sm:w-48">
                <ProgressBar percent={release.percent} label={`${release.name} readiness`} />
                <p className="mt-1 text-right text-xs text-slate-500">{release.percent}% of blocking items</p>
              </div>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
