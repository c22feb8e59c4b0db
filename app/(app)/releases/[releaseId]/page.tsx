import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ChecklistProvider, type TItemPermissions } from "@/components/release/checklist-context";
import { ChecklistItems } from "@/components/release/checklist-items";
import { ChecklistKeys, ChecklistSearch } from "@/components/release/checklist-keys";
import { ITEM_FILTERS, isItemFilter, type TItemFilter } from "@/components/release/checklist-filters";
import { ReleaseStatusText, VerdictBanner } from "@/components/release/release-live";
import { ReleaseStoreProvider } from "@/components/release/release-store";
import { toVerdictSummary } from "@/lib/data/releases/get-release-live";
import { SignOffSeats } from "@/components/release/sign-off-seats";
import { AddSeatForm, RequestSignOffForm } from "@/components/release/sign-off-requests";
import { SignOffForm } from "@/components/release/sign-off-panel";
import { ReleaseLifecyclePanel } from "@/components/release/release-lifecycle-panel";
import { AddReleaseItemForm } from "@/components/release/add-release-item-form";
import { VersionMovePanel } from "@/components/release/version-move-panel";
import { previewVersionMove } from "@/lib/data/releases/move-release-version";
import { SignOffHistory } from "@/components/release/sign-off-history";
import { requireCurrentActor } from "@/lib/auth/current-actor";
import { can } from "@/lib/auth/permissions";
import { plainInlineText } from "@/lib/domain/markdown/inline-markdown";
import { requestNow } from "@/lib/clock";
import { getReleaseView, type TSectionView } from "@/lib/data/releases/get-release-view";
import { toChecklist } from "@/lib/data/releases/release-checklist";
import { getReleaseTimeline } from "@/lib/data/releases/get-release-timeline";
import { LazyBurndownChart } from "@/components/charts/lazy-burndown-chart";
import { LocalTime } from "@/components/ui/local-time";
import { isId } from "@/lib/http/params";
import { OwnerOptions } from "@/components/release/owner-options";
import { getOwnerDirectory } from "@/lib/data/owners/get-owner-directory";
import { getOwnerSelf } from "@/lib/data/owners/get-owner-self";
import { indexOwners, ownerKeysOf } from "@/lib/domain/owners/owners";

export const metadata: Metadata = { title: "Release" };

/** Every section, subsections after their parent, titled as a reader sees them ("Parent / Child"). */
function sectionOptions(sections: TSectionView[], path: string[] = []): { id: string; title: string }[] {
  return sections.flatMap((s) => {
    const titles = [...path, plainInlineText(s.title)];
    return [{ id: s.id, title: titles.join(" / ") }, ...sectionOptions(s.sections, titles)];
  });
}

export default async function ReleasePage({
  params,
  searchParams,
}: {
  params: Promise<{ releaseId: string }>;
  searchParams: Promise<{ filter?: string }>;
}) {
  const [{ releaseId }, { filter: rawFilter }] = await Promise.all([params, searchParams]);
  const actor = await requireCurrentActor();
  if (!isId(releaseId)) notFound();
  const [view, timeline, versionMove] = await Promise.all([
    getReleaseView(actor, releaseId, { now: await requestNow() }),
    getReleaseTimeline(actor, releaseId),
    previewVersionMove(actor, releaseId),
  ]);
  if (!view) notFound();

  const filter: TItemFilter = isItemFilter(rawFilter) ? rawFilter : "all";
  const [self, directory] = await Promise.all([getOwnerSelf(actor), getOwnerDirectory(actor)]);
  const me = ownerKeysOf(self ?? { email: actor.email, name: actor.name, teams: [] });
  // The checklist goes to the browser as data, once; the filter is applied there.
  const checklist = toChecklist(view.sections, indexOwners(directory));
  const { release, closure } = view;
  // A shipped or cancelled release is frozen for everyone: only comments can be added.
  const isOpen = !closure;
  const permissions: TItemPermissions = {
    canUpdate: isOpen && can(actor, "item:update"),
    canAddEvidence: isOpen && can(actor, "evidence:add"),
    canComment: can(actor, "comment:add"),
    canWaive: isOpen && can(actor, "waiver:approve"),
  };

  return (
    <ReleaseStoreProvider
      live={{
        seq: view.seq, status: release.status, verdict: toVerdictSummary(view.verdict), signOffs: view.signOffs,
        signOffTable: view.signOffTable, mySeats: view.mySeats, signOffRequested: view.signOffRequested,
      }}
    >
      <ChecklistProvider data={JSON.stringify(checklist)} filter={filter} me={me} permissions={permissions}>
      <div className="mb-4 flex flex-wrap items-end justify-between gap-4">
        <div>
          <p className="text-sm text-slate-500">
            <Link href="/releases" className="hover:underline">Releases</Link> / {release.service}
          </p>
          <h1 className="text-2xl font-semibold tracking-tight">{release.name}</h1>
          <p className="mt-1 text-sm text-slate-600">
            {release.service} {release.version} → {release.environment}
            {release.targetDate ? ` · target ${release.targetDate}` : ""}
            {release.targetLevel ? ` · level ${release.targetLevel}` : ""} · {release.templateTitle} v{release.templateVersion} · <ReleaseStatusText />
          </p>
        </div>
        <nav aria-label="Export" className="flex flex-wrap gap-2 text-sm print:hidden">
          {(["md", "json", "csv"] as const).map((format) => (
            <a key={format} href={`/releases/${release.id}/export?format=${format}`} className="rounded-md border border-slate-300 bg-white px-2 py-1 hover:bg-slate-50">
              Export {format.toUpperCase()}
            </a>
          ))}
          <a href={`/releases/${release.id}/evidence-pack`} className="rounded-md border border-slate-300 bg-white px-2 py-1 hover:bg-slate-50">
            Evidence pack
          </a>
          <a href={`/releases/${release.id}/history`} className="rounded-md border border-slate-300 bg-white px-2 py-1 hover:bg-slate-50">
            History
          </a>
          <a href={`/releases/${release.id}/report`} className="rounded-md border border-slate-300 bg-white px-2 py-1 hover:bg-slate-50">
            Sign-off report
          </a>
        </nav>
      </div>

      {closure ? (
        <p role="status" className="mb-4 rounded-xl border border-slate-300 bg-slate-100 p-4 text-sm text-slate-800">
          <span className="font-semibold">{release.status === "SHIPPED" ? "Shipped" : "Cancelled"}</span> on <LocalTime iso={closure.at} />
          {closure.by ? ` by ${closure.by}` : ""}
          {closure.reason ? `: ${closure.reason}` : ""}. The checklist is frozen: items, evidence, waivers and sign-offs can no longer change; comments can still be added.
        </p>
      ) : null}
      <VerdictBanner />

      <div className="mt-6 grid gap-8 lg:grid-cols-[1fr_18rem]">
        <div>
          <nav aria-label="Filter items" className="flex flex-wrap gap-2 print:hidden">
            {(Object.keys(ITEM_FILTERS) as TItemFilter[]).map((key) => (
              <Link
                key={key}
                href={key === "all" ? `/releases/${release.id}` : `/releases/${release.id}?filter=${key}`}
                aria-current={filter === key ? "page" : undefined}
                className={`rounded-full px-3 py-1 text-xs font-medium ${filter === key ? "bg-brand-600 text-white" : "bg-white text-slate-700 ring-1 ring-slate-300"}`}
              >
                {ITEM_FILTERS[key].label}
              </Link>
            ))}
          </nav>
          <ChecklistSearch />
          {permissions.canUpdate ? <OwnerOptions directory={directory} /> : null}
          <ChecklistItems />
          <ChecklistKeys />
        </div>
        <aside aria-label="Sign-off" className="space-y-4">
          <h2 className="font-semibold">Sign-off</h2>
          <SignOffSeats />
          {!isOpen ? null : can(actor, "release:sign-off") ? (
            <SignOffForm releaseId={release.id} />
          ) : (
            <p className="text-sm text-slate-600">The people each seat names sign it go or no-go.</p>
          )}
          {isOpen && can(actor, "release:manage") ? (
            <div className="space-y-2 border-t border-slate-200 pt-3">
              <RequestSignOffForm releaseId={release.id} />
              <AddSeatForm releaseId={release.id} />
            </div>
          ) : null}
          {can(actor, "release:manage") ? (
            <section aria-label="Release state" className="border-t border-slate-200 pt-3">
              <h2 className="mb-2 font-semibold">Release state</h2>
              <ReleaseLifecyclePanel releaseId={release.id} />
              {isOpen ? <div className="mt-3"><AddReleaseItemForm releaseId={release.id} sections={sectionOptions(view.sections)} /></div> : null}
            </section>
          ) : null}
          <SignOffHistory />
          {versionMove && isOpen ? <VersionMovePanel releaseId={release.id} preview={versionMove} canMove={can(actor, "release:manage")} /> : null}
          {timeline && timeline.points.length > 1 ? (
            <div className="overflow-x-auto print:hidden">
              <h2 className="mt-4 font-semibold">Burndown</h2>
              <LazyBurndownChart points={timeline.points} ideal={timeline.ideal} label={`Burndown of ${release.name}`} width={300} />
            </div>
          ) : null}
        </aside>
      </div>
      </ChecklistProvider>
    </ReleaseStoreProvider>
  );
}
