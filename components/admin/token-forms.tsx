"use client";

import { startTransition, useActionState } from "react";
import { adminButton as button, ConfirmedAction, ShownOnce } from "@/components/admin/admin-forms";
import { WaitingButton } from "@/components/ui/pending-button";
import { createApiTokenAction, revokeApiTokenAction } from "@/lib/actions/tokens/api-token-actions";

const input = "rounded-md border border-slate-300 bg-white px-2 py-1 text-sm";

/** Creates a token and shows it once, with a copy button; it cannot be shown again. */
export function CreateTokenForm() {
  const [state, action, isPending] = useActionState(createApiTokenAction, null);
  return (
    <div>
      {/* Dispatched by hand, not as the form's action: React resets a form after its action, which would lose what was typed when it is refused. */}
      <form
        className="flex flex-wrap items-end gap-3"
        onSubmit={(event) => {
          event.preventDefault();
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
        {/* Not a PendingButton: the form status only sees a form's own action, and this one is dispatched by hand. */}
        <WaitingButton type="submit" isPending={isPending} pendingText="Creating…" className={button}>
          Create token
        </WaitingButton>
      </form>
      {state && !state.ok ? (
        <p role="alert" className="mt-2 text-sm text-red-700">
          {state.error}
        </p>
      ) : null}
      {state?.ok ? (
        <ShownOnce label="New API token" value={state.data.token} heading="Copy the token now: it is shown only once.">
          Send it as <code>Authorization: Bearer …</code>; see <a href="/api-docs" className="text-brand-700 underline">the API reference</a>.
        </ShownOnce>
      ) : null}
    </div>
  );
}

export function RevokeTokenForm({ tokenId, name }: { tokenId: string; name: string }) {
  return <ConfirmedAction action={revokeApiTokenAction} fields={{ tokenId }} verb={{ idle: "Revoke", pending: "Revoking…" }} name={name} />;
}
