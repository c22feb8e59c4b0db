"use client";

import { useActionState } from "react";
import { PendingButton } from "@/components/ui/pending-button";
import { setUserDisabledAction } from "@/lib/actions/users/set-user-disabled-action";
import { updateUserRoleAction } from "@/lib/actions/users/update-user-role-action";
import type { TActionResult } from "@/lib/actions/action-result";

type TRole = "ADMIN" | "RELEASE_MANAGER" | "MEMBER" | "VIEWER";
const ROLE_OPTIONS: { value: TRole; label: string }[] = [
  { value: "ADMIN", label: "Admin" },
  { value: "RELEASE_MANAGER", label: "Release manager" },
  { value: "MEMBER", label: "Member" },
  { value: "VIEWER", label: "Viewer" },
];

function Feedback({ state }: { state: TActionResult | null }) {
  if (!state || state.ok) return null;
  return (
    <p role="alert" className="mt-1 text-xs text-red-700">
      {state.error}
    </p>
  );
}

export function UserRoleForm({ userId, email, role }: { userId: string; email: string; role: TRole }) {
  const [state, action] = useActionState(updateUserRoleAction, null);
  return (
    <form action={action}>
      <input type="hidden" name="userId" value={userId} />
      <div className="flex items-center gap-2">
        <select
          name="role"
          defaultValue={role}
          aria-label={`Role of ${email}`}
          className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm"
        >
          {ROLE_OPTIONS.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
        <PendingButton
          pendingText="Saving…"
          aria-label={`Save role of ${email}`}
          pendingLabel={`Saving role of ${email}`}
          className="rounded-md border border-slate-300 px-2 py-1 text-sm font-medium hover:bg-slate-50 disabled:opacity-60"
        >
          Save
        </PendingButton>
      </div>
      <Feedback state={state} />
    </form>
  );
}

export function UserStatusForm({ userId, email, isDisabled }: { userId: string; email: string; isDisabled: boolean }) {
  const [state, action] = useActionState(setUserDisabledAction, null);
  const [verb, waiting] = isDisabled ? ["Enable", "Enabling"] : ["Disable", "Disabling"];
  return (
    <form action={action}>
      <input type="hidden" name="userId" value={userId} />
      <input type="hidden" name="isDisabled" value={String(!isDisabled)} />
      <PendingButton
        pendingText={`${waiting}…`}
        aria-label={`${verb} ${email}`}
        pendingLabel={`${waiting} ${email}`}
        className={`rounded-md px-2 py-1 text-sm font-medium disabled:opacity-60 ${
          isDisabled ? "border border-slate-300 hover:bg-slate-50" : "border border-red-200 text-red-700 hover:bg-red-50"
        }`}
      >
        {verb}
      </PendingButton>
      <Feedback state={state} />
    </form>
  );
}
