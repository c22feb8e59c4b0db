"use client";

import { useState, useTransition } from "react";
import { useItemMessage, useLiveItem, useReleaseStore } from "@/components/release/release-store";
import { WaitingButton } from "@/components/ui/pending-button";
import { updateItemStatusAction } from "@/lib/actions/releases/update-item-status-action";
import type { TLiveItem } from "@/lib/data/releases/live-item";
import { ITEM_STATUSES, itemStatusLabel, type TItemKind, type TItemStatus } from "@/lib/domain/checklist/types";

const CHIP: Record<TItemStatus, string> = {
  OPEN: "bg-slate-100 text-slate-700",
  IN_PROGRESS: "bg-sky-100 text-sky-800",
  DONE: "bg-emerald-100 text-emerald-800",
  BLOCKED: "bg-red-100 text-red-800",
  NOT_APPLICABLE: "bg-slate-200 text-slate-700",
  WAIVED: "bg-amber-100 text-amber-900",
};

/** `text`: the item's text as a reader sees it, without Markdown (plainInlineText): it names the controls. */
type TProps = { item: TLiveItem; text: string; kind: TItemKind; canEdit: boolean };

/**
 * The item's status: a checkbox for done ("does not hold" for a no-go condition), a select
 * for the rest. It reads the page's store; a change shows at once and, if the server refuses
 * it, shows the server's state instead (a conflict brings the other person's change).
 */
export function ItemStatusControl({ item: seed, text, kind, canEdit }: TProps) {
  const store = useReleaseStore();
  const item = useLiveItem(seed);
  const [optimistic, setOptimistic] = useState<TItemStatus | null>(null);
  const [isAskingReason, setIsAskingReason] = useState(false);
  const [reason, setReason] = useState("");
  const [isPending, startTransition] = useTransition();
  const status = optimistic ?? item.status;
  const isNoGo = kind === "NO_GO_CONDITION";

  function change(next: TItemStatus, naReason?: string) {
    setOptimistic(next);
    store.setMessage(item.id, null);
    startTransition(async () => {
      const result = await store.enqueue(item.id, (version) => updateItemStatusAction({ itemId: item.id, expectedVersion: version, status: next, naReason }));
      store.apply(result);
      setOptimistic(null);
      if (!result.ok) {
        store.setMessage(item.id, result.error);
        return;
      }
      setIsAskingReason(false);
      setReason("");
    });
  }

  const doneLabel = isNoGo ? `Does not hold: ${text}` : `Done: ${text}`;
  return (
    <div className="flex flex-col gap-1">
      <div className="flex flex-wrap items-center gap-2">
        <input
          type="checkbox"
          aria-label={doneLabel}
          checked={status === "DONE"}
          disabled={!canEdit || isPending}
          onChange={(event) => change(event.target.checked ? "DONE" : "OPEN")}
          className="size-5 rounded border-slate-400 accent-emerald-600"
        />
        {canEdit ? (
          <select
            aria-label={`Status of ${text}`}
            value={isAskingReason ? "NOT_APPLICABLE" : status}
            disabled={isPending}
            onChange={(event) => {
              const next = event.target.value as TItemStatus;
              if (next === "NOT_APPLICABLE") setIsAskingReason(true);
              else if (next !== "WAIVED") change(next);
            }}
            className={`rounded-full border-0 px-2 py-0.5 text-xs font-semibold ${CHIP[status]}`}
          >
            {ITEM_STATUSES.filter((value) => !(isNoGo && value === "WAIVED")).map((value) => (
              <option key={value} value={value} disabled={value === "WAIVED"}>
                {itemStatusLabel(value, kind)}
              </option>
            ))}
          </select>
        ) : (
          <span className={`rounded-full px-2 py-0.5 text-xs font-semibold ${CHIP[status]}`}>{itemStatusLabel(status, kind)}</span>
        )}
        {/* While the reason's form is open, its button shows the wait. */}
        {isPending && !isAskingReason ? <span className="text-xs text-slate-500">Saving…</span> : null}
      </div>
      {isAskingReason ? (
        <form
          className="flex flex-wrap items-center gap-2"
          onSubmit={(event) => {
            event.preventDefault();
            if (reason.trim()) change("NOT_APPLICABLE", reason.trim());
          }}
        >
          <input
            aria-label={`Why “${text}” does not apply`}
            required
            value={reason}
            onChange={(event) => setReason(event.target.value)}
            placeholder="Why it does not apply"
            className="min-w-56 flex-1 rounded-md border border-slate-300 px-2 py-1 text-sm"
          />
          <WaitingButton type="submit" isPending={isPending} pendingText="Marking not applicable…" className="rounded-md bg-slate-800 px-2 py-1 text-xs font-medium text-white disabled:opacity-60">
            Mark not applicable
          </WaitingButton>
          <button type="button" onClick={() => setIsAskingReason(false)} className="text-xs text-slate-600 underline">
            Cancel
          </button>
        </form>
      ) : null}
    </div>
  );
}

/** The last refusal of a change to the item, across the row's full width (never squeezing the item's text). */
export function ItemMessage({ itemId }: { itemId: string }) {
  const message = useItemMessage(itemId);
  if (!message) return null;
  return (
    <p role="alert" className="mt-2 break-words rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
      {message}
    </p>
  );
}
