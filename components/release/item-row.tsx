"use client";

import { memo } from "react";
import type { TItemPermissions } from "@/components/release/checklist-context";
import { ItemDetailsPanel, RevokeWaiverForm } from "@/components/release/item-forms";
import { ItemMessage, ItemStatusControl } from "@/components/release/item-status-control";
import { LocalTime } from "@/components/ui/local-time";
import { BlockNodes, InlineNodes } from "@/components/ui/markdown-nodes";
import { endSentence } from "@/lib/domain/text/end-sentence";
import type { TChecklistItem } from "@/lib/data/releases/release-checklist";

/**
 * One item, drawn from the checklist's data (the server parsed its Markdown). Memoised: a
 * change to one item re-renders only what reads it from the page's store.
 * `position`/`count`: where it stands in a list drawn as you scroll (screen readers say "3 of 5 000").
 */
export const ItemRow = memo(function ItemRow({ item, can, position, count }: { item: TChecklistItem; can: TItemPermissions; position?: number; count?: number }) {
  // The text is Markdown, shown formatted; controls are named with the plain text a reader sees.
  const label = item.label;
  const live = { id: item.id, status: item.status, version: item.version, owner: item.owner, dueDate: item.dueDate, naReason: item.naReason };
  const meta = [
    // A person, a team, or text that names neither, each shown as such.
    item.ownerText ? `Owner: ${item.ownerText}` : "No owner",
    item.dueDate ? `Due ${item.dueDate}` : null,
    `${item.evidence.length} evidence`,
    item.isBlocking ? null : "Advisory",
    item.ciCheck ? `CI check: ${item.ciCheck}` : null,
  ].filter(Boolean);
  return (
    <li id={`item-${item.key}`} aria-label={label} aria-posinset={position} aria-setsize={count} className="scroll-mt-24 py-3">
      <div className="grid gap-2 sm:grid-cols-[auto_1fr] sm:gap-4">
        <ItemStatusControl item={live} text={label} kind={item.kind} canEdit={can.canUpdate} />
        <div className="min-w-0">
          <p className="break-words text-sm text-slate-900">
            {item.kind === "GO_CRITERION" ? <span className="mr-1 text-xs font-semibold text-emerald-700">GO IF</span> : null}
            {item.kind === "NO_GO_CONDITION" ? <span className="mr-1 text-xs font-semibold text-red-700">NO-GO IF</span> : null}
            <InlineNodes nodes={item.textNodes} />
            {item.releaseOnly ? <span className="ml-2 rounded bg-violet-100 px-1.5 py-0.5 text-xs font-medium text-violet-800">Release only</span> : null}
          </p>
          <p className="mt-0.5 text-xs text-slate-500">
            {meta.join(" · ")}
            {item.isEvidenceStale ? <span className="ml-1 font-semibold text-red-700">· Evidence stale</span> : null}
            {item.evidenceExpiry ? <span className="ml-1">· {item.evidenceExpiry}</span> : null}
            {item.naReason ? <span className="ml-1">· N/A: {item.naReason}</span> : null}
          </p>
          <ItemDetailsPanel
            forms={{
              item: live,
              text: label,
              canUpdate: can.canUpdate,
              canAddEvidence: can.canAddEvidence,
              canComment: can.canComment,
              canWaive: can.canWaive && item.kind !== "NO_GO_CONDITION" && item.status !== "WAIVED",
              hasEvidence: item.evidence.length > 0,
              hasComments: item.comments.length > 0,
            }}
          >
            {item.detailBlocks ? <BlockNodes blocks={item.detailBlocks} className="text-xs text-slate-700" /> : null}
            {item.evidence.length > 0 ? (
              <ul aria-label={`Evidence for ${label}`} className="space-y-1 text-xs">
                {item.evidence.map((e) => (
                  <li key={e.id}>
                    {e.kind === "CI_RESULT" ? (
                      <span className={`mr-1 rounded px-1 font-semibold ${e.ciStatus === "pass" ? "bg-emerald-100 text-emerald-800" : "bg-red-100 text-red-800"}`}>
                        CI {e.ciStatus === "pass" ? "passed" : "failed"}
                      </span>
                    ) : null}
                    {e.url ? (
                      <a href={e.url} rel="noreferrer noopener" target="_blank" className="text-brand-700 underline">
                        {e.url}
                      </a>
                    ) : null}
                    {e.note ? <span className="ml-1">{e.note}</span> : null}
                    <span className="ml-1 text-slate-500">
                      — {e.addedBy ?? "unknown"}, <LocalTime iso={e.addedAt} mode="relative" />
                      {e.expiresAt ? `, expires ${e.expiresAt}` : ""}
                    </span>
                  </li>
                ))}
              </ul>
            ) : null}
            {item.waivers.map((w) => (
              <div key={w.id} className="space-y-1">
                <p className="text-xs text-amber-900">
                  Waiver{w.isActive ? "" : " (no longer valid)"} by {w.approver}
                  {w.expiresAt ? ` until ${w.expiresAt}` : ""}: {endSentence(w.reason)} Compensating control: {endSentence(w.compensatingControl)}
                  {w.revoked ? ` Revoked by ${w.revoked.by ?? "unknown"} on ${w.revoked.on}: ${endSentence(w.revoked.reason ?? "no reason recorded")}` : null}
                </p>
                {w.isActive && can.canWaive ? <RevokeWaiverForm itemId={item.id} waiverId={w.id} text={label} version={item.version} /> : null}
              </div>
            ))}
            {item.comments.map((c) => (
              <p key={c.id} className="text-xs">
                <span className="font-medium">{c.author ?? "unknown"}</span>: {c.body}
              </p>
            ))}
          </ItemDetailsPanel>
          {item.children.length > 0 ? (
            <ul className="ml-2 mt-1 divide-y divide-slate-100 border-l border-slate-200 pl-4">
              {item.children.map((child) => (
                <ItemRow key={child.id} item={child} can={can} />
              ))}
            </ul>
          ) : null}
        </div>
      </div>
      <ItemMessage itemId={item.id} />
    </li>
  );
});
