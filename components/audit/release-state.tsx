import { VerdictBadge } from "@/components/release/verdict-badge";
import { InlineMarkdown } from "@/components/ui/inline-markdown";
import { LocalTime } from "@/components/ui/local-time";
import type { TReleaseState } from "@/lib/domain/audit/replay-release";
import { itemStatusLabel } from "@/lib/domain/checklist/types";


/** The release's checklist, verdict and sign-offs at one moment; with `compare`, what differs from another. */
export function ReleaseStateView({ state, label, compare }: { state: TReleaseState; label: string; compare?: TReleaseState }) {
  const previous = new Map(compare?.items.map((item) => [item.id, item]));
  const changed = (id: string, status: string, owner: string | null) => {
    const old = previous.get(id);
    return !!compare && !!old && (old.status !== status || old.owner !== owner);
  };
  return (
    <section aria-label={label} className="rounded-xl border border-slate-200 bg-white p-4">
      <div className="flex flex-wrap items-center gap-3">
        <h2 className="font-semibold">{label}</h2>
        <VerdictBadge verdict={state.verdict.verdict} />
        <span className="text-sm text-slate-600">
          {state.verdict.progress.satisfied}/{state.verdict.progress.total} blocking satisfied · <LocalTime iso={state.at.toISOString()} seconds />
        </span>
      </div>
      <table className="mt-3 w-full text-sm">
        <caption className="sr-only">Items at this moment</caption>
        <thead className="text-left text-xs uppercase text-slate-500">
          <tr>
            <th scope="col">Item</th>
            <th scope="col">Status</th>
            <th scope="col">Owner</th>
          </tr>
        </thead>
        <tbody>
          {state.items.map((item) => (
            <tr key={item.id} className={changed(item.id, item.status, item.owner) ? "bg-amber-50" : undefined}>
              <td className="py-0.5 pr-2">
                <InlineMarkdown source={item.text} />
              </td>
              <td className="py-0.5 pr-2">
                {itemStatusLabel(item.status, item.kind)}
                {changed(item.id, item.status, item.owner) ? <span className="ml-1 text-xs text-amber-800">(was {itemStatusLabel(previous.get(item.id)!.status, item.kind)})</span> : null}
              </td>
              <td className="py-0.5">{item.owner ?? ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3 className="mt-3 text-sm font-semibold">Sign-offs then</h3>
      {state.signOffs.length === 0 ? <p className="text-sm text-slate-600">None.</p> : null}
      <ul className="text-sm">
        {state.signOffs.map((s) => (
          <li key={s.seq}>
            {s.decision === "GO" ? "Go" : "No-go"} by {s.signer}{s.seat ? ` as ${s.seat}` : ""} ({s.verdict.replaceAll("_", " ").toLowerCase()}){s.contentHash ? `, content ${s.contentHash.slice(0, 12)}` : ""}
            {s.invalidatedBy ? ` — invalidated: ${s.invalidatedBy}` : " — valid"}
          </li>
        ))}
      </ul>
    </section>
  );
}
