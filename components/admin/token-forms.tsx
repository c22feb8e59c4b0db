"use client";

import { startTransition, useActionState, useState } from "react";
import { createApiTokenAction, revokeApiTokenAction } from "@/lib/actions/tokens/api-token-actions";

const input = "rounded-md border border-slate-300 bg-white px-2 py-1 text-sm";
const button = "rounded-md border border-slate-300 px-2 py-1 text-sm font-medium hover:bg-slate-50 disabled:opacity-60";

/** Creates a token and shows it once, with a copy button; it cannot be shown again. */
export function CreateTokenForm() {
  const [state, action, isPending] = useActionState(createApiTokenAction, null);
  const [isCopied, setIsCopied] = useState(false);
  return (
    <div>
      {/* Dispatched by hand, not as the form's action: React resets a form after its action, which would lose what was typed when it is refused. */}
      <form
        className="flex flex-wrap items-end gap-3"
        onSubmit={(event) => {
          event.preventDefault();
          setIsCopied(false);
          const data = new FormData(event.currentTarget);
          startTransition(() => action(data));
        }}
      >
        <label className="grid gap-1 text-sm text-slate-700">
          Token name
          <input name="name" required maxLength={100} className={input} placeholder="e.g. ci" />
        </label>
        <label className="grid gap-1 text-sm text-slate-700">
          Role
          <select name="role" defaultValue="MEMBER" className={input}>
            <option value="VIEWER">Viewer (reads)</option>
            <option value="MEMBER">Member (ticks items, adds evidence)</option>
            <option value="RELEASE_MANAGER">Release manager (also creates releases)</option>
          </select>
        </label>
        <label className="grid gap-1 text-sm text-slate-700">
          Expires after (days)
          <input name="expiresInDays" type="number" min={1} max={3650} className={`${input} w-28`} placeholder="Never" />
        </label>
        <button type="submit" disabled={isPending} className={button}>
          {isPending ? "Creating…" : "Create token"}
        </button>
      </form>
      {state && !state.ok ? (
        <p role="alert" className="mt-2 text-sm text-red-700">
          {state.error}
        </p>
      ) : null}
      {state?.ok ? (
        <div role="status" className="mt-3 rounded-lg border border-emerald-300 bg-emerald-50 p-3 text-sm">
          <p className="font-medium text-emerald-900">Copy the token now: it is shown only once.</p>
          <div className="mt-2 flex flex-wrap items-center gap-2">
            <code aria-label="New API token" className="break-all rounded bg-white px-2 py-1 font-mono text-xs ring-1 ring-emerald-200">
              {state.data.token}
            </code>
            <button
              type="button"
              className={button}
              onClick={() => {
                void navigator.clipboard?.writeText(state.data.token).then(() => setIsCopied(true));
              }}
            >
              {isCopied ? "Copied" : "Copy"}
            </button>
          </div>
          <p className="mt-2 text-slate-700">
            Send it as <code>Authorization: Bearer …</code>; see <a href="/api-docs" className="text-brand-700 underline">the API reference</a>.
          </p>
        </div>
      ) : null}
    </div>
  );
}

export function RevokeTokenForm({ tokenId, name }: { tokenId: string; name: string }) {
  const [state, action, isPending] = useActionState(revokeApiTokenAction, null);
  const [isConfirming, setIsConfirming] = useState(false);
  if (!isConfirming) {
    return (
      <button type="button" className={`${button} text-red-700`} onClick={() => setIsConfirming(true)}>
        Revoke<span className="sr-only"> {name}</span>
      </button>
    );
  }
  return (
    <form action={action} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="tokenId" value={tokenId} />
      <button type="submit" disabled={isPending} className={`${button} text-red-700`}>
        {isPending ? "Revoking…" : `Revoke ${name} now`}
      </button>
      <button type="button" className={button} onClick={() => setIsConfirming(false)}>
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
