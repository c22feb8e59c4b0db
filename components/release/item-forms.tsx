"use client";

import { useActionState, useState } from "react";
import { OWNER_OPTIONS_ID } from "@/components/release/owner-options";
import { PendingButton } from "@/components/ui/pending-button";
import { useLiveItem, useReleaseStore } from "@/components/release/release-store";
import type { TActionResult } from "@/lib/actions/action-result";
import type { TReleaseChange } from "@/lib/actions/releases/release-change";
import type { TLiveItem } from "@/lib/data/releases/live-item";
import { addCommentAction } from "@/lib/actions/releases/add-comment-action";
import { addEvidenceAction } from "@/lib/actions/releases/add-evidence-action";
import { grantWaiverAction } from "@/lib/actions/releases/grant-waiver-action";
import { revokeWaiverAction } from "@/lib/actions/releases/revoke-waiver-action";
import { updateItemDetailsAction } from "@/lib/actions/releases/update-item-details-action";

const input = "w-full rounded-md border border-slate-300 px-2 py-1 text-sm";
const button = "rounded-md bg-slate-800 px-3 py-1 text-xs font-medium text-white disabled:opacity-60";

/**
 * A form action on one item through the page's store: it runs after the item's other writes
 * with the version the store holds then (so a person's own edits never conflict), and its
 * answer updates the store.
 */
function useItemAction<T>(itemId: string, action: (previous: TActionResult<T> | null, formData: FormData) => Promise<TActionResult<T>>) {
  const store = useReleaseStore();
  return useActionState(async (previous: TActionResult<T> | null, formData: FormData) => {
    const result = await store.enqueue(itemId, (version) => {
      if (formData.has("expectedVersion")) formData.set("expectedVersion", String(version));
      return action(previous, formData);
    });
    store.apply(result);
    return result;
  }, null);
}

function Outcome({ state, success }: { state: TActionResult | null; success: string }) {
  if (!state) return null;
  if (state.ok) return <p role="status" className="text-xs text-emerald-700">{success}</p>;
  const details = Object.values(state.fieldErrors ?? {}).flat();
  return (
    <p role="alert" className="break-words text-xs text-red-700">
      {state.error} {details.join(" ")}
    </p>
  );
}

export function ItemDetailsForm({ item: seed, text }: { item: TLiveItem; text: string }) {
  const item = useLiveItem(seed);
  const [state, action] = useItemAction<TReleaseChange>(item.id, updateItemDetailsAction);
  const { id: itemId, version, owner, dueDate } = item;
  return (
    <form action={action} className="grid gap-2 sm:grid-cols-[1fr_auto_auto] sm:items-end">
      <input type="hidden" name="itemId" value={itemId} />
      <input type="hidden" name="expectedVersion" value={version} />
      <label className="text-xs text-slate-600">
        Owner
        {/* A combobox: it offers the page's people and teams (OwnerOptions) and takes any text. */}
        <input
          name="owner"
          list={OWNER_OPTIONS_ID}
          defaultValue={owner ?? ""}
          aria-label={`Owner of ${text}`}
          aria-describedby={`owner-hint-${itemId}`}
          className={input}
          placeholder="Person, team or any name"
        />
      </label>
      <label className="text-xs text-slate-600">
        Due
        <input name="dueDate" type="date" defaultValue={dueDate ?? ""} aria-label={`Due date of ${text}`} className={input} />
      </label>
      <PendingButton pendingText="Saving…" className={button} aria-label={`Save owner and due date of ${text}`} pendingLabel={`Saving owner and due date of ${text}`}>
        Save
      </PendingButton>
      <p id={`owner-hint-${itemId}`} className="text-xs text-slate-500 sm:col-span-3">
        Pick a person or a team; any other name is kept as text.
      </p>
      <div className="sm:col-span-3">
        <Outcome state={state} success="Saved." />
      </div>
    </form>
  );
}

export function EvidenceForm({ itemId, text }: { itemId: string; text: string }) {
  const [state, action] = useItemAction<TReleaseChange>(itemId, addEvidenceAction);
  return (
    <form action={action} className="grid gap-2">
      <input type="hidden" name="itemId" value={itemId} />
      <input name="url" type="url" aria-label={`Evidence link for ${text}`} placeholder="https://… (CI run, dashboard, document)" className={input} />
      <input name="note" aria-label={`Evidence note for ${text}`} placeholder="Note (required without a link)" className={input} />
      <label className="text-xs text-slate-600">
        Expires on (optional)
        <input name="expiresOn" type="date" aria-label={`Evidence expiry for ${text}`} className={input} />
      </label>
      <div>
        <PendingButton pendingText="Adding…" className={button} aria-label={`Add evidence to ${text}`} pendingLabel={`Adding evidence to ${text}`}>
          Add evidence
        </PendingButton>
      </div>
      <Outcome state={state} success="Evidence added." />
    </form>
  );
}

export function CommentForm({ itemId, text }: { itemId: string; text: string }) {
  const [state, action] = useActionState(addCommentAction, null);
  return (
    <form action={action} className="grid gap-2">
      <input type="hidden" name="itemId" value={itemId} />
      <textarea name="body" rows={2} aria-label={`Comment on ${text}`} placeholder="Add a comment" className={input} />
      <div>
        <PendingButton pendingText="Posting…" className={button} aria-label={`Post comment on ${text}`} pendingLabel={`Posting comment on ${text}`}>
          Comment
        </PendingButton>
      </div>
      <Outcome state={state} success="Comment posted." />
    </form>
  );
}

export function WaiverForm({ itemId, text, version }: { itemId: string; text: string; version: number }) {
  const [state, action] = useItemAction<TReleaseChange>(itemId, grantWaiverAction);
  return (
    <form action={action} className="grid gap-2">
      <input type="hidden" name="itemId" value={itemId} />
      <input type="hidden" name="expectedVersion" value={version} />
      <input name="reason" required aria-label={`Waiver reason for ${text}`} placeholder="Why it is waived" className={input} />
      <input name="compensatingControl" required aria-label={`Compensating control for ${text}`} placeholder="What covers the risk instead" className={input} />
      <label className="text-xs text-slate-600">
        Expires on
        <input name="expiresOn" type="date" required aria-label={`Waiver expiry for ${text}`} className={input} />
      </label>
      <div>
        <PendingButton pendingText="Granting…" className={button} aria-label={`Grant waiver for ${text}`} pendingLabel={`Granting waiver for ${text}`}>
          Grant waiver
        </PendingButton>
      </div>
      <Outcome state={state} success="Waiver granted." />
    </form>
  );
}

/** Revokes one active waiver, with the reason; the item goes back to open when it was waived by it. */
export function RevokeWaiverForm({ itemId, waiverId, text, version }: { itemId: string; waiverId: string; text: string; version: number }) {
  const [state, action] = useItemAction<TReleaseChange>(itemId, revokeWaiverAction);
  return (
    <form action={action} className="grid gap-2">
      <input type="hidden" name="itemId" value={itemId} />
      <input type="hidden" name="waiverId" value={waiverId} />
      <input type="hidden" name="expectedVersion" value={version} />
      <textarea name="reason" rows={2} required aria-label={`Why revoke the waiver on “${text}”`} placeholder="Why the waiver no longer holds" className={input} />
      <div>
        <PendingButton pendingText="Revoking…" className={button} aria-label={`Revoke waiver on “${text}”`} pendingLabel={`Revoking waiver on “${text}”`}>
          Revoke waiver
        </PendingButton>
      </div>
      <Outcome state={state} success="Waiver revoked." />
    </form>
  );
}

export type TItemFormsProps = {
  item: TLiveItem;
  /** The item's text as a reader sees it, without Markdown (plainInlineText): it names the forms' fields. */
  text: string;
  canUpdate: boolean;
  canAddEvidence: boolean;
  canComment: boolean;
  canWaive: boolean;
  /** Whether the item has evidence, and comments, listed above the forms: without, the panel says how to add them. */
  hasEvidence: boolean;
  hasComments: boolean;
};

const hintClass = "text-xs text-slate-600";

/**
 * An item's "Details, evidence and comments" panel. Its forms are rendered when the panel is
 * first opened, not with the page: four forms per item made a 500-item page 4.6 MB of HTML.
 */
export function ItemDetailsPanel({ forms, children }: { forms: TItemFormsProps; children: React.ReactNode }) {
  const [hasOpened, setHasOpened] = useState(false);
  return (
    <details className="mt-1 text-sm" onToggle={(event) => event.currentTarget.open && setHasOpened(true)}>
      <summary className="cursor-pointer text-xs font-medium text-brand-700">Details, evidence and comments</summary>
      <div className="mt-2 space-y-3 rounded-lg border border-slate-200 bg-slate-50 p-3">
        {children}
        {hasOpened ? (
          <>
            {forms.hasEvidence ? null : (
              <p className={hintClass}>
                {forms.canAddEvidence ? "No evidence yet: add a link or a note below to show where this item stands." : "No evidence has been added to this item yet."}
              </p>
            )}
            {forms.hasComments ? null : (
              <p className={hintClass}>{forms.canComment ? "No comments yet: ask a question or leave a note for the team below." : "No one has commented on this item yet."}</p>
            )}
            {forms.canUpdate ? <ItemDetailsForm item={forms.item} text={forms.text} /> : null}
            {forms.canAddEvidence ? <EvidenceForm itemId={forms.item.id} text={forms.text} /> : null}
            {forms.canComment ? <CommentForm itemId={forms.item.id} text={forms.text} /> : null}
            {forms.canWaive ? <WaiverForm itemId={forms.item.id} text={forms.text} version={forms.item.version} /> : null}
          </>
        ) : null}
      </div>
    </details>
  );
}
