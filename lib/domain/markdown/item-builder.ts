import { toString } from "mdast-util-to-string";
import type { TChecklistItem, TImportMode, TItemKind } from "@/lib/domain/checklist/types";
import { LINE_BREAK, toOneLine, trimSpacesAndTabs } from "@/lib/domain/markdown/inline-text";
import { DONE_MARK, inlineSource, type TDefinitions, type TInlineSource } from "@/lib/domain/markdown/inline-source";
import { makeItemKey, type TItemKeys } from "@/lib/domain/markdown/item-key";
import type { TLevelIndex } from "@/lib/domain/markdown/item-levels";
import { readSeverityMarker } from "@/lib/domain/markdown/item-meta";

export type TParseContext = {
  source: string;
  mode: TImportMode;
  keys: TItemKeys;
  levels: string[];
  /** The document declares its levels (item-levels.ts): a "Level:" line must name one. */
  hasDeclaredLevels: boolean;
  levelIndex: TLevelIndex;
  definitions: TDefinitions;
  /** Preflight wrote the document: its Status, N/A and Evidence lines are item state. */
  isExport: boolean;
  /** Items whose own "Role:" line gave their kind: a role chosen for their section leaves them be. */
  itemsWithOwnRole: Set<TChecklistItem>;
};

/**
 * The text with each done mark, and the whitespace around it, made one space. Split, not
 * /\s*✅\s*\/g, which backtracks quadratically on a long run of spaces.
 */
function withoutDoneMarks(text: string): string {
  const parts = text.split(DONE_MARK);
  return parts.map((part, i) => (i > 0 ? part.trimStart() : part)).map((part, i) => (i < parts.length - 1 ? part.trimEnd() : part)).join(" ");
}

/** An item without text; the export writes it too, since an empty "- [ ]" is not a task item. */
export const UNTITLED_ITEM = "(untitled item)";

type TPosition = { start: { offset?: number }; end: { offset?: number } };
type TPositioned = { type?: string; position?: TPosition; children?: TPositioned[] };

function rawSource(node: TPositioned, source: string): string {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  return start === undefined || end === undefined ? "" : source.slice(start, end);
}

// GFM's autolink literals can leave inline nodes without a position (an e-mail address right
// after an escape: "\_a@b.co"); then the block's own range stands in, less its markers.
function withoutBlockMarkers(node: TPositioned, whole: string): string {
  switch (node.type) {
    case "paragraph":
      return whole.replace(/^\[[ xX]\][ \t]+/, "");
    case "heading": {
      // A setext heading's last line is its underline; an ATX heading's closing #s go later.
      const lines = whole.split(LINE_BREAK);
      return (lines.length > 1 ? lines.slice(0, -1) : lines).join("\n").replace(/^[ \t]*#{0,6}/, "");
    }
    case "tableCell":
      return trimSpacesAndTabs(trimSpacesAndTabs(whole).replace(/^\|/, "").replace(/\|$/, ""));
    default:
      return whole;
  }
}

/**
 * The markdown a block's inline content was written as, line breaks and all. Measured from
 * its children: a task item's paragraph can start at its "[ ]" checkbox.
 */
export function rawContentSource(node: TPositioned, source: string): string {
  const first = node.children?.[0]?.position;
  const last = node.children?.at(-1)?.position;
  if (!node.children?.length) return rawSource(node, source);
  if (!first || !last) return withoutBlockMarkers(node, rawSource(node, source));
  return rawSource({ position: { start: first.start, end: last.end } }, source);
}

/** The markdown a block's inline content was written as, on one line. */
export function contentSource(node: TPositioned, source: string): string {
  return toOneLine(rawContentSource(node, source));
}


/**
 * A block's inline content as an item's text (see inline-source.ts). Where the parser left
 * no positions, the block's source stands in, done marks removed as plain text.
 */
export function readInline(node: Parameters<typeof inlineSource>[0], ctx: TParseContext): TInlineSource {
  if (node.children.length === 0) return { text: "", plain: "", done: false };
  const read = inlineSource(node, ctx.source, ctx.definitions);
  if (read) return read;
  const text = contentSource(node, ctx.source);
  const plain = toString(node);
  const done = DONE_MARK.test(text);
  return { text: done ? withoutDoneMarks(text).trim() : text, plain: done ? withoutDoneMarks(plain) : plain, done };
}

export function newItem(read: TInlineSource, kind: TItemKind, ctx: TParseContext): TChecklistItem {
  // The key comes from the words without "(advisory)": marking an item advisory keeps its key.
  const { text, plain, severity } = readSeverityMarker(read.text.trim(), read.plain);
  return {
    key: makeItemKey(plain, ctx.keys),
    text: text.trim() || UNTITLED_ITEM,
    detail: null,
    kind,
    severity,
    evidenceRequired: false,
    evidenceMaxAgeDays: null,
    requiredLevel: null,
    status: read.done ? "DONE" : "OPEN",
    owner: null,
    naReason: null,
    evidenceLinks: [],
    children: [],
  };
}

