"use client";

import { useActionState, useState, type ReactNode } from "react";
import { PendingButton } from "@/components/ui/pending-button";
import type { TActionResult } from "@/lib/actions/action-result";

// Pieces the admin pages share: a secret shown once with a copy button, and a destructive
// action that asks for confirmation first.

export const adminButton = "rounded-md border border-slate-300 px-2 py-1 text-sm font-medium hover:bg-slate-50 disabled:opacity-60";

/** A secret the server returns once (a token, a signing secret): shown with a Copy button. */
export function ShownOnce({ label, value, heading, children }: { label: string; value: string; heading: string; children?: ReactNode }) {
  const [copied, setCopied] = useState<string | null>(null);
  return (
    <div role="status" className="mt-3 rounded-lg border border-emerald-300 bg-emerald-50 p-3 text-sm">
      <p className="font-medium text-emerald-900">{heading}</p>
      <div className="mt-2 flex flex-wrap items-center gap-2">
        <code aria-label={label} className="break-all rounded bg-white px-2 py-1 font-mono text-xs ring-1 ring-emerald-200">
          {value}
        </code>
        <button type="button" className={adminButton} onClick={() => void navigator.clipboard?.writeText(value).then(() => setCopied(value))}>
          {copied === value ? "Copied" : "Copy"}
        </button>
      </div>
      {children ? <p className="mt-2 text-slate-700">{children}</p> : null}
    </div>
  );
}

/**
 * A button that asks once more before it runs `action` with `fields`: "Revoke" → "Revoke ci
 * now" / "Keep it". `name` says what it acts on, for screen readers and the second button.
 */
export function ConfirmedAction({
  action,
  fields,
  verb,
  name,
}: {
  action: (previous: TActionResult<unknown> | null, formData: FormData) => Promise<TActionResult<unknown>>;
  fields: Record<string, string>;
  verb: { idle: string; pending: string };
  name: string;
}) {
  const [state, dispatch] = useActionState(action, null);
  const [isConfirming, setIsConfirming] = useState(false);
  if (!isConfirming) {
    return (
      <button type="button" className={`${adminButton} text-red-700`} onClick={() => setIsConfirming(true)}>
        {verb.idle}
        <span className="sr-only"> {name}</span>
      </button>
    );
  }
  return (
    <form action={dispatch} className="flex flex-wrap items-center gap-2">
      {Object.entries(fields).map(([field, value]) => (
        <input key={field} type="hidden" name={field} value={value} />
      ))}
      <PendingButton pendingText={verb.pending} className={`${adminButton} text-red-700`}>
        {`${verb.idle} ${name} now`}
      </PendingButton>
      <button type="button" className={adminButton} onClick={() => setIsConfirming(false)}>
        Keep it
      </button>
      {state && !state.ok ? (
        <span role="alert" className="text-xs text-red-700">
          {state.error}
        </span>
      ) : null}
    </form>
  );
}
