"use client";

import { useEffect, useRef } from "react";
import { useChecklist } from "@/components/release/checklist-context";

// Keyboard shortcuts of the release page: j/k move between items, x ticks or unticks the
// current one, / goes to the item search, ? lists them. Keys typed into a field are the
// field's; a modifier (Ctrl, Alt, Meta) leaves the key to the browser.

export const SEARCH_ID = "checklist-search";
const SHORTCUTS: [string, string][] = [
  ["j", "Next item"],
  ["k", "Previous item"],
  ["x", "Tick or untick the current item"],
  ["/", "Search the items"],
  ["?", "Show these shortcuts"],
];

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
}

function itemRows(): HTMLElement[] {
  return [...document.querySelectorAll<HTMLElement>("li[id^='item-']")];
}

/** The item the person is on: the one holding focus, else none. */
function currentRow(): HTMLElement | null {
  const active = document.activeElement;
  return active instanceof HTMLElement ? active.closest<HTMLElement>("li[id^='item-']") : null;
}

function focusRow(row: HTMLElement) {
  row.tabIndex = -1;
  row.focus({ preventScroll: true });
  row.scrollIntoView({ block: "nearest" });
}

export function ChecklistKeys() {
  const dialog = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.altKey || event.metaKey || isTyping(event.target)) return;
      if (dialog.current?.open) return;
      const rows = itemRows();
      const row = currentRow();
      const at = row ? rows.indexOf(row) : -1;
      switch (event.key) {
        case "j":
        case "k": {
          const next = rows[event.key === "j" ? at + 1 : at < 0 ? 0 : at - 1];
          if (next) focusRow(next);
          break;
        }
        case "x": {
          const box = row?.querySelector<HTMLInputElement>(":scope > div input[type='checkbox']");
          if (!box || box.disabled) return;
          box.click();
          break;
        }
        case "/":
          document.getElementById(SEARCH_ID)?.focus();
          break;
        case "?":
          dialog.current?.showModal();
          break;
        default:
          return;
      }
      event.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  return (
    <dialog ref={dialog} aria-labelledby="shortcuts-title" className="rounded-xl border border-slate-300 bg-white p-5 text-slate-900 shadow-xl backdrop:bg-black/40">
      <h2 id="shortcuts-title" className="font-semibold">
        Keyboard shortcuts
      </h2>
      <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        {SHORTCUTS.map(([key, what]) => (
          <div key={key} className="contents">
            <dt>
              <kbd className="rounded border border-slate-300 bg-slate-50 px-1.5 font-mono">{key}</kbd>
            </dt>
            <dd>{what}</dd>
          </div>
        ))}
      </dl>
      <form method="dialog" className="mt-4 text-right">
        <button className="rounded-md bg-slate-800 px-3 py-1 text-sm font-medium text-white">Close</button>
      </form>
    </dialog>
  );
}

/** Narrows the items to those whose text (or a sub-item's) holds what is typed. */
export function ChecklistSearch() {
  const { query, setQuery } = useChecklist();
  return (
    <label className="mt-3 block text-sm text-slate-700 print:hidden">
      <span className="sr-only">Search the items</span>
      <input
        id={SEARCH_ID}
        type="search"
        value={query}
        onChange={(event) => setQuery(event.target.value)}
        placeholder="Search the items (press / )"
        className="w-full rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm sm:w-80"
      />
    </label>
  );
}
