"use client";

import { useActionState } from "react";
import { useReleaseLive, useReleaseStore } from "@/components/release/release-store";
import type { TActionResult } from "@/lib/actions/action-result";
import type { TReleaseChange } from "@/lib/actions/releases/release-change";
import { signOffAction } from "@/lib/actions/releases/sign-off-action";
import { ActionError } from "@/components/ui/action-error";

/** Sign one seat go or no-go: the seat is chosen when the reader may fill more than one. */
export function SignOffForm({ releaseId }: { releaseId: string }) {
  const store = useReleaseStore();
  const { verdict, mySeats, signOffTable } = useReleaseLive();
  const [state, action, isPending] = useActionState(async (previous: TActionResult<TReleaseChange> | null, formData: FormData) => {
    const result = await signOffAction(previous, formData);
    store.apply(result);
    return result;
  }, null);
  if (mySeats.length === 0) {
    return <p className="text-sm text-slate-600">None of this release’s seats is yours to sign: the seats above say who signs each.</p>;
  }
  const canGo = verdict.verdict !== "NO_GO";
  // The first of my seats still short of a go, else the first of mine.
  const open = mySeats.find((seat) => signOffTable.seats.some((s) => s.key === seat.key && !s.isFilled)) ?? mySeats[0]!;
  return (
    <form action={action} className="space-y-3">
      <input type="hidden" name="releaseId" value={releaseId} />
      {mySeats.length === 1 ? (
        <>
          <input type="hidden" name="seat" value={mySeats[0]!.key} />
          <p className="text-xs text-slate-600">You sign as {mySeats[0]!.name}.</p>
        </>
      ) : (
        <label className="block text-xs text-slate-600">
          Seat
          <select name="seat" defaultValue={open.key} key={open.key} className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-2 py-1 text-sm text-slate-900">
            {mySeats.map((seat) => <option key={seat.key} value={seat.key}>{seat.name}</option>)}
          </select>
        </label>
      )}
      <fieldset className="flex flex-wrap gap-4 text-sm">
        <legend className="sr-only">Decision</legend>
        <label className="flex items-center gap-2">
          <input type="radio" name="decision" value="GO" disabled={!canGo} defaultChecked={canGo} key={`go-${canGo}`} /> Go
        </label>
        <label className="flex items-center gap-2">
          <input type="radio" name="decision" value="NO_GO" defaultChecked={!canGo} key={`no-go-${canGo}`} /> No-go
        </label>
      </fieldset>
      {!canGo ? <p className="text-xs text-slate-600">Go needs a verdict of go or go with exceptions.</p> : null}
      {verdict.exceptions.length > 0 ? (
        <p className="text-xs text-amber-900">Signing go accepts {verdict.exceptions.length} exception(s), listed on the sign-off.</p>
      ) : null}
      <textarea name="comment" rows={2} aria-label="Sign-off comment" placeholder="Comment (optional)" className="w-full rounded-md border border-slate-300 px-2 py-1 text-sm" />
      <button type="submit" disabled={isPending} aria-busy={isPending} className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60">
        {isPending ? "Signing…" : "Sign off"}
      </button>
      <ActionError state={state} />
      {state?.ok ? <p role="status" className="text-sm text-emerald-700">Signed.</p> : null}
    </form>
  );
}
