import Link from "next/link";
import { NavigationForm } from "@/components/ui/navigation-form";
import { PendingButton } from "@/components/ui/pending-button";

export type TReleaseQuery = { show?: string; state?: string; verdict?: string; service?: string; sort?: string };

/** The states a release is filtered by: in preparation (draft or in review), signed off, shipped, cancelled. */
export const RELEASE_STATES = [
  ["", "Any state", []],
  ["preparation", "In preparation", ["DRAFT", "IN_REVIEW"]],
  ["signed-off", "Signed off", ["SIGNED_OFF"]],
  ["shipped", "Shipped", ["SHIPPED"]],
  ["cancelled", "Cancelled", ["CANCELLED"]],
] as const;

const SHOW = [
  ["active", "Active"],
  ["mine", "Mine"],
  ["all", "All"],
] as const;
const VERDICTS = [
  ["", "Any verdict"],
  ["NO_GO", "No-go"],
  ["GO_WITH_EXCEPTIONS", "Go with exceptions"],
  ["GO", "Go"],
] as const;
const SORTS = [
  ["newest", "Newest"],
  ["target", "Target date"],
  ["progress", "Least ready"],
  ["name", "Name"],
] as const;

function href(query: TReleaseQuery, change: Partial<TReleaseQuery>): string {
  const params = new URLSearchParams(Object.entries({ ...query, ...change }).filter(([, v]) => v) as [string, string][]);
  const text = params.toString();
  return text ? `/releases?${text}` : "/releases";
}

/** Links and a GET form (loaded in a transition, so "Apply" shows the wait): filtering works without JavaScript and keeps the URL shareable. */
export function ReleaseFilters({ query, services }: { query: TReleaseQuery; services: string[] }) {
  const show = query.show ?? "active";
  return (
    <div className="mb-4 flex flex-wrap items-center gap-3">
      <nav aria-label="Show releases" className="flex gap-1">
        {SHOW.map(([value, label]) => (
          <Link
            key={value}
            href={href(query, { show: value === "active" ? undefined : value })}
            aria-current={show === value ? "page" : undefined}
            className={`rounded-full px-3 py-1 text-xs font-medium ${show === value ? "bg-brand-600 text-white" : "bg-white text-slate-700 ring-1 ring-slate-300"}`}
          >
            {label}
          </Link>
        ))}
      </nav>
      <NavigationForm action="/releases" className="flex flex-wrap items-center gap-2 text-sm" aria-label="Filter releases">
        {query.show ? <input type="hidden" name="show" value={query.show} /> : null}
        <select name="state" defaultValue={query.state ?? ""} aria-label="State" className="rounded-md border border-slate-300 bg-white px-2 py-1">
          {RELEASE_STATES.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
        <select name="verdict" defaultValue={query.verdict ?? ""} aria-label="Verdict" className="rounded-md border border-slate-300 bg-white px-2 py-1">
          {VERDICTS.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
        <select name="service" defaultValue={query.service ?? ""} aria-label="Service" className="rounded-md border border-slate-300 bg-white px-2 py-1">
          <option value="">Any service</option>
          {services.map((service) => (
            <option key={service} value={service}>
              {service}
            </option>
          ))}
        </select>
        <select name="sort" defaultValue={query.sort ?? "newest"} aria-label="Sort by" className="rounded-md border border-slate-300 bg-white px-2 py-1">
          {SORTS.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
        <PendingButton pendingText="Applying…" className="rounded-md border border-slate-300 bg-white px-2 py-1 font-medium hover:bg-slate-50 disabled:opacity-60">
          Apply
        </PendingButton>
      </NavigationForm>
    </div>
  );
}
