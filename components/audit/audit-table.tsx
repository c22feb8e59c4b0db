import Link from "next/link";
import { LocalTime } from "@/components/ui/local-time";
import type { TAuditRow } from "@/lib/data/audit/list-audit-events";
import { describeEvent } from "@/lib/domain/audit/describe-event";
import { plainInlineText } from "@/lib/domain/markdown/inline-markdown";

export function AuditTable({ rows, showRelease, timeTravelBase }: { rows: TAuditRow[]; showRelease: boolean; timeTravelBase?: string }) {
  return (
    <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Audit events, newest first</caption>
        <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="px-3 py-2">When</th>
            <th scope="col" className="px-3 py-2">Who</th>
            <th scope="col" className="px-3 py-2">What</th>
            {showRelease ? <th scope="col" className="px-3 py-2">Release</th> : null}
            <th scope="col" className="px-3 py-2">#</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) => (
            <tr key={row.id} className="align-top">
              <td className="whitespace-nowrap px-3 py-2 text-slate-600">
                <LocalTime iso={row.created_at.toISOString()} seconds />
              </td>
              <td className="px-3 py-2">{row.actor_label}</td>
              <td className="px-3 py-2">
                {describeEvent({ action: row.action, entityType: row.entity_type, entityId: row.entity_id, before: row.before, after: row.after, itemText: row.item_text && plainInlineText(row.item_text) })}
                <span className="ml-1 text-xs text-slate-500">{row.action}</span>
              </td>
              {showRelease ? (
                <td className="px-3 py-2">
                  {row.release_id ? (
                    <Link href={`/releases/${row.release_id}/history`} className="text-brand-700 underline">
                      {row.release_name ?? "release"}
                    </Link>
                  ) : (
                    "—"
                  )}
                </td>
              ) : null}
              <td className="px-3 py-2 text-xs text-slate-500">
                {timeTravelBase ? (
                  <Link href={`${timeTravelBase}?at=${row.seq}`} aria-label={`State after event ${row.seq}`} className="underline">
                    {row.seq.toString()}
                  </Link>
                ) : (
                  row.seq.toString()
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
