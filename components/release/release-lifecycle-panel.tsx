"use client";

import { useRouter } from "next/navigation";
import { useActionState, useEffect } from "react";
import { useReleaseLive } from "@/components/release/release-store";
import type { TActionResult } from "@/lib/actions/action-result";
import { cancelReleaseAction, reopenReleaseAction, shipReleaseAction } from "@/lib/actions/releases/release-lifecycle-action";
import type { TReleaseStatus } from "@/lib/domain/checklist/types";
import { ActionError } from "@/components/ui/action-error";
import { PendingButton } from "@/components/ui/pending-button";

type TState = TActionResult<{ releaseId: string; status: TReleaseStatus }> | null;
type TAction = (previous: TState, formData: FormData) => Promise<TState>;

function LifecycleForm({ releaseId, action, label, pending, reason, tone = "plain" }: { releaseId: string; action: TAction; label: string; pending: string; reason?: string; tone?: "primary" | "plain" }) {
  const router = useRouter();
  const [state, formAction] = useActionState(action, null);
  useEffect(() => {
    if (state?.ok) router.refresh();
  }, [state, router]);
  return (
    <form action={formAction} className="space-y-2">
      <input type="hidden" name="releaseId" value={releaseId} />
      {reason ? <textarea name="reason" rows={2} required aria-label={reason} placeholder={reason} className="w-full rounded-md border border-slate-300 px-2 py-1 text-sm" /> : null}
      <PendingButton
        pendingText={pending}
        className={
          tone === "primary"
            ? "rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60"
            : "rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50 disabled:opacity-60"
        }
      >
        {label}
      </PendingButton>
      <ActionError state={state} />
    </form>
  );
}

/** A release manager's controls for the release's life: ship once signed off, cancel, reopen. */
export function ReleaseLifecyclePanel({ releaseId }: { releaseId: string }) {
  const { status } = useReleaseLive();
  if (status === "SHIPPED" || status === "CANCELLED") {
    return <LifecycleForm releaseId={releaseId} action={reopenReleaseAction} label="Reopen release" pending="Reopening…" reason="Why reopen the release" />;
  }
  return (
    <div className="space-y-3">
      {status === "SIGNED_OFF" ? (
        <LifecycleForm releaseId={releaseId} action={shipReleaseAction} label="Mark shipped" pending="Marking shipped…" tone="primary" />
      ) : (
        <p className="text-xs text-slate-600">A release ships once it is signed off go.</p>
      )}
      <details>
        <summary className="cursor-pointer text-sm text-slate-700">Cancel the release…</summary>
        <div className="mt-2">
          <LifecycleForm releaseId={releaseId} action={cancelReleaseAction} label="Cancel release" pending="Cancelling…" reason="Why cancel the release" />
        </div>
      </details>
    </div>
  );
}
