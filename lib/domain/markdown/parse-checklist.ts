import type { Blockquote, Heading, List, ListItem, Root, RootContent, Table } from "mdast";
import { gfmToMarkdown } from "mdast-util-gfm";
import { toMarkdown } from "mdast-util-to-markdown";
import { toString } from "mdast-util-to-string";
import type { TChecklist, TChecklistItem, TChecklistSection, TImportMode, TItemKind } from "@/lib/domain/checklist/types";
import { classifySection } from "@/lib/domain/markdown/classify-section";
import { isPreflightExport, parseItemMeta, type TItemMeta } from "@/lib/domain/markdown/item-meta";
import { declaredLevels, indexLevels, resolveLevel } from "@/lib/domain/markdown/item-levels";
import { findDeepNesting, nestingError } from "@/lib/domain/markdown/check-nesting";
import { contentSource, newItem, rawContentSource, readInline, type TParseContext } from "@/lib/domain/markdown/item-builder";
import { collectDefinitions, inlineSource } from "@/lib/domain/markdown/inline-source";
import { encodeInlineText } from "@/lib/domain/markdown/inline-text";
import { newItemKeys } from "@/lib/domain/markdown/item-key";
import { readSource } from "@/lib/domain/markdown/read-source";
import { repairMojibake } from "@/lib/domain/markdown/repair-mojibake";
import { parseTable } from "@/lib/domain/markdown/parse-table";
import { parseTree, parseTreeReference } from "@/lib/domain/markdown/parse-tree";
import { declaredSignOff } from "@/lib/domain/markdown/sign-off-lines";
import { signOffTable, withTableSeats, type TSignOffTable } from "@/lib/domain/markdown/sign-off-table";
import { applySectionRoles, type TSectionRoles } from "@/lib/domain/markdown/section-roles";

export const MAX_ITEMS = 5_000;

export type TParseOptions = {
  mode?: TImportMode;
  /** Roles chosen in the import preview, by section number (see section-roles.ts). */
  sectionRoles?: TSectionRoles;
};
export type TParseResult = { ok: true; checklist: TChecklist } | { ok: false; error: string };

// Built once: toMarkdown only reads its extensions.
const TO_MARKDOWN_OPTIONS = { extensions: [gfmToMarkdown()] };

function toDetail(nodes: RootContent[]): string | null {
  if (nodes.length === 0) return null;
  const markdown = toMarkdown({ type: "root", children: nodes }, TO_MARKDOWN_OPTIONS).trim();
  return markdown || null;
}

function isTask(item: ListItem): boolean {
  return typeof item.checked === "boolean";
}

function hasTaskItems(node: Root | RootContent): boolean {
  if (node.type === "listItem" && isTask(node)) return true;
  return "children" in node && (node.children as RootContent[]).some(hasTaskItems);
}

/** A copy of a list or blockquote without its task items (they became items), or null when nothing else is left. */
function withoutTasks<TNode extends RootContent>(node: TNode): TNode | null {
  if (node.type === "list") {
    const children = node.children.filter((item) => !isTask(item)).map((item) => withoutTasks(item)!);
    return children.length ? { ...node, children } : null;
  }
  if (node.type === "listItem" || node.type === "blockquote") {
    const children = (node.children as RootContent[]).map(withoutTasks).filter((child): child is RootContent => child !== null);
    return children.length || node.type === "listItem" ? ({ ...node, children } as TNode) : null;
  }
  return node;
}

/**
 * An item's title when it does not start with a paragraph: a heading's text, or the first
 * line of a code block (or any other block), written as text.
 */
function titleOf(first: RootContent | undefined, ctx: TParseContext): { title: ReturnType<typeof readInline>; consumed: boolean } | null {
  if (!first) return null;
  if (first.type === "paragraph" || first.type === "heading") return { title: readInline(first, ctx), consumed: true };
  if (first.type === "list") return null;
  const line = toString(first).split(/\r\n|\r|\n/).map((l) => l.trim()).find(Boolean);
  return line ? { title: { text: encodeInlineText(line), plain: line, done: false }, consumed: false } : null;
}

/** Sets what a sub-bullet says about its item; false when it names a level the document does not have (then it is content). */
function applyMeta(item: TChecklistItem, meta: TItemMeta, ctx: TParseContext): boolean {
  if (meta.level !== undefined) {
    const level = resolveLevel(meta.level, ctx);
    if (level === null) return false;
    item.requiredLevel = level;
  }
  if (meta.status) item.status = meta.status;
  if (meta.owner) item.owner = meta.owner;
  if (meta.naReason) item.naReason = meta.naReason;
  if (meta.releaseOnly) item.releaseOnly = true;
  if (meta.ciCheck) item.ciCheck = meta.ciCheck;
  if (meta.evidenceLink) item.evidenceLinks.push(meta.evidenceLink);
  if (meta.evidence) {
    item.evidenceRequired = meta.evidence.required;
    item.evidenceMaxAgeDays = meta.evidence.maxAgeDays;
  }
  if (meta.kind) {
    // Only this item: its children keep the section's role.
    item.kind = meta.kind;
    ctx.itemsWithOwnRole.add(item);
  }
  return true;
}

function buildItem(listItem: ListItem, kind: TItemKind, ctx: TParseContext): TChecklistItem {
  const [first, ...rest] = listItem.children;
  const lead = titleOf(first, ctx);
  const item = newItem(lead?.title ?? { text: "", plain: "", done: false }, kind, ctx);
  if (listItem.checked === true) item.status = "DONE";
  const detail: RootContent[] = [];
  for (const node of lead?.consumed ? rest : listItem.children) {
    if (node.type === "blockquote" && ctx.mode === "tasks" && hasTaskItems(node)) {
      item.children.push(...tasksIn(node.children, kind, ctx));
      const left = withoutTasks(node);
      if (left) detail.push(left);
      continue;
    }
    if (node.type !== "list") {
      detail.push(node);
      continue;
    }
    const plain: ListItem[] = [];
    for (const sub of node.children) {
      const only = sub.children.length === 1 && sub.children[0]?.type === "paragraph" ? sub.children[0] : null;
      const meta = !isTask(sub) && only ? parseItemMeta(rawContentSource(only, ctx.source), { readState: ctx.isExport }) : null;
      if (meta && applyMeta(item, meta, ctx)) continue;
      if (ctx.mode === "lists" || isTask(sub)) {
        item.children.push(buildItem(sub, kind, ctx));
      } else if (hasTaskItems(sub)) {
        // "- [ ] Parent / - Group / - [ ] Child": the child is Parent's; the group's words stay as detail.
        item.children.push(...tasksIn(sub.children, kind, ctx));
        plain.push(withoutTasks(sub)!);
      } else {
        plain.push(sub);
      }
    }
    if (plain.length > 0) detail.push({ ...node, children: plain });
  }
  item.detail = toDetail(detail);
  return item;
}

/** The task items among blocks that are not items themselves (a plain bullet, a blockquote), as GitHub shows them. */
function tasksIn(nodes: RootContent[], kind: TItemKind, ctx: TParseContext): TChecklistItem[] {
  const items: TChecklistItem[] = [];
  for (const node of nodes) {
    if (node.type === "list") items.push(...itemsOfList(node, kind, ctx));
    else if (node.type === "blockquote") items.push(...tasksIn(node.children, kind, ctx));
  }
  return items;
}

function itemsOfList(list: List, kind: TItemKind, ctx: TParseContext): TChecklistItem[] {
  const items: TChecklistItem[] = [];
  for (const listItem of list.children) {
    if (ctx.mode === "tasks" && !isTask(listItem)) {
      // Not an item itself, but task items nested inside it are.
      items.push(...tasksIn(listItem.children, kind, ctx));
      continue;
    }
    items.push(buildItem(listItem, kind, ctx));
  }
  return items;
}

function countItems(sections: TChecklistSection[]): number {
  const inItems = (items: TChecklistItem[]): number => items.reduce((n, item) => n + 1 + inItems(item.children), 0);
  return sections.reduce((n, s) => n + inItems(s.items) + countItems(s.sections), 0);
}

function prune(sections: TChecklistSection[]): TChecklistSection[] {
  return sections
    .map((section) => ({ ...section, sections: prune(section.sections) }))
    .filter((section) => section.items.length > 0 || section.sections.length > 0);
}

type TOpenSection = { depth: number; section: TChecklistSection; kind: TItemKind; heading: string };

/**
 * Turns a readiness document into a checklist, the way GitHub renders it: headings make
 * the section tree, task items (or, in a plan without any, all list items) and checklist
 * tables make the items.
 */
export function parseChecklist(input: Uint8Array | string, options: TParseOptions = {}): TParseResult {
  return parseChecklistWith(parseTree, input, options);
}

/** parseChecklist with every block parsed by micromark: what the fast parse must give (tests/unit/import-fast-parse.test.ts). */
export function parseChecklistReference(input: Uint8Array | string, options: TParseOptions = {}): TParseResult {
  return parseChecklistWith(parseTreeReference, input, options);
}

function parseChecklistWith(treeOf: (source: string) => Root, input: Uint8Array | string, options: TParseOptions): TParseResult {
  const read = readSource(input);
  if (!read.ok) return read;
  const deep = findDeepNesting(read.text);
  if (deep) return { ok: false, error: nestingError(deep.line) };
  const warnings: string[] = [];
  const repair = repairMojibake(read.text);
  if (repair.repaired > 0) warnings.push(`Repaired ${repair.repaired} piece(s) of mis-decoded text (mojibake).`);
  for (const run of repair.ambiguous) warnings.push(`Left "${run}" as it is: it could be mis-decoded text, but not unambiguously.`);
  warnings.push(...repair.lossy);

  const source = repair.text;
  const tree = treeOf(source);
  const mode: TImportMode = options.mode ?? (hasTaskItems(tree) ? "tasks" : "lists");
  const levels = declaredLevels(tree, source);
  // "Sign-off:" lines are paragraphs outside any list, like the "Levels:" line: never items.
  const declared = declaredSignOff(tree, source);
  const signOffTables: TSignOffTable[] = [];
  const ctx: TParseContext = {
    source,
    mode,
    keys: newItemKeys(),
    levels,
    hasDeclaredLevels: levels.length > 0,
    levelIndex: indexLevels(levels),
    definitions: collectDefinitions(tree),
    isExport: isPreflightExport(source),
    itemsWithOwnRole: new Set(),
  };

  let title: string | null = null;
  const sections: TChecklistSection[] = [];
  const open: TOpenSection[] = [];
  let preamble: TOpenSection | null = null;
  const current = (): TOpenSection => {
    const top = open.at(-1);
    if (top) return top;
    if (!preamble) {
      preamble = { depth: 0, kind: "CHECK", heading: "", section: { title: title ?? "General", items: [], sections: [], role: { kind: "CHECK", fromHeading: false } } };
      sections.push(preamble.section);
    }
    return preamble;
  };

  for (const node of tree.children) {
    if (node.type === "heading") {
      const text = headingText(node, source, ctx);
      if (node.depth === 1 && title === null && open.length === 0) {
        title = text;
        continue;
      }
      while ((open.at(-1)?.depth ?? 0) >= node.depth) open.pop();
      const parent = open.at(-1);
      const heading = headingPlainText(node);
      const own = classifySection(heading);
      const kind = own ?? parent?.kind ?? "CHECK";
      const section: TChecklistSection = { title: text, items: [], sections: [], role: { kind, fromHeading: own !== null } };
      (parent ? parent.section.sections : sections).push(section);
      open.push({ depth: node.depth, section, kind, heading });
    } else if (node.type === "list") {
      const { section, kind } = current();
      section.items.push(...itemsOfList(node, kind, ctx));
    } else if (node.type === "blockquote" && mode === "tasks") {
      const { section, kind } = current();
      section.items.push(...tasksIn((node as Blockquote).children, kind, ctx));
    } else if (node.type === "table") {
      // A Go/No-Go table names sign-off seats (sign-off-table.ts); any other table may be a checklist.
      const seats = signOffTable(node as Table, open.at(-1)?.heading ?? (open.length === 0 ? title : null));
      if (seats) signOffTables.push(seats);
      else current().section.items.push(...(parseTable(node as Table, current().kind, ctx) ?? []));
    }
  }

  const signOff = withTableSeats(declared, signOffTables);
  warnings.push(...signOff.warnings);
  const kept = applySectionRoles(prune(sections), options.sectionRoles ?? {}, (item) => ctx.itemsWithOwnRole.has(item));
  const total = countItems(kept);
  if (total === 0) {
    const hint =
      mode === "tasks"
        ? "No checklist items found: the document has no task items (- [ ] …). Import it in lists mode to make every list item an item."
        : "No checklist items found: the document has no lists or check tables outside code blocks.";
    return { ok: false, error: hint };
  }
  if (total > MAX_ITEMS) return { ok: false, error: `The document has ${total} items; the limit is ${MAX_ITEMS}.` };
  if (title === null) warnings.push("The document has no top-level (#) heading; its title is taken from its first section.");
  return {
    ok: true,
    checklist: {
      title: title ?? kept[0]?.title ?? "Untitled checklist",
      mode,
      levels: ctx.levels,
      sections: kept,
      warnings,
      ...(signOff.signOff ? { signOff: signOff.signOff } : {}),
    },
  };
}

const headingPlainText = (node: Heading) => toString(node);

/** A heading's text without its closing #s ("## Title ##"), found by a loop: /\s+#+$/ backtracks quadratically. */
function headingText(node: Heading, source: string, ctx: TParseContext): string {
  const text = inlineHeadingSource(node, ctx) ?? contentSource(node, source);
  let end = text.length;
  while (end > 0 && text[end - 1] === "#") end -= 1;
  const isClosed = end < text.length && /\s/.test(text[end - 1] ?? "");
  return (isClosed ? text.slice(0, end).trimEnd() : text) || "Untitled section";
}

/** A heading's inline source with reference links resolved and done marks kept (a title keeps its ✅). */
function inlineHeadingSource(node: Heading, ctx: TParseContext): string | null {
  if (!node.children.some((child) => child.type === "linkReference" || child.type === "imageReference")) return null;
  return inlineSource(node, ctx.source, ctx.definitions, { keepDoneMarks: true })?.text ?? null;
}
