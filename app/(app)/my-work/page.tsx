import type { Metadata } from "next";
import Link from "next/link";
import { ReasonMessage } from "@/components/release/reason-message";
import { EmptyState } from "@/components/ui/empty-state";
import { LocalTime } from "@/components/ui/local-time";
import { InlineMarkdown } from "@/components/ui/inline-markdown";
import { PageHeader } from "@/components/ui/page-header";
import { requireCurrentActor } from "@/lib/auth/current-actor";
import { getMyWork } from "@/lib/data/my-work/get-my-work";

export const metadata: Metadata = { title: "My work" };

export default async function MyWorkPage() {
  const actor = await requireCurrentActor();
  const { items, teams, today, signOffs } = await getMyWork(actor);
  const overdue = items.filter((i) => i.isOverdue).length;
  const mine = teams.length > 0 ? `you or your teams (${teams.join(", ")})` : "you";
  return (
    <>
      <PageHeader
        title="My work"
        description={`Items owned by ${mine} that are not done yet, in releases not shipped or cancelled. Overdue first, then by due date.`}
      />
      {signOffs.length > 0 ? (
        <section aria-labelledby="sign-offs-asked" className="mb-6 rounded-xl border border-slate-200 bg-brand-50 p-4">
          <h2 id="sign-offs-asked" className="font-semibold text-slate-900">Sign-off asked of you</h2>
          <ul aria-label="Sign-off asked of you" className="mt-2 space-y-1 text-sm">
            {signOffs.map((s) => (
              <li key={s.releaseId} aria-label={s.releaseName}>
                <Link href={`/releases/${s.releaseId}`} className="font-medium text-brand-700 underline">{s.releaseName}</Link>: sign as {s.seats.join(" or ")}
                <span className="text-xs text-slate-600">
                  {" "}· asked{s.requestedBy ? ` by ${s.requestedBy}` : ""} <LocalTime iso={s.requestedAt} mode="relative" />
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {items.length === 0 && signOffs.length > 0 ? null : items.length === 0 ? (
        <EmptyState
          title="Nothing on your plate"
          action={
            <Link href="/releases" className="font-medium text-brand-700 underline">
              Go to releases
            </Link>
          }
        >
          No open item is owned by {mine}. To take one on, open a release, expand an item’s “Details, evidence and comments” and pick yourself
          {teams.length > 0 ? " or your team" : ""} as its owner. An admin can add you to a team under Admin → Teams.
        </EmptyState>
      ) : (
        <>
          <p role="status" className="mb-3 text-sm text-slate-700">
            {items.length} open item{items.length === 1 ? "" : "s"}
            {overdue > 0 ? <span className="font-semibold text-red-700">, {overdue} overdue</span> : null}.
          </p>
          <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">Open items owned by {mine}, overdue first</caption>
              <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
                <tr>
                  <th scope="col" className="px-4 py-2">Item</th>
                  <th scope="col" className="px-4 py-2">Release</th>
                  <th scope="col" className="px-4 py-2">Status</th>
                  <th scope="col" className="px-4 py-2">Due</th>
                  <th scope="col" className="px-4 py-2">Owner</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-200">
                {items.map((item) => (
                  <tr key={item.itemId} className={item.isOverdue ? "bg-red-50/50" : undefined}>
                    <th scope="row" className="px-4 py-3 font-normal text-slate-900">
                      <Link href={`/releases/${item.releaseId}#item-${item.itemKey}`} className="hover:underline">
                        <InlineMarkdown source={item.text} isInsideLink />
                      </Link>
                      {item.note ? (
                        <span className="mt-0.5 block text-xs text-amber-800">
                          <ReasonMessage message={item.note} itemText={item.text} />
                        </span>
                      ) : null}
                    </th>
                    <td className="px-4 py-3">
                      <Link href={`/releases/${item.releaseId}`} className="text-slate-700 hover:underline">
                        {item.releaseName}
                      </Link>
                    </td>
                    <td className="px-4 py-3">{item.statusLabel}</td>
                    <td className="whitespace-nowrap px-4 py-3">
                      {item.dueDate ? (
                        <>
                          <time dateTime={item.dueDate}>{item.dueDate}</time>
                          {item.isOverdue ? <span className="ml-2 text-xs font-semibold text-red-700">Overdue</span> : null}
                        </>
                      ) : (
                        <span className="text-slate-500">No due date</span>
                      )}
                    </td>
                    <td className="px-4 py-3">{item.ownedBy}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="mt-2 text-xs text-slate-500">Overdue means due before today ({today}, UTC).</p>
        </>
      )}
    </>
  );
}
