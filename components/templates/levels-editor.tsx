"use client";

import { DRAFT_LIMITS, type TDraftEdit } from "@/lib/domain/checklist/template-draft";

const input = "w-full rounded-md border border-slate-300 bg-white px-2 py-1 text-sm focus:outline-2 focus:outline-brand-600";

/** The template's maturity levels, lowest first: named, reordered (buttons or Alt+↑/↓), removed. */
export function LevelsEditor({ levels, apply, onAnnounce }: { levels: string[]; apply: (edit: TDraftEdit) => void; onAnnounce: (text: string) => void }) {
  const move = (from: number, to: number) => {
    if (to < 0 || to >= levels.length) return;
    apply({ type: "level.move", from, to });
    onAnnounce(`Level moved to position ${to + 1} of ${levels.length}.`);
    requestAnimationFrame(() => document.getElementById(`level-${to}`)?.focus());
  };
  return (
    <fieldset className="rounded-xl border border-slate-200 bg-white p-3">
      <legend className="px-1 text-sm font-medium text-slate-700">Maturity levels, lowest first</legend>
      {levels.length === 0 ? <p className="text-sm text-slate-500">No levels: every item applies to every release. Add levels (e.g. Beta, GA) to let items require one.</p> : null}
      <ol className="space-y-2">
        {levels.map((level, index) => (
          <li key={index} className="flex items-center gap-2">
            <input
              id={`level-${index}`}
              aria-label={`Level ${index + 1} name`}
              value={level}
              maxLength={DRAFT_LIMITS.level}
              onChange={(event) => apply({ type: "level.rename", index, name: event.target.value })}
              onKeyDown={(event) => {
                if (!event.altKey || (event.key !== "ArrowUp" && event.key !== "ArrowDown")) return;
                event.preventDefault();
                move(index, index + (event.key === "ArrowUp" ? -1 : 1));
              }}
              className={`${input} max-w-xs`}
            />
            <button type="button" aria-label={`Move level ${level || index + 1} up`} disabled={index === 0} onClick={() => move(index, index - 1)} className="rounded px-2 py-1 text-sm hover:bg-slate-100 disabled:opacity-40">
              ↑
            </button>
            <button type="button" aria-label={`Move level ${level || index + 1} down`} disabled={index === levels.length - 1} onClick={() => move(index, index + 1)} className="rounded px-2 py-1 text-sm hover:bg-slate-100 disabled:opacity-40">
              ↓
            </button>
            <button type="button" aria-label={`Remove level ${level || index + 1}`} onClick={() => apply({ type: "level.remove", index })} className="rounded px-2 py-1 text-sm text-red-700 hover:bg-red-50">
              Remove
            </button>
          </li>
        ))}
      </ol>
      {levels.length < DRAFT_LIMITS.levels ? (
        <button
          type="button"
          className="mt-2 rounded-md border border-slate-300 bg-white px-2 py-1 text-xs hover:bg-slate-50"
          onClick={() => {
            apply({ type: "level.add", name: "" });
            requestAnimationFrame(() => document.getElementById(`level-${levels.length}`)?.focus());
          }}
        >
          Add a level
        </button>
      ) : null}
    </fieldset>
  );
}
