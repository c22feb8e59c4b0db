"use client";

import { createContext, memo, useContext, useState, type DragEvent, type KeyboardEvent, type ReactNode } from "react";
import { OWNER_OPTIONS_ID } from "@/components/release/owner-options";
import { DRAFT_LIMITS, newDraftItem, newDraftSection, ROOT, type TDraftEdit, type TDraftItem, type TDraftSection } from "@/lib/domain/checklist/template-draft";

// The sections and items of a draft, as the editor shows them: every entry can be moved with
// the keyboard (arrow keys on its handle, or Alt+↑/↓ anywhere in its row) and dragged by its
// handle; each move is announced. Rows are memoised on their entry: an edit re-renders the
// entries it changed, not the whole checklist.

const input = "w-full rounded-md border border-slate-300 bg-white px-2 py-1 text-sm focus:outline-2 focus:outline-brand-600";
const smallButton = "rounded-md border border-slate-300 bg-white px-2 py-1 text-xs hover:bg-slate-50";

export const ROLE_OPTIONS = [
  { value: "CHECK", label: "Check" },
  { value: "GO_CRITERION", label: "Go criterion" },
  { value: "NO_GO_CONDITION", label: "No-go condition" },
] as const;

type TDragged = { id: string; kind: "item" | "section" };

export type TOutlineContext = {
  apply: (edit: TDraftEdit) => void;
  /** Moves an entry one place up or down among its siblings (announced). */
  nudge: (id: string, kind: TDragged["kind"], by: -1 | 1) => void;
  /** Drops the dragged entry before `targetId` (null: at the end of `parentId`'s list). */
  drop: (dragged: TDragged, parentId: string, targetId: string | null) => void;
  newId: () => string;
  levels: string[];
  expanded: Set<string>;
  toggle: (id: string) => void;
  /** Problems the review found, by entry id and field. */
  problems: Map<string, string>;
  /** Every section as [id, title], in order: where an item can be moved without dragging. */
  sections: [string, string][];
  /** Moves an item to the end of another section (announced), for keyboard users. */
  moveToSection: (itemId: string, sectionId: string) => void;
};

export const OutlineContext = createContext<TOutlineContext | null>(null);

function useOutline(): TOutlineContext {
  const context = useContext(OutlineContext);
  if (!context) throw new Error("OutlineContext is missing");
  return context;
}

const DRAG_TYPE = "application/x-preflight-draft-entry";
let dragged: TDragged | null = null;

/** The dragged entry, if it is of `kind` (the drop target's). */
function draggedOf(kind: TDragged["kind"]): TDragged | null {
  return dragged?.kind === kind ? dragged : null;
}

function plain(text: string, fallback: string): string {
  const words = text.replace(/[*_`~[\]]/g, "").trim();
  return words ? (words.length > 60 ? `${words.slice(0, 57)}…` : words) : fallback;
}

/** Alt+↑/↓ inside a row moves its entry. */
function rowKeys(event: KeyboardEvent, move: (by: -1 | 1) => void) {
  if (!event.altKey || (event.key !== "ArrowUp" && event.key !== "ArrowDown")) return;
  event.preventDefault();
  event.stopPropagation();
  move(event.key === "ArrowUp" ? -1 : 1);
}

function Handle({ id, kind, label, onMove }: { id: string; kind: TDragged["kind"]; label: string; onMove: (by: -1 | 1) => void }) {
  return (
    <button
      type="button"
      id={`move-${id}`}
      draggable
      aria-label={`Move ${label}`}
      aria-describedby="outline-move-help"
      title="Drag, or press ↑/↓ to move"
      onDragStart={(event) => {
        dragged = { id, kind };
        event.dataTransfer.effectAllowed = "move";
        event.dataTransfer.setData(DRAG_TYPE, id);
      }}
      onDragEnd={() => {
        dragged = null;
      }}
      onKeyDown={(event) => {
        if (event.key !== "ArrowUp" && event.key !== "ArrowDown") return;
        event.preventDefault();
        onMove(event.key === "ArrowUp" ? -1 : 1);
      }}
      className="cursor-grab rounded px-1 text-slate-500 hover:bg-slate-100 focus:outline-2 focus:outline-brand-600"
    >
      <span aria-hidden>⠿</span>
    </button>
  );
}

/** Where a dragged entry of `kind` can be dropped: before `targetId`, or at the end of a list. */
function useDropTarget(kind: TDragged["kind"], parentId: string, targetId: string | null) {
  const { drop } = useOutline();
  const [isOver, setIsOver] = useState(false);
  return {
    isOver,
    handlers: {
      onDragOver: (event: DragEvent) => {
        const entry = draggedOf(kind);
        if (!entry || entry.id === targetId) return;
        event.preventDefault();
        event.stopPropagation();
        event.dataTransfer.dropEffect = "move";
        setIsOver(true);
      },
      onDragLeave: () => setIsOver(false),
      onDrop: (event: DragEvent) => {
        const entry = draggedOf(kind);
        setIsOver(false);
        if (!entry) return;
        event.preventDefault();
        event.stopPropagation();
        drop(entry, parentId, targetId);
      },
    },
  };
}

function EndDropZone({ kind, parentId, label }: { kind: TDragged["kind"]; parentId: string; label: string }) {
  const { isOver, handlers } = useDropTarget(kind, parentId, null);
  return (
    <div {...handlers} aria-hidden className={`h-2 rounded ${isOver ? "h-6 border-2 border-dashed border-brand-600" : ""}`} data-drop-end={label} />
  );
}

function FieldProblem({ id, field }: { id: string; field: string }) {
  const message = useOutline().problems.get(`${id}:${field}`);
  return message ? (
    <p id={`${id}-${field}-problem`} className="mt-1 text-xs text-red-700">
      {message}
    </p>
  ) : null;
}

const ItemRow = memo(function ItemRow({ item, parentId }: { item: TDraftItem; parentId: string }) {
  const { apply, nudge, newId, levels, expanded, toggle, problems, sections, moveToSection } = useOutline();
  const isInSection = sections.some(([id]) => id === parentId);
  const { isOver, handlers } = useDropTarget("item", parentId, item.id);
  const label = `“${plain(item.text, "untitled item")}”`;
  const isOpen = expanded.has(item.id);
  const update = (patch: Extract<TDraftEdit, { type: "item.update" }>["patch"]) => apply({ type: "item.update", id: item.id, patch });
  const textProblem = problems.get(`${item.id}:text`);
  return (
    <li {...handlers} aria-label={plain(item.text, "Untitled item")} className={`rounded-md border bg-white ${isOver ? "border-t-4 border-t-brand-600" : "border-slate-200"}`}>
      <div className="flex flex-wrap items-center gap-2 p-2" onKeyDown={(event) => rowKeys(event, (by) => nudge(item.id, "item", by))}>
        <Handle id={item.id} kind="item" label={label} onMove={(by) => nudge(item.id, "item", by)} />
        <input
          id={`${item.id}-text`}
          aria-label="Item text"
          aria-invalid={textProblem ? true : undefined}
          aria-describedby={textProblem ? `${item.id}-text-problem` : undefined}
          value={item.text}
          maxLength={DRAFT_LIMITS.text}
          placeholder="What must be true before release?"
          onChange={(event) => update({ text: event.target.value })}
          className={`${input} min-w-48 flex-1`}
        />
        <select aria-label={`Role of ${label}`} value={item.kind} onChange={(event) => update({ kind: event.target.value as TDraftItem["kind"] })} className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm">
          {ROLE_OPTIONS.map((role) => (
            <option key={role.value} value={role.value}>
              {role.label}
            </option>
          ))}
        </select>
        <select aria-label={`Severity of ${label}`} value={item.severity} onChange={(event) => update({ severity: event.target.value as TDraftItem["severity"] })} className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm">
          <option value="BLOCKING">Blocking</option>
          <option value="ADVISORY">Advisory</option>
        </select>
        <button type="button" aria-expanded={isOpen} aria-controls={`${item.id}-details`} onClick={() => toggle(item.id)} className={smallButton}>
          {isOpen ? "Fewer settings" : "More settings"}
          <span className="sr-only"> for {label}</span>
        </button>
        <button type="button" aria-label={`Remove ${label}`} onClick={() => apply({ type: "item.remove", id: item.id })} className={`${smallButton} text-red-700`}>
          Remove
        </button>
        <ItemBadges item={item} />
      </div>
      <FieldProblem id={item.id} field="text" />
      {isOpen ? (
        <div id={`${item.id}-details`} className="grid gap-3 border-t border-slate-100 p-3 sm:grid-cols-2">
          <label className="text-xs text-slate-600 sm:col-span-2">
            Detail (Markdown)
            <textarea
              value={item.detail}
              maxLength={DRAFT_LIMITS.detail}
              rows={3}
              onChange={(event) => update({ detail: event.target.value })}
              className={`${input} mt-1 font-mono`}
            />
          </label>
          <div className="text-xs text-slate-600">
            <label className="flex items-center gap-2">
              <input
                type="checkbox"
                checked={item.evidenceRequired}
                onChange={(event) => update({ evidenceRequired: event.target.checked, ...(event.target.checked ? {} : { evidenceMaxAgeDays: null }) })}
              />
              Evidence required
            </label>
            <label className="mt-2 block">
              Maximum evidence age (days)
              <input
                id={`${item.id}-evidenceMaxAgeDays`}
                type="number"
                min={1}
                max={DRAFT_LIMITS.maxAgeDays}
                disabled={!item.evidenceRequired}
                value={item.evidenceMaxAgeDays ?? ""}
                placeholder="No limit"
                onChange={(event) => {
                  const days = event.target.valueAsNumber;
                  update({ evidenceMaxAgeDays: Number.isInteger(days) && days >= 1 ? Math.min(days, DRAFT_LIMITS.maxAgeDays) : null });
                }}
                className={`${input} mt-1 disabled:bg-slate-100`}
              />
            </label>
            <FieldProblem id={item.id} field="evidenceMaxAgeDays" />
          </div>
          <div className="text-xs text-slate-600">
            <label className="block">
              Required maturity level
              <select
                id={`${item.id}-requiredLevel`}
                value={item.requiredLevel ?? ""}
                onChange={(event) => update({ requiredLevel: event.target.value || null })}
                className={`${input} mt-1`}
              >
                <option value="">Every level</option>
                {item.requiredLevel !== null && !levels.includes(item.requiredLevel) ? <option value={item.requiredLevel}>{item.requiredLevel} (not a level)</option> : null}
                {levels.filter(Boolean).map((level) => (
                  <option key={level} value={level}>
                    {level}
                  </option>
                ))}
              </select>
            </label>
            <FieldProblem id={item.id} field="requiredLevel" />
            <label className="mt-2 block">
              Default owner
              <input
                list={OWNER_OPTIONS_ID}
                value={item.owner}
                maxLength={DRAFT_LIMITS.owner}
                placeholder="A person or team:Name"
                onChange={(event) => update({ owner: event.target.value })}
                className={`${input} mt-1`}
              />
            </label>
          </div>
          {isInSection && sections.length > 1 ? (
            <label className="text-xs text-slate-600">
              Section
              <select value={parentId} onChange={(event) => moveToSection(item.id, event.target.value)} className={`${input} mt-1`}>
                {sections.map(([id, title]) => (
                  <option key={id} value={id}>
                    {plain(title, "Untitled section")}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
          <label className="text-xs text-slate-600">
            CI check <span className="text-slate-500">(its results mark the item done or blocked)</span>
            <input
              value={item.ciCheck ?? ""}
              maxLength={DRAFT_LIMITS.ciCheck}
              placeholder="e.g. integration-tests"
              onChange={(event) => update({ ciCheck: event.target.value })}
              className={`${input} mt-1 font-mono`}
            />
          </label>
          <div className="sm:col-span-2">
            <button type="button" onClick={() => apply({ type: "item.add", parentId: item.id, item: newDraftItem(newId()) })} className={smallButton}>
              Add a sub-item<span className="sr-only"> to {label}</span>
            </button>
          </div>
        </div>
      ) : null}
      {item.children.length > 0 ? <ItemList items={item.children} parentId={item.id} label={`Sub-items of ${label}`} nested /> : null}
    </li>
  );
});

function ItemBadges({ item }: { item: TDraftItem }) {
  const badges: string[] = [];
  if (item.evidenceRequired) badges.push(item.evidenceMaxAgeDays ? `Evidence ≤ ${item.evidenceMaxAgeDays} d` : "Evidence");
  if (item.requiredLevel) badges.push(`Level ${item.requiredLevel}`);
  if (item.owner.trim()) badges.push(`Owner ${item.owner.trim()}`);
  if (item.ciCheck?.trim()) badges.push(`CI ${item.ciCheck.trim()}`);
  if (item.detail.trim()) badges.push("Detail");
  if (badges.length === 0) return null;
  return (
    <span className="flex flex-wrap gap-1">
      {badges.map((badge) => (
        <span key={badge} className="rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-700">
          {badge}
        </span>
      ))}
    </span>
  );
}

function ItemList({ items, parentId, label, nested = false }: { items: TDraftItem[]; parentId: string; label: string; nested?: boolean }) {
  return (
    <ol aria-label={label} className={`space-y-2 ${nested ? "border-l-2 border-slate-100 py-2 pl-6 pr-2" : ""}`}>
      {items.map((item) => (
        <ItemRow key={item.id} item={item} parentId={parentId} />
      ))}
      <EndDropZone kind="item" parentId={parentId} label={label} />
    </ol>
  );
}

const SectionBlock = memo(function SectionBlock({ section, parentId, depth }: { section: TDraftSection; parentId: string; depth: number }) {
  const { apply, nudge, newId, problems } = useOutline();
  const { isOver, handlers } = useDropTarget("section", parentId, section.id);
  const name = plain(section.title, "Untitled section");
  const titleProblem = problems.get(`${section.id}:title`);
  return (
    <section {...handlers} aria-label={`Section ${name}`} className={`rounded-xl border bg-slate-50 p-3 ${isOver ? "border-t-4 border-t-brand-600" : "border-slate-200"}`}>
      <div className="flex flex-wrap items-center gap-2" onKeyDown={(event) => rowKeys(event, (by) => nudge(section.id, "section", by))}>
        <Handle id={section.id} kind="section" label={`section “${name}”`} onMove={(by) => nudge(section.id, "section", by)} />
        <input
          id={`${section.id}-title`}
          aria-label="Section title"
          aria-invalid={titleProblem ? true : undefined}
          value={section.title}
          maxLength={DRAFT_LIMITS.title}
          placeholder="Section title"
          onChange={(event) => apply({ type: "section.update", id: section.id, title: event.target.value })}
          className={`${input} min-w-48 flex-1 font-semibold`}
        />
        {depth < DRAFT_LIMITS.depth ? (
          <button type="button" onClick={() => apply({ type: "section.add", parentId: section.id, section: newDraftSection(newId()) })} className={smallButton}>
            Add a subsection<span className="sr-only"> to {name}</span>
          </button>
        ) : null}
        <button type="button" aria-label={`Remove section ${name}`} onClick={() => apply({ type: "section.remove", id: section.id })} className={`${smallButton} text-red-700`}>
          Remove
        </button>
      </div>
      <FieldProblem id={section.id} field="title" />
      <div className="mt-3">
        {section.items.length === 0 ? <p className="mb-2 text-sm text-slate-500">No items yet: add the first thing to check.</p> : null}
        <ItemList items={section.items} parentId={section.id} label={`Items in ${name}`} />
        <button type="button" onClick={() => apply({ type: "item.add", parentId: section.id, item: newDraftItem(newId()) })} className={`${smallButton} mt-1`}>
          Add an item<span className="sr-only"> to {name}</span>
        </button>
      </div>
      {section.sections.length > 0 ? (
        <div className="mt-3 space-y-3 pl-4">
          <SectionList sections={section.sections} parentId={section.id} depth={depth + 1} />
        </div>
      ) : null}
    </section>
  );
});

export function SectionList({ sections, parentId = ROOT, depth = 1 }: { sections: TDraftSection[]; parentId?: string; depth?: number }): ReactNode {
  return (
    <>
      {sections.map((section) => (
        <SectionBlock key={section.id} section={section} parentId={parentId} depth={depth} />
      ))}
      <EndDropZone kind="section" parentId={parentId} label={parentId === ROOT ? "Sections" : "Subsections"} />
    </>
  );
}
