import type { Metadata } from "next";
import Link from "next/link";
import { BurndownChart, OwnerChart, SectionChart, VerdictHistoryChart } from "@/components/charts/dashboard-charts";
import { VerdictBadge } from "@/components/release/verdict-badge";
import { EmptyState } from "@/components/ui/empty-state";
import { InlineMarkdown } from "@/components/ui/inline-markdown";
import { NavigationForm } from "@/components/ui/navigation-form";
import { PageHeader } from "@/components/ui/page-header";
import { PendingButton } from "@/components/ui/pending-button";
import { ProgressBar } from "@/components/ui/progress-bar";
import { requireCurrentActor } from "@/lib/auth/current-actor";
import { getDashboard, type TDashboard } from "@/lib/data/dashboard/get-dashboard";
import { LocalTime } from "@/components/ui/local-time";
import { plainInlineText } from "@/lib/domain/markdown/inline-markdown";
import { notFound } from "next/navigation";
import { cookies } from "next/headers";
import { WelcomePanel } from "@/components/dashboard/welcome-panel";
// Not from the "use client" module: there, on the server, it would be a client reference, not the name.
import { WELCOME_COOKIE } from "@/components/dashboard/welcome-cookie";
import { can } from "@/lib/auth/permissions";
import { optionalParam, zRangeDays } from "@/lib/http/params";

export const metadata: Metadata = { title: "Dashboard" };
const RANGES = [["30", "30 days"], ["90", "90 days"], ["", "All time"]] as const;

/** Where a release in flight stands with its sign-off, in words. */
function stageOf(release: TDashboard["portfolio"][number]): { text: string; tone: string } {
  if (release.status === "SIGNED_OFF") return { text: "Signed off: ready to ship", tone: "text-emerald-800" };
  if (release.signOff === "invalidated") return { text: "Sign-off voided by a later change: sign again", tone: "font-semibold text-amber-800" };
  return { text: release.status === "IN_REVIEW" ? "In review: not signed off" : "In preparation: not signed off", tone: "text-slate-600" };
}

function csvLink(chart: string, query: URLSearchParams) {
  return (
    <a href={`/dashboard/data?chart=${chart}&${query}`} className="text-xs text-brand-700 underline">
      Download CSV
    </a>
  );
}

export default async function DashboardPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const params = await searchParams;
  const actor = await requireCurrentActor();
  const range = optionalParam(zRangeDays).safeParse(params.range);
  if (!range.success) notFound();
  const rangeDays = range.data ?? null;
  const data = await getDashboard(actor, { service: params.service || undefined, environment: params.environment || undefined, rangeDays });
  const query = new URLSearchParams(Object.entries(params).filter(([, v]) => v) as [string, string][]);
  const showWelcome = (await cookies()).get(WELCOME_COOKIE)?.value !== "dismissed";
  // The release that best shows what Preflight is for: one held back, with its reasons.
  const example = data.portfolio.find((r) => r.verdict === "NO_GO") ?? data.portfolio[0];
  const isFiltered = !!(params.service || params.environment);
  const charted = data.timelines.filter((t) => t.points.length > 0).slice(0, 6);
  const link = "font-medium text-brand-700 underline";

  return (
    <>
      <PageHeader title="Dashboard" description="Which releases can ship, which cannot and why, and who is holding what." />
      {showWelcome ? (
        <WelcomePanel>
          <h2 id="welcome-title" className="font-semibold text-slate-900">
            Every release in flight, whether it can ship, and why.
          </h2>
          <p className="mt-1">Each release is a copy of a readiness checklist; Preflight turns its items into a go/no-go verdict, and a release manager signs it off.</p>
          <ol className="mt-2 list-decimal space-y-1 pl-5">
            <li>
              {example ? (
                <Link href={`/releases/${example.id}`} className="font-medium text-brand-700 underline">Open {example.name}</Link>
              ) : (
                <Link href="/releases" className="font-medium text-brand-700 underline">Open a release</Link>
              )}{" "}
              to see its verdict, what holds it back, and tick items.
            </li>
            <li>
              {can(actor, "template:import") ? (
                <Link href="/templates/import" className="font-medium text-brand-700 underline">Import your checklist</Link>
              ) : (
                <span className="font-medium">Import your checklist</span>
              )}{" "}
              from Markdown (a GitHub task list works as is){can(actor, "template:import") ? "." : ": an admin can do it."}
            </li>
            <li>
              <span className="font-medium">Invite your team</span> by configuring sign-in with your identity provider (OIDC; see “Sign-in and roles” in the README){can(actor, "users:manage") ? (
                <>, then give people their roles in <Link href="/admin" className="font-medium text-brand-700 underline">Admin</Link>.</>
              ) : "."}
            </li>
          </ol>
        </WelcomePanel>
      ) : null}
      <NavigationForm action="/dashboard" className="mb-6 flex flex-wrap items-end gap-2 text-sm" aria-label="Dashboard filters">
        <label className="text-xs text-slate-600">
          Service
          <select name="service" defaultValue={params.service ?? ""} className="block rounded-md border border-slate-300 bg-white px-2 py-1 text-sm">
            <option value="">All</option>
            {data.services.map((s) => <option key={s}>{s}</option>)}
          </select>
        </label>
        <label className="text-xs text-slate-600">
          Environment
          <select name="environment" defaultValue={params.environment ?? ""} className="block rounded-md border border-slate-300 bg-white px-2 py-1 text-sm">
            <option value="">All</option>
            {data.environments.map((e) => <option key={e}>{e}</option>)}
          </select>
        </label>
        <label className="text-xs text-slate-600">
          Time range
          <select name="range" defaultValue={params.range ?? ""} className="block rounded-md border border-slate-300 bg-white px-2 py-1 text-sm">
            {RANGES.map(([value, label]) => <option key={label} value={value}>{label}</option>)}
          </select>
        </label>
        <PendingButton pendingText="Showing…" className="rounded-md bg-slate-800 px-3 py-1.5 font-medium text-white disabled:opacity-60">Show</PendingButton>
      </NavigationForm>

      {data.portfolio.length === 0 ? (
        isFiltered ? (
          <EmptyState title="No releases in flight" action={<Link href={params.range ? `/dashboard?range=${encodeURIComponent(params.range)}` : "/dashboard"} className={link}>Show every service and environment</Link>}>
            None is in flight for these filters: choose “All” services and environments above to see the others.
          </EmptyState>
        ) : can(actor, "release:create") ? (
          <EmptyState title="No releases in flight" action={<Link href="/releases/new" className={link}>New release</Link>}>
            Create a release from a template to see here whether it can ship and what holds it back.
          </EmptyState>
        ) : (
          <EmptyState title="No releases in flight" action={<Link href="/releases?show=all" className={link}>See all releases</Link>}>
            A release manager creates releases; each one in flight shows here with whether it can ship and what holds it back.
          </EmptyState>
        )
      ) : (
        <>
          <section aria-labelledby="portfolio" className="mb-8">
            <div className="mb-2 flex items-baseline justify-between"><h2 id="portfolio" className="text-lg font-semibold">Releases in flight</h2>{csvLink("portfolio", query)}</div>
            <ul aria-label="Releases in flight" className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
              {data.portfolio.map((r) => (
                <li key={r.id} aria-label={r.name} className="rounded-xl border border-slate-200 bg-white p-4">
                  <div className="flex items-center justify-between gap-2">
                    <Link href={`/releases/${r.id}`} className="font-semibold hover:underline">{r.name}</Link>
                    <VerdictBadge verdict={r.verdict} />
                  </div>
                  <p className="mt-1 text-xs text-slate-600">{r.service} → {r.environment} · {r.blockingLeft} blocking left</p>
                  <p className={`text-xs ${stageOf(r).tone}`}>{stageOf(r).text}</p>
                  <p className={`text-xs ${r.isOverdue ? "font-semibold text-red-700" : "text-slate-600"}`}>
                    {r.targetDate ? `Target ${r.targetDate}${r.isOverdue ? " — overdue" : ""}` : "No target date"}
                  </p>
                  <div className="mt-2"><ProgressBar percent={r.percent} label={`${r.name} readiness`} /></div>
                </li>
              ))}
            </ul>
          </section>

          <section aria-labelledby="burndown" className="mb-8">
            <div className="mb-2 flex items-baseline justify-between"><h2 id="burndown" className="text-lg font-semibold">Burndown and verdict history</h2>{csvLink("timelines", query)}</div>
            {charted.length === 0 ? (
              <p className="text-sm text-slate-600">No release in flight changed in this time range: choose a longer one, such as “All time”, above.</p>
            ) : null}
            <div className="grid gap-4 lg:grid-cols-2">
              {charted.map((t) => (
                <div key={t.releaseId} className="overflow-x-auto rounded-xl border border-slate-200 bg-white p-3">
                  <h3 className="text-sm font-semibold">{t.name}</h3>
                  <BurndownChart points={t.points} ideal={t.ideal} label={`Burndown of ${t.name}`} />
                  <VerdictHistoryChart points={t.points} label={`Verdict history of ${t.name}`} />
                </div>
              ))}
            </div>
          </section>

          <div className="grid gap-6 lg:grid-cols-2">
            <section aria-labelledby="sections" className="overflow-x-auto rounded-xl border border-slate-200 bg-white p-3">
              <div className="flex items-baseline justify-between"><h2 id="sections" className="font-semibold">Where teams struggle</h2>{csvLink("sections", query)}</div>
              {data.sections.length ? (
                <SectionChart sections={data.sections.slice(0, 12).map((s) => ({ ...s, title: plainInlineText(s.title) }))} />
              ) : (
                <p className="text-sm text-slate-600">These releases have no items yet: checks added to them, or to their templates, are charted here.</p>
              )}
            </section>
            <section aria-labelledby="owners" className="overflow-x-auto rounded-xl border border-slate-200 bg-white p-3">
              <div className="flex items-baseline justify-between"><h2 id="owners" className="font-semibold">Who is holding what</h2>{csvLink("owners", query)}</div>
              {data.owners.length ? (
                <OwnerChart owners={data.owners.slice(0, 12)} />
              ) : (
                <p className="text-sm text-slate-600">
                  {can(actor, "item:update")
                    ? "No open item has an owner: give items one on their release, under “Details, evidence and comments”, to see here who holds what."
                    : "No open item has an owner yet: once items are given owners on their releases, this shows who holds what."}
                </p>
              )}
            </section>
            <section aria-labelledby="stale" className="rounded-xl border border-slate-200 bg-white p-3">
              <h2 id="stale" className="font-semibold">Evidence going stale</h2>
              {data.staleEvidence.length === 0 ? <p className="text-sm text-slate-600">No evidence expires in the next 14 days, so none needs renewing yet.</p> : null}
              <ul className="text-sm">{data.staleEvidence.map((e, i) => <li key={i}><Link href={`/releases/${e.releaseId}`} className="underline">{e.releaseName}</Link>: <InlineMarkdown source={e.itemText} /> — {e.daysLeft < 0 ? `stale for ${-e.daysLeft} days` : `${e.daysLeft} days left`}</li>)}</ul>
            </section>
            <section aria-labelledby="waivers" className="rounded-xl border border-slate-200 bg-white p-3">
              <h2 id="waivers" className="font-semibold">Waivers expiring</h2>
              {data.expiringWaivers.length === 0 ? <p className="text-sm text-slate-600">No waiver expires in the next 30 days, so none needs reviewing yet.</p> : null}
              <ul className="text-sm">{data.expiringWaivers.map((w, i) => <li key={i}><Link href={`/releases/${w.releaseId}`} className="underline">{w.releaseName}</Link>: <InlineMarkdown source={w.itemText} /> — expires {w.expiresOn} ({w.daysLeft} days left)</li>)}</ul>
            </section>
          </div>
        </>
      )}
      {data.recentlyClosed.length > 0 ? (
        <section aria-labelledby="closed" className="mt-8">
          <h2 id="closed" className="mb-2 text-lg font-semibold">Recently shipped and cancelled</h2>
          <ul aria-label="Recently shipped and cancelled" className="divide-y divide-slate-200 rounded-xl border border-slate-200 bg-white text-sm">
            {data.recentlyClosed.map((r) => (
              <li key={r.id} aria-label={r.name} className="flex flex-wrap items-baseline gap-x-3 gap-y-1 px-4 py-2">
                <Link href={`/releases/${r.id}`} className="font-semibold hover:underline">{r.name}</Link>
                <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${r.status === "SHIPPED" ? "bg-emerald-100 text-emerald-900" : "bg-slate-100 text-slate-700"}`}>
                  {r.status === "SHIPPED" ? "Shipped" : "Cancelled"}
                </span>
                <span className="text-xs text-slate-600">
                  {r.service} → {r.environment} · <LocalTime iso={r.closedAt} mode="relative" />
                </span>
                {r.reason ? <span className="w-full text-xs text-slate-600">{r.reason}</span> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
