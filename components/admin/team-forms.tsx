"use client";

import { useActionState, useState } from "react";
import { PendingButton } from "@/components/ui/pending-button";
import type { TActionResult } from "@/lib/actions/action-result";
import { addTeamMemberAction } from "@/lib/actions/teams/add-team-member-action";
import { createTeamAction } from "@/lib/actions/teams/create-team-action";
import { deleteTeamAction } from "@/lib/actions/teams/delete-team-action";
import { removeTeamMemberAction } from "@/lib/actions/teams/remove-team-member-action";
import { renameTeamAction } from "@/lib/actions/teams/rename-team-action";

const input = "rounded-md border border-slate-300 bg-white px-2 py-1 text-sm";
const button = "rounded-md border border-slate-300 px-2 py-1 text-sm font-medium hover:bg-slate-50 disabled:opacity-60";
const dangerButton = "rounded-md border border-red-200 px-2 py-1 text-sm font-medium text-red-700 hover:bg-red-50 disabled:opacity-60";

function Feedback({ state, success }: { state: TActionResult<unknown> | null; success?: string | null }) {
  if (!state) return null;
  if (state.ok) return success ? <p role="status" className="mt-1 text-xs text-emerald-700">{success}</p> : null;
  return (
    <p role="alert" className="mt-1 text-xs text-red-700">
      {state.error}
    </p>
  );
}

/** Items are not rewritten when a team is renamed or deleted: say how many still name it. */
function stillNaming(count: number, name: string): string {
  if (count === 0) return "";
  return ` ${count} open item${count === 1 ? "" : "s"} still name${count === 1 ? "s" : ""} “team:${name}”: give ${count === 1 ? "it" : "them"} an owner again on ${count === 1 ? "its" : "their"} release.`;
}

export function CreateTeamForm() {
  const [state, action] = useActionState(createTeamAction, null);
  return (
    <form action={action} className="flex flex-wrap items-end gap-2">
      <label className="grid gap-1 text-sm text-slate-700">
        Team name
        <input name="name" required maxLength={80} className={input} placeholder="e.g. SRE" />
      </label>
      <PendingButton pendingText="Creating…" className={button}>
        Create team
      </PendingButton>
      <div className="w-full">
        <Feedback state={state} success={state?.ok ? `Created the team ${state.data.name}.` : null} />
      </div>
    </form>
  );
}

export function RenameTeamForm({ teamId, name }: { teamId: string; name: string }) {
  const [state, action] = useActionState(renameTeamAction, null);
  const success = state?.ok ? `Renamed to ${state.data.name}.${stillNaming(state.data.openItemsNamingPrevious, state.data.previousName)}` : null;
  return (
    <form action={action} className="flex flex-wrap items-end gap-2">
      <input type="hidden" name="teamId" value={teamId} />
      <label className="grid gap-1 text-xs text-slate-600">
        New name for {name}
        <input name="name" required maxLength={80} defaultValue={name} className={input} />
      </label>
      <PendingButton pendingText="Renaming…" className={button} aria-label={`Rename ${name}`} pendingLabel={`Renaming ${name}`}>
        Rename
      </PendingButton>
      <div className="w-full">
        <Feedback state={state} success={success} />
      </div>
    </form>
  );
}

/** Deleting asks once more, saying what happens to the items the team owns. */
export function DeleteTeamForm({ teamId, name, openItems }: { teamId: string; name: string; openItems: number }) {
  const [state, action] = useActionState(deleteTeamAction, null);
  const [isConfirming, setIsConfirming] = useState(false);
  if (!isConfirming) {
    return (
      <button type="button" onClick={() => setIsConfirming(true)} className={dangerButton} aria-label={`Delete team ${name}`}>
        Delete team
      </button>
    );
  }
  return (
    <form action={action} className="grid gap-2 rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-900">
      <input type="hidden" name="teamId" value={teamId} />
      <p>
        Delete {name} and its memberships?
        {openItems > 0 ? ` Its ${openItems} open item${openItems === 1 ? "" : "s"} will keep the owner “team:${name}”, shown as text, until someone reassigns them.` : ""}
      </p>
      <div className="flex gap-2">
        <PendingButton pendingText={`Deleting ${name}…`} className={dangerButton}>
          {`Yes, delete ${name}`}
        </PendingButton>
        <button type="button" onClick={() => setIsConfirming(false)} className={button}>
          Cancel
        </button>
      </div>
      <Feedback state={state} />
    </form>
  );
}

export type TCandidate = { userId: string; label: string };

export function AddTeamMemberForm({ teamId, name, candidates }: { teamId: string; name: string; candidates: TCandidate[] }) {
  const [state, action] = useActionState(addTeamMemberAction, null);
  if (candidates.length === 0) return <p className="text-xs text-slate-500">Everyone who can sign in is in {name}.</p>;
  return (
    <form action={action} className="flex flex-wrap items-end gap-2">
      <input type="hidden" name="teamId" value={teamId} />
      <label className="grid gap-1 text-xs text-slate-600">
        Add a member to {name}
        <select name="userId" required defaultValue="" className={input}>
          <option value="" disabled>
            Choose a person
          </option>
          {candidates.map((c) => (
            <option key={c.userId} value={c.userId}>
              {c.label}
            </option>
          ))}
        </select>
      </label>
      <PendingButton pendingText="Adding…" className={button} aria-label={`Add to ${name}`} pendingLabel={`Adding to ${name}`}>
        Add
      </PendingButton>
      <div className="w-full">
        <Feedback state={state} />
      </div>
    </form>
  );
}

export function RemoveTeamMemberForm({ teamId, teamName, userId, email }: { teamId: string; teamName: string; userId: string; email: string }) {
  const [state, action] = useActionState(removeTeamMemberAction, null);
  return (
    <form action={action}>
      <input type="hidden" name="teamId" value={teamId} />
      <input type="hidden" name="userId" value={userId} />
      <PendingButton pendingText="Removing…" className={dangerButton} aria-label={`Remove ${email} from ${teamName}`} pendingLabel={`Removing ${email} from ${teamName}`}>
        Remove
      </PendingButton>
      <Feedback state={state} />
    </form>
  );
}
