import { z } from "zod";
import { ITEM_KINDS, SEVERITIES } from "@/lib/domain/checklist/types";
import { isSeatEmail } from "@/lib/domain/markdown/seat-words";
import { DEFAULT_SIGN_OFF_POLICY, SEAT_LIMITS, SEAT_ROLES, seatKey, type TSeatRole, type TSignOffPolicy } from "@/lib/domain/sign-off/sign-off-policy";

// What the template editor works on: a checklist as a tree of sections and items, each with
// an id of its own (so that the editor can move it, and React can key it) and, for items
// that come from a published version, the key that ties them to it across versions. Drafts
// may be incomplete (an empty text, a level not yet named); draft-checklist.ts says what stops
// a publish and turns a complete draft into what a version stores. Nothing here parses
// Markdown: the editor's bundle imports it.

export const DRAFT_LIMITS = {
  title: 300,
  description: 2_000,
  ciCheck: 200,
  text: 2_000,
  detail: 20_000,
  owner: 200,
  levels: 20,
  level: 60,
  items: 5_000,
  depth: 8,
  maxAgeDays: 3_650,
  /** Sign-off seats (sign-off-policy.ts SEAT_LIMITS). */
  seats: SEAT_LIMITS.seats,
  seatName: SEAT_LIMITS.name,
  seatPeople: SEAT_LIMITS.people,
  team: 100,
  person: 320,
  signatures: SEAT_LIMITS.required,
  /**
   * The characters of a seat's teams or people field: what it holds always saves; more teams
   * or people than a seat takes, or one too long, stops a publish instead (signOffProblems).
   */
  seatList: 2_000,
} as const;

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

/** A sign-off seat as the editor works on it: maybe without a name or anybody to fill it yet. Its key comes from its name on publish. */
export type TDraftSeat = { id: string; name: string; roles: TSeatRole[]; teams: string[]; users: string[]; required: number };

/** Who must sign a release off (sign-off-policy.ts), as the editor works on it. */
export type TDraftSignOff = { seats: TDraftSeat[]; allowMultipleSeats: boolean; allowSelfApproval: boolean };

/**
 * `description`: the template's, shown on the templates list (absent on drafts saved before it existed).
 * `signOff`: absent on drafts saved before seats existed and on new drafts until a seat is edited: the default policy.
 */
export type TDraftContent = { title: string; description?: string; levels: string[]; sections: TDraftSection[]; signOff?: TDraftSignOff };

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

export const ZDraftSeat: z.ZodType<TDraftSeat> = z.object({
  id: zId,
  name: z.string().max(DRAFT_LIMITS.seatName),
  roles: z.array(z.enum(SEAT_ROLES)).max(SEAT_ROLES.length),
  teams: z.array(z.string().max(DRAFT_LIMITS.seatList)).max(DRAFT_LIMITS.seatList),
  users: z.array(z.string().max(DRAFT_LIMITS.seatList)).max(DRAFT_LIMITS.seatList),
  required: z.number().int().min(1).max(DRAFT_LIMITS.signatures),
});

export const ZDraftSignOff: z.ZodType<TDraftSignOff> = z.object({
  seats: z.array(ZDraftSeat).max(DRAFT_LIMITS.seats),
  allowMultipleSeats: z.boolean(),
  allowSelfApproval: z.boolean(),
});

export const ZDraftContent = z
  .object({
    title: z.string().max(DRAFT_LIMITS.title),
    description: z.string().max(DRAFT_LIMITS.description).optional(),
    levels: z.array(z.string().max(DRAFT_LIMITS.level)).max(DRAFT_LIMITS.levels),
    sections: z.array(ZDraftSection),
    signOff: ZDraftSignOff.optional(),
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
    const seatIds = new Set<string>();
    for (const seat of draft.signOff?.seats ?? []) {
      if (seatIds.has(seat.id)) context.addIssue({ code: "custom", message: `Two sign-off seats share the id ${seat.id}.` });
      seatIds.add(seat.id);
    }
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

/** A policy (a version's) as a draft's seats; release-only seats are a release's, never a template's. */
export function draftSignOff(policy: TSignOffPolicy, newId: () => string): TDraftSignOff {
  return {
    seats: policy.seats
      .filter((seat) => !seat.releaseOnly)
      .map((seat) => ({ id: newId(), name: seat.name, roles: [...seat.roles], teams: [...seat.teams], users: [...seat.users], required: seat.required })),
    allowMultipleSeats: policy.allowMultipleSeats,
    allowSelfApproval: policy.allowSelfApproval,
  };
}

/** What a draft without seats of its own publishes: the default policy (its seat's id is fixed, so that edits stay pure). */
export const DEFAULT_DRAFT_SIGN_OFF: TDraftSignOff = draftSignOff(DEFAULT_SIGN_OFF_POLICY, () => "release-manager");

export function newDraftSeat(id: string, name = ""): TDraftSeat {
  return { id, name, roles: [], teams: [], users: [], required: 1 };
}

/** The policy a complete draft's seats publish: names trimmed, keys from names, people in lower case, nothing named twice. */
export function signOffFromDraft(signOff: TDraftSignOff): TSignOffPolicy {
  const unique = (values: string[], fold: (value: string) => string = (value) => value.toLowerCase()) => {
    const seen = new Map<string, string>();
    for (const value of values.map((v) => v.trim()).filter(Boolean)) if (!seen.has(fold(value))) seen.set(fold(value), value);
    return [...seen.values()];
  };
  return {
    seats: signOff.seats.map((seat) => ({
      key: seatKey(seat.name.trim()),
      name: seat.name.trim(),
      roles: [...new Set(seat.roles)],
      teams: unique(seat.teams),
      users: unique(seat.users).map((user) => user.toLowerCase()),
      required: seat.required,
      releaseOnly: false,
    })),
    allowMultipleSeats: signOff.allowMultipleSeats,
    allowSelfApproval: signOff.allowSelfApproval,
  };
}

export type TSeatProblemField = "seatName" | "seatFillers" | "seatTeams" | "seatUsers";
/** What stops a draft's seats from being published; `id` is the seat's ("sign-off" with `seats`: the whole list). */
export type TSeatProblem = { id: string; field: TSeatProblemField | "seats"; message: string };

/** The seats' problems, in the order the editor shows them (the editor shows them as it goes; draft-checklist.ts stops a publish on them). */
export function signOffProblems(signOff: TDraftSignOff): TSeatProblem[] {
  const problems: TSeatProblem[] = [];
  if (signOff.seats.length === 0) problems.push({ id: "sign-off", field: "seats", message: "A release needs at least one sign-off seat: add one." });
  const keys = new Set<string>();
  for (const seat of signOff.seats) {
    const name = seat.name.trim();
    const label = name ? `The sign-off seat “${name}”` : "A sign-off seat";
    if (!name) problems.push({ id: seat.id, field: "seatName", message: "A sign-off seat has no name." });
    else if (keys.has(seatKey(name))) problems.push({ id: seat.id, field: "seatName", message: `Two sign-off seats are named “${name}”.` });
    if (name) keys.add(seatKey(name));
    const teams = seat.teams.map((t) => t.trim()).filter(Boolean);
    const users = seat.users.map((u) => u.trim()).filter(Boolean);
    if (seat.roles.length + teams.length + users.length === 0) {
      problems.push({ id: seat.id, field: "seatFillers", message: `${label} says nobody who may fill it: choose a role, or name a team or people.` });
    }
    const longTeam = teams.find((team) => team.length > DRAFT_LIMITS.team);
    if (longTeam !== undefined) problems.push({ id: seat.id, field: "seatTeams", message: `${label} names a team longer than ${DRAFT_LIMITS.team} characters.` });
    else if (teams.length > DRAFT_LIMITS.seatPeople) problems.push({ id: seat.id, field: "seatTeams", message: `${label} names more than ${DRAFT_LIMITS.seatPeople} teams.` });
    const notEmail = users.find((user) => !isSeatEmail(user) || user.length > DRAFT_LIMITS.person);
    if (notEmail !== undefined) problems.push({ id: seat.id, field: "seatUsers", message: `${label} names “${notEmail}”, which is not an email address.` });
    else if (users.length > DRAFT_LIMITS.seatPeople) problems.push({ id: seat.id, field: "seatUsers", message: `${label} names more than ${DRAFT_LIMITS.seatPeople} people.` });
  }
  return problems;
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
  | { type: "item.move"; id: string; parentId: string; index: number }
  | { type: "seat.add"; seat: TDraftSeat }
  | { type: "seat.update"; id: string; patch: Partial<Omit<TDraftSeat, "id">> }
  | { type: "seat.remove"; id: string }
  | { type: "signOff.rules"; patch: Partial<Pick<TDraftSignOff, "allowMultipleSeats" | "allowSelfApproval">> };

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
    // A draft without seats of its own edits the default ones.
    case "seat.add": {
      const signOff = draft.signOff ?? DEFAULT_DRAFT_SIGN_OFF;
      return { ...draft, signOff: { ...signOff, seats: [...signOff.seats, edit.seat] } };
    }
    case "seat.update": {
      const signOff = draft.signOff ?? DEFAULT_DRAFT_SIGN_OFF;
      if (!signOff.seats.some((seat) => seat.id === edit.id)) return draft;
      return { ...draft, signOff: { ...signOff, seats: signOff.seats.map((seat) => (seat.id === edit.id ? { ...seat, ...edit.patch } : seat)) } };
    }
    case "seat.remove": {
      const signOff = draft.signOff ?? DEFAULT_DRAFT_SIGN_OFF;
      if (!signOff.seats.some((seat) => seat.id === edit.id)) return draft;
      return { ...draft, signOff: { ...signOff, seats: signOff.seats.filter((seat) => seat.id !== edit.id) } };
    }
    case "signOff.rules":
      return { ...draft, signOff: { ...(draft.signOff ?? DEFAULT_DRAFT_SIGN_OFF), ...edit.patch } };
  }
}
