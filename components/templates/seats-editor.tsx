"use client";

import { useState, type ComponentProps } from "react";
import { DEFAULT_DRAFT_SIGN_OFF, DRAFT_LIMITS, newDraftSeat, signOffProblems, type TDraftEdit, type TDraftSeat, type TDraftSignOff } from "@/lib/domain/checklist/template-draft";
import { splitCommaList } from "@/lib/domain/markdown/seat-words";
import { SEAT_ROLES, type TSeatRole } from "@/lib/domain/sign-off/sign-off-policy";

// Who must sign off a release made from the template (lib/domain/sign-off/sign-off-policy.ts):
// named seats, each filled by people of a role, of a team or named by email, each needing a
// number of GO signatures, and two rules. A draft without seats of its own shows (and, once
// edited, starts from) the default seat: a release manager's or an admin's sign-off.

const input = "w-full rounded-md border border-slate-300 bg-white px-2 py-1 text-sm focus:outline-2 focus:outline-brand-600";
const ROLE_LABELS: Record<TSeatRole, string> = { ADMIN: "Admin", RELEASE_MANAGER: "Release manager", MEMBER: "Member" };

const NO_PROBLEMS = new Map<string, string>();

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((value, i) => value === b[i]);

/**
 * A text field for a list ("Checkout, SRE"): what is typed stays as typed (a trailing comma, a
 * space) while the draft holds the list it names; a change from elsewhere replaces the text.
 */
function ListInput({ value, onChange, ...props }: { value: string[]; onChange: (value: string[]) => void } & Omit<ComponentProps<"input">, "value" | "onChange">) {
  const [text, setText] = useState(() => value.join(", "));
  const [shown, setShown] = useState(value);
  if (shown !== value) {
    setShown(value);
    if (!sameList(splitCommaList(text), value)) setText(value.join(", "));
  }
  return (
    <input
      {...props}
      value={text}
      onChange={(event) => {
        setText(event.target.value);
        const next = splitCommaList(event.target.value);
        if (!sameList(next, value)) onChange(next);
      }}
    />
  );
}

/** The signatures a seat needs, 1–10: a number being typed ("" on the way to "2") is kept until it is one. */
function SignaturesInput({
  id,
  value,
  onChange,
  ...props
}: { id: string; value: number; onChange: (value: number) => void } & Omit<ComponentProps<"input">, "id" | "value" | "onChange">) {
  const [text, setText] = useState(String(value));
  const [shown, setShown] = useState(value);
  if (shown !== value) {
    setShown(value);
    setText(String(value));
  }
  const isCount = (typed: string) => /^\d{1,2}$/.test(typed) && Number(typed) >= 1 && Number(typed) <= DRAFT_LIMITS.signatures;
  const isValid = isCount(text);
  return (
    <>
      <input
        {...props}
        id={id}
        type="number"
        inputMode="numeric"
        min={1}
        max={DRAFT_LIMITS.signatures}
        step={1}
        value={text}
        aria-invalid={isValid ? undefined : true}
        aria-describedby={isValid ? undefined : `${id}-message`}
        onChange={(event) => {
          const typed = event.target.value;
          setText(typed);
          if (isCount(typed) && Number(typed) !== value) {
            setShown(Number(typed));
            onChange(Number(typed));
          }
        }}
      />
      {isValid ? null : (
        <p id={`${id}-message`} className="mt-0.5 text-xs text-red-700">
          A whole number from 1 to {DRAFT_LIMITS.signatures}; the seat needs {value} until then.
        </p>
      )}
    </>
  );
}

function SeatEditor({
  seat,
  index,
  problems,
  apply,
  onRemoved,
}: {
  seat: TDraftSeat;
  index: number;
  problems: Map<string, string>;
  apply: (edit: TDraftEdit) => void;
  onRemoved: (name: string) => void;
}) {
  const name = seat.name.trim();
  const label = name || `seat ${index + 1}`;
  const remove = () => {
    apply({ type: "seat.remove", id: seat.id });
    onRemoved(name || `Seat ${index + 1}`);
  };
  const update = (patch: Partial<Omit<TDraftSeat, "id">>) => apply({ type: "seat.update", id: seat.id, patch });
  const nameProblem = problems.get("seatName");
  const fillersProblem = problems.get("seatFillers");
  const teamsProblem = problems.get("seatTeams");
  const usersProblem = problems.get("seatUsers");
  const messageId = (field: string) => `${seat.id}-${field}-message`;
  const describedBy = (field: string, problem: string | undefined, hint?: string) => [problem ? messageId(field) : null, hint ?? null].filter(Boolean).join(" ") || undefined;
  return (
    <li className="rounded-lg border border-slate-200 p-3">
      <fieldset aria-label={`Seat ${index + 1}${name ? `: ${name}` : ""}`} className="space-y-3">
        <div className="flex flex-wrap items-end gap-3">
          <div className="min-w-48 flex-1">
            <label htmlFor={`${seat.id}-seatName`} className="block text-sm font-medium text-slate-700">
              Seat name
            </label>
            <input
              id={`${seat.id}-seatName`}
              value={seat.name}
              maxLength={DRAFT_LIMITS.seatName}
              placeholder="e.g. Security"
              aria-invalid={nameProblem ? true : undefined}
              aria-describedby={describedBy("seatName", nameProblem)}
              onChange={(event) => update({ name: event.target.value })}
              className={`${input} mt-1`}
            />
          </div>
          <div>
            <label htmlFor={`${seat.id}-seatRequired`} className="block text-sm font-medium text-slate-700">
              Signatures needed for {label}
            </label>
            <SignaturesInput id={`${seat.id}-seatRequired`} value={seat.required} onChange={(required) => update({ required })} className={`${input} mt-1 w-24`} />
          </div>
          <button type="button" aria-label={`Remove seat ${name || index + 1}`} onClick={remove} className="rounded px-2 py-1 text-sm text-red-700 hover:bg-red-50">
            Remove
          </button>
        </div>
        {nameProblem ? (
          <p id={messageId("seatName")} className="text-sm text-red-700">
            {nameProblem}
          </p>
        ) : null}

        <fieldset aria-describedby={describedBy("seatFillers", fillersProblem)}>
          <legend className="text-sm font-medium text-slate-700">Roles who may sign {label}</legend>
          <div className="mt-1 flex flex-wrap gap-4">
            {SEAT_ROLES.map((role, roleIndex) => (
              <label key={role} className="flex items-center gap-1.5 text-sm">
                <input
                  type="checkbox"
                  id={roleIndex === 0 ? `${seat.id}-seatFillers` : undefined}
                  checked={seat.roles.includes(role)}
                  onChange={(event) => update({ roles: SEAT_ROLES.filter((r) => (r === role ? event.target.checked : seat.roles.includes(r))) })}
                />
                {ROLE_LABELS[role]}
              </label>
            ))}
          </div>
        </fieldset>

        <div className="grid gap-3 md:grid-cols-2">
          <div>
            <label htmlFor={`${seat.id}-seatTeams`} className="block text-sm font-medium text-slate-700">
              Teams who may sign {label}
            </label>
            <ListInput
              id={`${seat.id}-seatTeams`}
              value={seat.teams}
              maxLength={DRAFT_LIMITS.seatList}
              onChange={(teams) => update({ teams })}
              placeholder="e.g. Checkout, SRE"
              aria-invalid={teamsProblem ? true : undefined}
              aria-describedby={describedBy("seatTeams", teamsProblem, `${seat.id}-teams-hint`)}
              className={`${input} mt-1`}
            />
            <p id={`${seat.id}-teams-hint`} className="mt-0.5 text-xs text-slate-500">
              Team names, separated by commas.
            </p>
          </div>
          <div>
            <label htmlFor={`${seat.id}-seatUsers`} className="block text-sm font-medium text-slate-700">
              People who may sign {label}
            </label>
            <ListInput
              id={`${seat.id}-seatUsers`}
              value={seat.users}
              maxLength={DRAFT_LIMITS.seatList}
              onChange={(users) => update({ users })}
              placeholder="e.g. sam@example.com, lee@example.com"
              aria-invalid={usersProblem ? true : undefined}
              aria-describedby={describedBy("seatUsers", usersProblem, `${seat.id}-users-hint`)}
              className={`${input} mt-1`}
            />
            <p id={`${seat.id}-users-hint`} className="mt-0.5 text-xs text-slate-500">
              Email addresses, separated by commas.
            </p>
          </div>
        </div>
        {[
          ["seatFillers", fillersProblem],
          ["seatTeams", teamsProblem],
          ["seatUsers", usersProblem],
        ].map(([field, problem]) =>
          problem ? (
            <p key={field} id={messageId(field!)} className="text-sm text-red-700">
              {problem}
            </p>
          ) : null,
        )}
      </fieldset>
    </li>
  );
}

/** The template's sign-off seats and rules: named, given who may fill them and how many signatures, added and removed. */
export function SeatsEditor({
  signOff,
  apply,
  newId,
  onAnnounce,
}: {
  /** Absent: the draft has no seats of its own yet, and shows the default one. */
  signOff: TDraftSignOff | undefined;
  apply: (edit: TDraftEdit) => void;
  newId: () => string;
  onAnnounce: (text: string) => void;
}) {
  const current = signOff ?? DEFAULT_DRAFT_SIGN_OFF;
  const problems = new Map<string, Map<string, string>>();
  for (const problem of signOffProblems(current)) {
    const forSeat = problems.get(problem.id) ?? new Map<string, string>();
    if (!forSeat.has(problem.field)) forSeat.set(problem.field, problem.message);
    problems.set(problem.id, forSeat);
  }
  const listProblem = problems.get("sign-off")?.get("seats");
  return (
    <fieldset className="rounded-xl border border-slate-200 bg-white p-3">
      <legend className="px-1 text-sm font-medium text-slate-700">Sign-off seats</legend>
      <p className="mb-2 text-sm text-slate-500">
        Who must sign off a release made from this checklist: every seat needs its number of GO signatures from people who may fill it. A release manager may add seats to
        one release.
      </p>
      {current.seats.length === 0 ? (
        <p id="sign-off-seats-message" className="mb-2 text-sm text-red-700">
          {listProblem}
        </p>
      ) : null}
      <ol className="space-y-3">
        {current.seats.map((seat, index) => (
          <SeatEditor
            key={seat.id}
            seat={seat}
            index={index}
            problems={problems.get(seat.id) ?? NO_PROBLEMS}
            apply={apply}
            onRemoved={(name) => {
              onAnnounce(`${name} removed.`);
              requestAnimationFrame(() => document.getElementById("sign-off-seats")?.focus());
            }}
          />
        ))}
      </ol>
      {current.seats.length < DRAFT_LIMITS.seats ? (
        <button
          id="sign-off-seats"
          type="button"
          aria-describedby={listProblem ? "sign-off-seats-message" : undefined}
          className="mt-2 rounded-md border border-slate-300 bg-white px-2 py-1 text-xs hover:bg-slate-50"
          onClick={() => {
            const seat = newDraftSeat(newId());
            apply({ type: "seat.add", seat });
            onAnnounce(`Seat ${current.seats.length + 1} added.`);
            requestAnimationFrame(() => document.getElementById(`${seat.id}-seatName`)?.focus());
          }}
        >
          Add a seat
        </button>
      ) : null}
      <div className="mt-3 space-y-1 border-t border-slate-100 pt-3">
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={current.allowMultipleSeats} onChange={(event) => apply({ type: "signOff.rules", patch: { allowMultipleSeats: event.target.checked } })} />
          One person may fill several seats
        </label>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={current.allowSelfApproval} onChange={(event) => apply({ type: "signOff.rules", patch: { allowSelfApproval: event.target.checked } })} />
          Allow self-approval (someone who changed an item may be a seat&apos;s only signer)
        </label>
      </div>
    </fieldset>
  );
}
