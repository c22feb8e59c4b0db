"use client";

import { useState, useTransition } from "react";
import { useReleaseLive } from "@/components/release/release-live";
import { updateItemStatusAction } from "@/lib/actions/releases/update-item-status-action";
import { ITEM_STATUS_LABELS, type TItemStatus } from "@/lib/domain/checklist/types";

const CHIP: Record<TItemStatus, string> = {
  OPEN: "bg-slate-100 text-slate-700",
  IN_PROGRESS: "bg-sky-100 text-sky-800",
  DONE: "bg-emerald-100 text-emerald-800",
  BLOCKED: "bg-red-100 text-red-800",
  NOT_APPLICABLE: "bg-slate-200 text-slate-700",
  WAIVED: "bg-amber-100 text-amber-900",
};

type TProps = { itemId: string; text: string; status: TItemStatus; version: number; canEdit: boolean; isNoGo: boolean };

/**
 * The item's status: a checkbox for done, a select for the rest. The change shows at once
 * and rolls back, with the reason, if the server refuses it (a conflict included).
 */
export function ItemStatusControl({ itemId, text, status: initialStatus, version: initialVersion, canEdit, isNoGo }: TProps) {
  const { setVerdict } = useReleaseLive();
  const [status, setStatus] = useState(initialStatus);
  const [version, setVersion] = useState(initialVersion);
  const [error, setError] = useState<string | null>(null);
  const [isAskingReason, setIsAskingReason] = useState(false);
  const [reason, setReason] = useState("");
  const [isPending, startTransition] = useTransition();

  function change(next: TItemStatus, naReason?: string) {
    const previous = status;
    setStatus(next);
    setError(null);
    startTransition(async () => {
      const result = await updateItemStatusAction({ itemId, expectedVersion: version, status: next, naReason });
      if (!result.ok) {
        setStatus(previous);
        setError(result.error);
        return;
      }
      setVersion(result.data.version);
      setIsAskingReason(false);
      setReason("");
      if (result.data.verdict) setVerdict(result.data.verdict);
    });
  }

  const doneLabel = isNoGo ? `Confirmed not true: ${text}` : `Done: ${text}`;
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
            {(Object.keys(ITEM_STATUS_LABELS) as TItemStatus[]).map((value) => (
              <option key={value} value={value} disabled={value === "WAIVED"}>
                {ITEM_STATUS_LABELS[value]}
              </option>
            ))}
          </select>
        ) : (
          <span className={`rounded-full px-2 py-0.5 text-xs font-semibold ${CHIP[status]}`}>{ITEM_STATUS_LABELS[status]}</span>
        )}
        {isPending ? <span className="text-xs text-slate-500">Saving…</span> : null}
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
          <button type="submit" className="rounded-md bg-slate-800 px-2 py-1 text-xs font-medium text-white">
            Mark not applicable
          </button>
          <button type="button" onClick={() => setIsAskingReason(false)} className="text-xs text-slate-600 underline">
            Cancel
          </button>
        </form>
      ) : null}
      {error ? (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
