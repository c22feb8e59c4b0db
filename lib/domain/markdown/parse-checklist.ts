import type { Heading, List, ListItem, Paragraph, Root, RootContent, Table } from "mdast";
import { gfmToMarkdown } from "mdast-util-gfm";
import { toMarkdown } from "mdast-util-to-markdown";
import { toString } from "mdast-util-to-string";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import { unified } from "unified";
import type { TChecklist, TChecklistItem, TChecklistSection, TImportMode, TItemKind } from "@/lib/domain/checklist/types";
import { classifySection } from "@/lib/domain/markdown/classify-section";
import { parseItemMeta } from "@/lib/domain/markdown/item-meta";
import { findDeepNesting, nestingError } from "@/lib/domain/markdown/check-nesting";
import { contentSource, newItem, rawContentSource, type TParseContext } from "@/lib/domain/markdown/item-builder";
import { newItemKeys } from "@/lib/domain/markdown/item-key";
import { readSource } from "@/lib/domain/markdown/read-source";
import { repairMojibake } from "@/lib/domain/markdown/repair-mojibake";
import { parseLevelTable } from "@/lib/domain/markdown/parse-level-table";

export const MAX_ITEMS = 5_000;

export type TParseOptions = { mode?: TImportMode };
export type TParseResult = { ok: true; checklist: TChecklist } | { ok: false; error: string };

function toDetail(nodes: RootContent[]): string | null {
  if (nodes.length === 0) return null;
  const markdown = toMarkdown({ type: "root", children: nodes }, { extensions: [gfmToMarkdown()] }).trim();
  return markdown || null;
}

function isTask(item: ListItem): boolean {
  return typeof item.checked === "boolean";
}

function buildItem(listItem: ListItem, kind: TItemKind, ctx: TParseContext): TChecklistItem {
  const [first, ...rest] = listItem.children;
  const lead = first?.type === "paragraph" ? (first as Paragraph) : null;
  const item = newItem(lead ? contentSource(lead, ctx.source) : "", lead ? toString(lead) : "", kind, ctx);
  if (listItem.checked === true) item.status = "DONE";
  const detail: RootContent[] = [];
  for (const node of lead ? rest : listItem.children) {
    if (node.type !== "list") {
      detail.push(node);
      continue;
    }
    const plain: ListItem[] = [];
    for (const sub of node.children) {
      const only = sub.children.length === 1 && sub.children[0]?.type === "paragraph" ? sub.children[0] : null;
      const meta = !isTask(sub) && only ? parseItemMeta(rawContentSource(only, ctx.source)) : null;
      if (meta) {
        if (meta.status) item.status = meta.status;
        if (meta.owner) item.owner = meta.owner;
        if (meta.naReason) item.naReason = meta.naReason;
        if (meta.evidenceLink) item.evidenceLinks.push(meta.evidenceLink);
      } else if (ctx.mode === "lists" || isTask(sub)) {
        item.children.push(buildItem(sub, kind, ctx));
      } else {
        plain.push(sub);
      }
    }
    if (plain.length > 0) detail.push({ ...node, children: plain });
  }
  item.detail = toDetail(detail);
  return item;
}

function itemsOfList(list: List, kind: TItemKind, ctx: TParseContext): TChecklistItem[] {
  const items: TChecklistItem[] = [];
  for (const listItem of list.children) {
    if (ctx.mode === "tasks" && !isTask(listItem)) {
      // Not an item itself, but task items nested inside it are.
      for (const child of listItem.children) if (child.type === "list") items.push(...itemsOfList(child, kind, ctx));
      continue;
    }
    items.push(buildItem(listItem, kind, ctx));
  }
  return items;
}

function hasTaskItems(node: Root | RootContent): boolean {
  if (node.type === "listItem" && isTask(node)) return true;
  return "children" in node && (node.children as RootContent[]).some(hasTaskItems);
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

type TOpenSection = { depth: number; section: TChecklistSection; kind: TItemKind };

/**
 * Turns a readiness document into a checklist, the way GitHub renders it: headings make
 * the section tree, task items (or, in a plan without any, all list items) make the items.
 */
export function parseChecklist(input: Uint8Array | string, options: TParseOptions = {}): TParseResult {
  const read = readSource(input);
  if (!read.ok) return read;
  const deep = findDeepNesting(read.text);
  if (deep) return { ok: false, error: nestingError(deep.line) };
  const warnings: string[] = [];
  const repair = repairMojibake(read.text);
  if (repair.repaired > 0) warnings.push(`Repaired ${repair.repaired} piece(s) of mis-decoded text (mojibake).`);
  for (const run of repair.ambiguous) warnings.push(`Left "${run}" as it is: it could be mis-decoded text, but not unambiguously.`);

  const source = repair.text;
  const tree = unified().use(remarkParse).use(remarkGfm).parse(source) as Root;
  const mode: TImportMode = options.mode ?? (hasTaskItems(tree) ? "tasks" : "lists");
  const ctx: TParseContext = { source, mode, keys: newItemKeys(), levels: [] };

  let title: string | null = null;
  const sections: TChecklistSection[] = [];
  const open: TOpenSection[] = [];
  let preamble: TOpenSection | null = null;
  const current = (): TOpenSection => {
    const top = open.at(-1);
    if (top) return top;
    if (!preamble) {
      preamble = { depth: 0, kind: "CHECK", section: { title: title ?? "General", items: [], sections: [] } };
      sections.push(preamble.section);
    }
    return preamble;
  };

  for (const node of tree.children) {
    if (node.type === "heading") {
      const text = headingText(node, source);
      if (node.depth === 1 && title === null && open.length === 0) {
        title = text;
        continue;
      }
      while ((open.at(-1)?.depth ?? 0) >= node.depth) open.pop();
      const parent = open.at(-1);
      const section: TChecklistSection = { title: text, items: [], sections: [] };
      (parent ? parent.section.sections : sections).push(section);
      open.push({ depth: node.depth, section, kind: classifySection(text) ?? parent?.kind ?? "CHECK" });
    } else if (node.type === "list") {
      const { section, kind } = current();
      section.items.push(...itemsOfList(node, kind, ctx));
    } else if (node.type === "table") {
      const items = parseLevelTable(node as Table, ctx);
      if (items) current().section.items.push(...items.map((item) => ({ ...item, kind: current().kind })));
    }
  }

  const kept = prune(sections);
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
    checklist: { title: title ?? kept[0]?.title ?? "Untitled checklist", mode, levels: ctx.levels, sections: kept, warnings },
  };
}

/** A heading's text without its closing #s ("## Title ##"), found by a loop: /\s+#+$/ backtracks quadratically. */
function headingText(node: Heading, source: string): string {
  const text = contentSource(node, source);
  let end = text.length;
  while (end > 0 && text[end - 1] === "#") end -= 1;
  const isClosed = end < text.length && /\s/.test(text[end - 1] ?? "");
  return (isClosed ? text.slice(0, end).trimEnd() : text) || "Untitled section";
}
