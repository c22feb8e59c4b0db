"use client";

import { useActionState } from "react";
import { useRouter } from "next/navigation";
import type { TActionResult } from "@/lib/actions/action-result";
import { addReleaseSeatAction, requestSignOffAction } from "@/lib/actions/releases/sign-off-seat-actions";
import { ActionError } from "@/components/ui/action-error";
import { useReleaseLive } from "@/components/release/release-store";
import { PendingButton } from "@/components/ui/pending-button";
import { SEAT_ROLE_WORDS, SEAT_ROLES } from "@/lib/domain/sign-off/sign-off-policy";

const button = "rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50 disabled:opacity-60";

/** A release manager asks the seats still missing a go to sign (each sees it in My work). */
export function RequestSignOffForm({ releaseId }: { releaseId: string }) {
  const router = useRouter();
  const { status } = useReleaseLive();
  const [state, action] = useActionState(async (previous: TActionResult<{ seats: string[] }> | null, formData: FormData) => {
    const result = await requestSignOffAction(previous, formData);
    if (result.ok) router.refresh();
    return result;
  }, null);
  // Nothing to ask once every seat has signed (a change that voids them brings it back).
  if (status === "SIGNED_OFF") return null;
  return (
    <form action={action} className="space-y-1">
      <input type="hidden" name="releaseId" value={releaseId} />
      <PendingButton pendingText="Asking…" className={button}>Ask for sign-off</PendingButton>
      {state?.ok ? (
        <p role="status" className="text-xs text-emerald-800">
          {state.data.seats.length ? `Asked ${state.data.seats.join(", ")} to sign: they see it in My work.` : "Every seat has signed."}
        </p>
      ) : null}
      <ActionError state={state} />
    </form>
  );
}

/** A release manager adds a seat to this release only (the template's seats cannot be removed). */
export function AddSeatForm({ releaseId }: { releaseId: string }) {
  const router = useRouter();
  const [state, action] = useActionState(async (previous: TActionResult<{ seat: string }> | null, formData: FormData) => {
    const result = await addReleaseSeatAction(previous, formData);
    if (result.ok) router.refresh();
    return result;
  }, null);
  const input = "mt-1 block w-full rounded-md border border-slate-300 bg-white px-2 py-1 text-sm text-slate-900";
  return (
    <details className="text-sm">
      <summary className="cursor-pointer text-slate-700">Add a sign-off seat to this release…</summary>
      <form action={action} className="mt-2 space-y-2">
        <input type="hidden" name="releaseId" value={releaseId} />
        <label className="block text-xs text-slate-600">
          Seat name
          <input name="name" required maxLength={60} placeholder="Security" className={input} />
        </label>
        <fieldset className="text-xs text-slate-600">
          <legend>Roles who may sign it</legend>
          <div className="mt-1 flex flex-wrap gap-3">
            {SEAT_ROLES.map((role) => (
              <label key={role} className="flex items-center gap-1 text-sm text-slate-800">
                <input type="checkbox" name="roles" value={role} /> {SEAT_ROLE_WORDS[role]}
              </label>
            ))}
          </div>
        </fieldset>
        <label className="block text-xs text-slate-600">
          Teams who may sign it (comma-separated)
          <input name="teams" placeholder="Security, SRE" className={input} />
        </label>
        <label className="block text-xs text-slate-600">
          People who may sign it (emails, comma-separated)
          <input name="users" placeholder="sam@example.com" className={input} />
        </label>
        <label className="block text-xs text-slate-600">
          Signatures needed
          <input name="required" type="number" min={1} max={10} defaultValue={1} className={input} />
        </label>
        <PendingButton pendingText="Adding…" className={button}>Add seat</PendingButton>
        {state?.ok ? <p role="status" className="text-xs text-emerald-800">Seat added: it needs a go too.</p> : null}
        <ActionError state={state} />
      </form>
    </details>
  );
}
