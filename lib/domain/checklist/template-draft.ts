import { z } from "zod";
import { ITEM_KINDS, SEVERITIES } from "@/lib/domain/checklist/types";

// What the template editor works on: a checklist as a tree of sections and items, each with
// an id of its own (so that the editor can move it, and React can key it) and, for items
// that come from a published version, the key that ties them to it across versions. Drafts
// may be incomplete (an empty text, a level not yet named); draft-checklist.ts says what stops
// a publish and turns a complete draft into what a version stores. Nothing here parses
// Markdown: the editor's bundle imports it.

export const DRAFT_LIMITS = { title: 300, description: 2_000, ciCheck: 200, text: 2_000, detail: 20_000, owner: 200, levels: 20, level: 60, items: 5_000, depth: 8, maxAgeDays: 3_650 } as const;

const zId = z.string().min(1).max(64);

export type TDraftItem = {
  id: string;
  /** The key of the published item this one continues; null for an item new in this draft. */
  key: string | null;
  text: string;
  detail: string;
  kind: (typeof ITEM_KINDS)[number];
  severity: (typeof SEVERITIES)[number];
  evidenceRequired: boolean;
  evidenceMaxAgeDays: number | null;
  requiredLevel: string | null;
  owner: string;
  /** The CI check whose results mark the item done or blocked ("" or absent: none). */
  ciCheck?: string;
  children: TDraftItem[];
};

export type TDraftSection = { id: string; title: string; items: TDraftItem[]; sections: TDraftSection[] };

/** `description`: the template's, shown on the templates list (absent on drafts saved before it existed). */
export type TDraftContent = { title: string; description?: string; levels: string[]; sections: TDraftSection[] };

export const ZDraftItem: z.ZodType<TDraftItem> = z.object({
  id: zId,
  key: z.string().min(1).max(200).nullable(),
  text: z.string().max(DRAFT_LIMITS.text),
  detail: z.string().max(DRAFT_LIMITS.detail),
  kind: z.enum(ITEM_KINDS),
  severity: z.enum(SEVERITIES),
  evidenceRequired: z.boolean(),
  evidenceMaxAgeDays: z.number().int().min(1).max(DRAFT_LIMITS.maxAgeDays).nullable(),
  requiredLevel: z.string().max(DRAFT_LIMITS.level).nullable(),
  owner: z.string().max(DRAFT_LIMITS.owner),
  ciCheck: z.string().max(DRAFT_LIMITS.ciCheck).optional(),
  get children() {
    return z.array(ZDraftItem);
  },
});

export const ZDraftSection: z.ZodType<TDraftSection> = z.object({
  id: zId,
  title: z.string().max(DRAFT_LIMITS.title),
  items: z.array(ZDraftItem),
  get sections() {
    return z.array(ZDraftSection);
  },
});

export const ZDraftContent = z
  .object({
    title: z.string().max(DRAFT_LIMITS.title),
    description: z.string().max(DRAFT_LIMITS.description).optional(),
    levels: z.array(z.string().max(DRAFT_LIMITS.level)).max(DRAFT_LIMITS.levels),
    sections: z.array(ZDraftSection),
  })
  .superRefine((draft, context) => {
    let items = 0;
    let deepest = 0;
    const ids = new Set<string>();
    const visitItems = (list: TDraftItem[], depth: number) => {
      for (const item of list) {
        items += 1;
        deepest = Math.max(deepest, depth);
        if (ids.has(item.id)) context.addIssue({ code: "custom", message: `Two entries share the id ${item.id}.` });
        ids.add(item.id);
        visitItems(item.children, depth + 1);
      }
    };
    const visitSections = (list: TDraftSection[], depth: number) => {
      for (const section of list) {
        deepest = Math.max(deepest, depth);
        if (ids.has(section.id)) context.addIssue({ code: "custom", message: `Two entries share the id ${section.id}.` });
        ids.add(section.id);
        visitItems(section.items, 1);
        visitSections(section.sections, depth + 1);
      }
    };
    visitSections(draft.sections, 1);
    if (items > DRAFT_LIMITS.items) context.addIssue({ code: "custom", message: `A template holds at most ${DRAFT_LIMITS.items.toLocaleString("en")} items.` });
    if (deepest > DRAFT_LIMITS.depth) context.addIssue({ code: "custom", message: `Sections and items nest at most ${DRAFT_LIMITS.depth} deep.` });
  });

export function newDraftItem(id: string, text = ""): TDraftItem {
  return {
    id,
    key: null,
    text,
    detail: "",
    kind: "CHECK",
    severity: "BLOCKING",
    evidenceRequired: false,
    evidenceMaxAgeDays: null,
    requiredLevel: null,
    owner: "",
    children: [],
  };
}

export function newDraftSection(id: string, title = ""): TDraftSection {
  return { id, title, items: [], sections: [] };
}

export function* walkDraftItems(sections: TDraftSection[]): Generator<TDraftItem> {
  function* items(list: TDraftItem[]): Generator<TDraftItem> {
    for (const item of list) {
      yield item;
      yield* items(item.children);
    }
  }
  for (const section of sections) {
    yield* items(section.items);
    yield* walkDraftItems(section.sections);
  }
}

export function* walkDraftSections(sections: TDraftSection[]): Generator<TDraftSection> {
  for (const section of sections) {
    yield section;
    yield* walkDraftSections(section.sections);
  }
}


// Edits, as the editor makes them: each returns a new draft and leaves the old one as it was.
// A list is named by its owner's id: a section's items and subsections by the section's id,
// an item's sub-items by the item's id, the top sections by ROOT.

export const ROOT = "root";

export type TDraftEdit =
  | { type: "title"; title: string }
  | { type: "description"; description: string }
  | { type: "level.add"; name: string }
  | { type: "level.rename"; index: number; name: string }
  | { type: "level.remove"; index: number }
  | { type: "level.move"; from: number; to: number }
  | { type: "section.add"; parentId: string; section: TDraftSection }
  | { type: "section.update"; id: string; title: string }
  | { type: "section.remove"; id: string }
  | { type: "section.move"; id: string; parentId: string; index: number }
  | { type: "item.add"; parentId: string; item: TDraftItem }
  | { type: "item.update"; id: string; patch: Partial<Omit<TDraftItem, "id" | "key" | "children">> }
  | { type: "item.remove"; id: string }
  | { type: "item.move"; id: string; parentId: string; index: number };

// Entries an edit does not touch stay the same objects, so the editor re-renders only what changed.

function mapItems(items: TDraftItem[], change: (item: TDraftItem) => TDraftItem): TDraftItem[] {
  let isChanged = false;
  const next = items.map((item) => {
    const children = mapItems(item.children, change);
    const changed = change(children === item.children ? item : { ...item, children });
    if (changed !== item) isChanged = true;
    return changed;
  });
  return isChanged ? next : items;
}

function mapSections(sections: TDraftSection[], change: (section: TDraftSection) => TDraftSection): TDraftSection[] {
  let isChanged = false;
  const next = sections.map((section) => {
    const children = mapSections(section.sections, change);
    const changed = change(children === section.sections ? section : { ...section, sections: children });
    if (changed !== section) isChanged = true;
    return changed;
  });
  return isChanged ? next : sections;
}

/** Every item of the draft changed by `change` (which returns the item itself to leave it). */
function mapAllItems(draft: TDraftContent, change: (item: TDraftItem) => TDraftItem): TDraftContent {
  const sections = mapSections(draft.sections, (section) => {
    const items = mapItems(section.items, change);
    return items === section.items ? section : { ...section, items };
  });
  return sections === draft.sections ? draft : { ...draft, sections };
}

function withoutItem(items: TDraftItem[], id: string): TDraftItem[] {
  const filtered = items.filter((item) => item.id !== id);
  const kept = filtered.length === items.length ? items : filtered;
  return mapItems(kept, (item) => {
    const children = item.children.filter((child) => child.id !== id);
    return children.length === item.children.length ? item : { ...item, children };
  });
}

function withoutSection(sections: TDraftSection[], id: string): TDraftSection[] {
  const filtered = sections.filter((section) => section.id !== id);
  const kept = filtered.length === sections.length ? sections : filtered;
  return mapSections(kept, (section) => {
    const children = section.sections.filter((child) => child.id !== id);
    return children.length === section.sections.length ? section : { ...section, sections: children };
  });
}

/** The draft without the item `id` (and its sub-items). */
function removeItem(draft: TDraftContent, id: string): TDraftContent {
  const sections = mapSections(draft.sections, (section) => {
    const items = withoutItem(section.items, id);
    return items === section.items ? section : { ...section, items };
  });
  return sections === draft.sections ? draft : { ...draft, sections };
}

function insertAt<T>(list: T[], index: number, entry: T): T[] {
  const at = Math.max(0, Math.min(index, list.length));
  return [...list.slice(0, at), entry, ...list.slice(at)];
}

export function findDraftItem(sections: TDraftSection[], id: string): TDraftItem | null {
  for (const item of walkDraftItems(sections)) if (item.id === id) return item;
  return null;
}

export function findDraftSection(sections: TDraftSection[], id: string): TDraftSection | null {
  for (const section of walkDraftSections(sections)) if (section.id === id) return section;
  return null;
}

/** The list an entry is in (its owner's id) and its place there, or null. */
export function placeOf(draft: TDraftContent, id: string): { parentId: string; index: number; length: number } | null {
  const inItems = (items: TDraftItem[], parentId: string): ReturnType<typeof placeOf> => {
    const index = items.findIndex((item) => item.id === id);
    if (index >= 0) return { parentId, index, length: items.length };
    for (const item of items) {
      const found = inItems(item.children, item.id);
      if (found) return found;
    }
    return null;
  };
  const inSections = (sections: TDraftSection[], parentId: string): ReturnType<typeof placeOf> => {
    const index = sections.findIndex((section) => section.id === id);
    if (index >= 0) return { parentId, index, length: sections.length };
    for (const section of sections) {
      const found = inItems(section.items, section.id) ?? inSections(section.sections, section.id);
      if (found) return found;
    }
    return null;
  };
  return inSections(draft.sections, ROOT);
}

/** Whether `id` is `ancestorId` or inside it (an entry cannot move into itself). */
function isWithin(draft: TDraftContent, ancestorId: string, id: string): boolean {
  const ancestor = findDraftSection(draft.sections, ancestorId) ?? findDraftItem(draft.sections, ancestorId);
  if (!ancestor) return false;
  if (ancestor.id === id) return true;
  const sections = "sections" in ancestor ? [ancestor] : [{ id: "", title: "", items: [ancestor], sections: [] }];
  for (const section of walkDraftSections(sections)) if (section.id === id) return true;
  for (const item of walkDraftItems(sections)) if (item.id === id) return true;
  return false;
}

function insertItem(draft: TDraftContent, parentId: string, index: number, entry: TDraftItem): TDraftContent {
  if (findDraftSection(draft.sections, parentId)) {
    return { ...draft, sections: mapSections(draft.sections, (s) => (s.id === parentId ? { ...s, items: insertAt(s.items, index, entry) } : s)) };
  }
  return mapAllItems(draft, (i) => (i.id === parentId ? { ...i, children: insertAt(i.children, index, entry) } : i));
}

function insertSection(draft: TDraftContent, parentId: string, index: number, entry: TDraftSection): TDraftContent {
  if (parentId === ROOT) return { ...draft, sections: insertAt(draft.sections, index, entry) };
  return { ...draft, sections: mapSections(draft.sections, (s) => (s.id === parentId ? { ...s, sections: insertAt(s.sections, index, entry) } : s)) };
}

export function editDraft(draft: TDraftContent, edit: TDraftEdit): TDraftContent {
  switch (edit.type) {
    case "title":
      return { ...draft, title: edit.title };
    case "description":
      return { ...draft, description: edit.description };
    case "level.add":
      return { ...draft, levels: [...draft.levels, edit.name] };
    case "level.rename": {
      const previous = draft.levels[edit.index];
      if (previous === undefined) return draft;
      const renamed = { ...draft, levels: draft.levels.map((level, i) => (i === edit.index ? edit.name : level)) };
      // Items that required the level follow its new name.
      return mapAllItems(renamed, (item) => (item.requiredLevel === previous ? { ...item, requiredLevel: edit.name } : item));
    }
    case "level.remove": {
      const removed = draft.levels[edit.index];
      if (removed === undefined) return draft;
      const without = { ...draft, levels: draft.levels.filter((_, i) => i !== edit.index) };
      return mapAllItems(without, (item) => (item.requiredLevel === removed ? { ...item, requiredLevel: null } : item));
    }
    case "level.move": {
      const level = draft.levels[edit.from];
      if (level === undefined) return draft;
      return { ...draft, levels: insertAt(draft.levels.filter((_, i) => i !== edit.from), edit.to, level) };
    }
    case "section.add":
      return insertSection(draft, edit.parentId, Number.MAX_SAFE_INTEGER, edit.section);
    case "section.update":
      return { ...draft, sections: mapSections(draft.sections, (s) => (s.id === edit.id ? { ...s, title: edit.title } : s)) };
    case "section.remove":
      return { ...draft, sections: withoutSection(draft.sections, edit.id) };
    case "section.move": {
      const section = findDraftSection(draft.sections, edit.id);
      if (!section || (edit.parentId !== ROOT && (isWithin(draft, edit.id, edit.parentId) || !findDraftSection(draft.sections, edit.parentId)))) return draft;
      return insertSection({ ...draft, sections: withoutSection(draft.sections, edit.id) }, edit.parentId, edit.index, section);
    }
    case "item.add":
      return insertItem(draft, edit.parentId, Number.MAX_SAFE_INTEGER, edit.item);
    case "item.update":
      return mapAllItems(draft, (item) => (item.id === edit.id ? { ...item, ...edit.patch } : item));
    case "item.remove":
      return removeItem(draft, edit.id);
    case "item.move": {
      const item = findDraftItem(draft.sections, edit.id);
      const target = findDraftSection(draft.sections, edit.parentId) ?? findDraftItem(draft.sections, edit.parentId);
      if (!item || !target || isWithin(draft, edit.id, edit.parentId)) return draft;
      return insertItem(removeItem(draft, edit.id), edit.parentId, edit.index, item);
    }
  }
}
