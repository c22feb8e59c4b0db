import type { TChecklistItem, TImportMode, TItemKind } from "@/lib/domain/checklist/types";
import { makeItemKey } from "@/lib/domain/markdown/item-key";

export type TParseContext = {
  source: string;
  mode: TImportMode;
  keys: Set<string>;
  levels: string[];
};

const DONE_MARK = /\s*(?:\u2705|:white_check_mark:)\s*/gu;

type TPositioned = { position?: { start: { offset?: number }; end: { offset?: number } } };

/**
 * The markdown a block's inline content was written as, on one line. Measured from its
 * children: a task item's paragraph can start at its "[ ]" checkbox.
 */
export function contentSource(node: TPositioned & { children?: TPositioned[] }, source: string): string {
  const first = node.children?.[0];
  const last = node.children?.at(-1);
  if (!first || !last) return inlineSource(node, source);
  return inlineSource({ position: { start: first.position!.start, end: last.position!.end } }, source);
}

/** The markdown a node was written as, on one line. */
export function inlineSource(node: { position?: { start: { offset?: number }; end: { offset?: number } } }, source: string) {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  if (start === undefined || end === undefined) return "";
  return source.slice(start, end).replace(/\s*\n\s*/g, " ").trim();
}

export function newItem(text: string, plain: string, kind: TItemKind, ctx: TParseContext): TChecklistItem {
  const isDoneMark = DONE_MARK.test(text);
  DONE_MARK.lastIndex = 0;
  const cleanText = isDoneMark ? text.replace(DONE_MARK, " ").trim() : text;
  return {
    key: makeItemKey(isDoneMark ? plain.replace(DONE_MARK, " ") : plain, ctx.keys),
    text: cleanText || "(untitled item)",
    detail: null,
    kind,
    severity: "BLOCKING",
    evidenceRequired: false,
    evidenceMaxAgeDays: null,
    requiredLevel: null,
    status: isDoneMark ? "DONE" : "OPEN",
    owner: null,
    naReason: null,
    evidenceLinks: [],
    children: [],
  };
}

