import {
  signOffFromDraft,
  signOffProblems,
  walkDraftItems,
  walkDraftSections,
  type TDraftContent,
  type TDraftItem,
  type TDraftSection,
  type TSeatProblemField,
} from "@/lib/domain/checklist/template-draft";
import type { TChecklist, TChecklistItem, TChecklistSection } from "@/lib/domain/checklist/types";
import { plainInlineText } from "@/lib/domain/markdown/inline-markdown";
import { makeItemKey, newItemKeys } from "@/lib/domain/markdown/item-key";
import { diffSignOffPolicies } from "@/lib/domain/sign-off/diff-sign-off";

// Between the editor's drafts and published checklists: a version opened for editing, what
// stops a draft from being published, and the checklist a complete draft publishes.

/** A published checklist as a draft to edit: every item keeps its key. */
export function draftFromChecklist(checklist: Pick<TChecklist, "title" | "levels" | "sections">, newId: () => string): TDraftContent {
  const item = (i: TChecklistItem): TDraftItem => ({
    id: newId(),
    key: i.key,
    text: i.text,
    detail: i.detail ?? "",
    kind: i.kind,
    severity: i.severity,
    evidenceRequired: i.evidenceRequired,
    evidenceMaxAgeDays: i.evidenceMaxAgeDays,
    requiredLevel: i.requiredLevel,
    owner: i.owner ?? "",
    ciCheck: i.ciCheck ?? "",
    children: i.children.map(item),
  });
  const section = (s: TChecklistSection): TDraftSection => ({ id: newId(), title: s.title, items: s.items.map(item), sections: s.sections.map(section) });
  return { title: checklist.title, levels: [...checklist.levels], sections: checklist.sections.map(section) };
}

/** What stops a draft from being published, each with the id of the entry it is about (null: the whole draft). */
export type TDraftProblem = {
  id: string | null;
  field: "title" | "levels" | "text" | "requiredLevel" | "evidenceMaxAgeDays" | "items" | "seats" | TSeatProblemField;
  message: string;
};

export function draftProblems(draft: TDraftContent): TDraftProblem[] {
  const problems: TDraftProblem[] = [];
  if (!draft.title.trim()) problems.push({ id: null, field: "title", message: "The checklist needs a title." });
  const levels = draft.levels.map((level) => level.trim());
  if (levels.some((level) => !level)) problems.push({ id: null, field: "levels", message: "A maturity level has no name." });
  const seen = new Set<string>();
  for (const level of levels.filter(Boolean)) {
    if (seen.has(level.toLowerCase())) problems.push({ id: null, field: "levels", message: `The level “${level}” is listed twice.` });
    seen.add(level.toLowerCase());
  }
  for (const section of walkDraftSections(draft.sections)) {
    if (!section.title.trim()) problems.push({ id: section.id, field: "title", message: "A section has no title." });
  }
  let count = 0;
  for (const item of walkDraftItems(draft.sections)) {
    count += 1;
    const label = item.text.trim() ? `“${plainInlineText(item.text.trim())}”` : "An item";
    if (!item.text.trim()) problems.push({ id: item.id, field: "text", message: "An item has no text." });
    if (item.requiredLevel !== null && !levels.includes(item.requiredLevel.trim())) {
      problems.push({ id: item.id, field: "requiredLevel", message: `${label} requires the level “${item.requiredLevel}”, which the levels do not list.` });
    }
    if (item.evidenceMaxAgeDays !== null && !item.evidenceRequired) {
      problems.push({ id: item.id, field: "evidenceMaxAgeDays", message: `${label} has a maximum evidence age but does not require evidence.` });
    }
  }
  if (count === 0) problems.push({ id: null, field: "items", message: "The checklist has no items yet." });
  // A draft without seats of its own publishes the default policy, which has no problems.
  if (draft.signOff) problems.push(...signOffProblems(draft.signOff));
  return problems;
}

/**
 * The checklist a complete draft publishes. Items keep their keys; a new item gets one from
 * its text that no item of the template has had (`usedKeys`), so that a release moved to
 * the new version never mistakes it for an item that was removed.
 */
export function checklistFromDraft(draft: TDraftContent, usedKeys: Iterable<string>): TChecklist {
  const keys = newItemKeys();
  for (const key of usedKeys) keys.taken.add(key);
  for (const item of walkDraftItems(draft.sections)) if (item.key) keys.taken.add(item.key);
  const item = (i: TDraftItem): TChecklistItem => ({
    key: i.key ?? makeItemKey(plainInlineText(i.text.trim()), keys),
    text: i.text.trim(),
    detail: i.detail.trim() || null,
    kind: i.kind,
    severity: i.severity,
    evidenceRequired: i.evidenceRequired,
    evidenceMaxAgeDays: i.evidenceRequired ? i.evidenceMaxAgeDays : null,
    requiredLevel: i.requiredLevel?.trim() || null,
    status: "OPEN",
    owner: i.owner.trim() || null,
    ciCheck: i.ciCheck?.trim() || null,
    naReason: null,
    evidenceLinks: [],
    children: i.children.map(item),
  });
  const section = (s: TDraftSection): TChecklistSection => ({ title: s.title.trim(), items: s.items.map(item), sections: s.sections.map(section) });
  return {
    title: draft.title.trim(),
    mode: "tasks",
    levels: draft.levels.map((l) => l.trim()),
    sections: draft.sections.map(section),
    warnings: [],
    ...(draft.signOff ? { signOff: signOffFromDraft(draft.signOff) } : {}),
  };
}

// What publishing changes, item by key, in words a reviewer checks before publishing.

export type TPublishDiff = {
  added: { key: string; text: string; section: string }[];
  removed: { key: string; text: string; section: string }[];
  changed: { key: string; text: string; changes: string[] }[];
  levels: { before: string[]; after: string[] } | null;
  title: { before: string; after: string } | null;
  /** Who signs releases off, in words ("Seat added: Security (users sam@example.com, 2 signatures)"): diff-sign-off.ts. */
  signOff: string[];
};

type TDiffed = Pick<TChecklist, "title" | "levels" | "sections" | "signOff">;

type TPlacedItem = { item: TChecklistItem; section: string };

function placedItems(sections: TChecklistSection[], path: string[] = []): TPlacedItem[] {
  return sections.flatMap((section) => {
    const here = [...path, plainInlineText(section.title)];
    const items: TPlacedItem[] = [];
    const visit = (list: TChecklistItem[]) => {
      for (const item of list) {
        items.push({ item, section: here.join(" › ") });
        visit(item.children);
      }
    };
    visit(section.items);
    return [...items, ...placedItems(section.sections, here)];
  });
}

const ROLE_WORDS = { CHECK: "check", GO_CRITERION: "go criterion", NO_GO_CONDITION: "no-go condition" } as const;

function evidenceWords(item: TChecklistItem): string {
  if (!item.evidenceRequired) return "not required";
  return item.evidenceMaxAgeDays === null ? "required" : `required, at most ${item.evidenceMaxAgeDays} days old`;
}

function definitionChanges(before: TPlacedItem, after: TPlacedItem): string[] {
  const changes: string[] = [];
  const was = before.item;
  const is = after.item;
  if (was.text !== is.text) changes.push(`Text: “${plainInlineText(was.text)}” → “${plainInlineText(is.text)}”`);
  if ((was.detail ?? "") !== (is.detail ?? "")) changes.push(is.detail ? (was.detail ? "Detail changed" : "Detail added") : "Detail removed");
  if (was.kind !== is.kind) changes.push(`Role: ${ROLE_WORDS[was.kind]} → ${ROLE_WORDS[is.kind]}`);
  if (was.severity !== is.severity) changes.push(`${is.severity === "ADVISORY" ? "Blocking → advisory" : "Advisory → blocking"}`);
  if (evidenceWords(was) !== evidenceWords(is)) changes.push(`Evidence: ${evidenceWords(was)} → ${evidenceWords(is)}`);
  if (was.requiredLevel !== is.requiredLevel) changes.push(`Level: ${was.requiredLevel ?? "none"} → ${is.requiredLevel ?? "none"}`);
  if ((was.owner ?? null) !== (is.owner ?? null)) changes.push(`Default owner: ${was.owner ?? "none"} → ${is.owner ?? "none"}`);
  if ((was.ciCheck ?? null) !== (is.ciCheck ?? null)) changes.push(`CI check: ${was.ciCheck ?? "none"} → ${is.ciCheck ?? "none"}`);
  if (before.section !== after.section) changes.push(`Section: ${before.section} → ${after.section}`);
  return changes;
}

/**
 * What `after` changes from `before` (null: a template's first version, where everything is
 * added). A sign-off policy that either leaves out is the default one.
 */
export function diffChecklists(before: TDiffed | null, after: TDiffed): TPublishDiff {
  const old = new Map(before ? placedItems(before.sections).map((p) => [p.item.key, p]) : []);
  const next = placedItems(after.sections);
  const nextKeys = new Set(next.map((p) => p.item.key));
  const summary = (p: TPlacedItem) => ({ key: p.item.key, text: p.item.text, section: p.section });
  const sameLevels = before !== null && before.levels.length === after.levels.length && before.levels.every((level, i) => level === after.levels[i]);
  return {
    added: next.filter((p) => !old.has(p.item.key)).map(summary),
    removed: [...old.values()].filter((p) => !nextKeys.has(p.item.key)).map(summary),
    changed: next.flatMap((p) => {
      const previous = old.get(p.item.key);
      const changes = previous ? definitionChanges(previous, p) : [];
      return changes.length ? [{ key: p.item.key, text: p.item.text, changes }] : [];
    }),
    levels: sameLevels || (before === null && after.levels.length === 0) ? null : { before: before?.levels ?? [], after: after.levels },
    title: before && before.title !== after.title ? { before: before.title, after: after.title } : null,
    signOff: diffSignOffPolicies(before?.signOff, after.signOff),
  };
}
