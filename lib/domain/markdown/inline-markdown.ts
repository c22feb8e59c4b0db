import { nameToEmoji } from "gemoji";
import type { Nodes, PhrasingContent, RootContent } from "mdast";
import { fromMarkdown } from "mdast-util-from-markdown";
import { gfmAutolinkLiteralFromMarkdown } from "mdast-util-gfm-autolink-literal";
import { gfmStrikethroughFromMarkdown } from "mdast-util-gfm-strikethrough";
import { gfmTableFromMarkdown } from "mdast-util-gfm-table";
import { gfmTaskListItemFromMarkdown } from "mdast-util-gfm-task-list-item";
import { gfmAutolinkLiteral } from "micromark-extension-gfm-autolink-literal";
import { gfmStrikethrough } from "micromark-extension-gfm-strikethrough";
import { gfmTable } from "micromark-extension-gfm-table";
import { gfmTaskListItem } from "micromark-extension-gfm-task-list-item";
import { findDeepNesting } from "@/lib/domain/markdown/check-nesting";

// Item texts, section titles and details are stored as the Markdown their authors wrote (the
// exports write it back as it was); people read it formatted. This turns Markdown into a small
// tree that holds nothing a browser could run: raw HTML is text, a link keeps its address only
// when it is http, https or mailto, and images are their alt text. The React side maps it to
// elements and never sets HTML.

export type TInlineNode =
  | { type: "text"; value: string }
  | { type: "inlineCode"; value: string }
  | { type: "break" }
  | { type: "emphasis" | "strong" | "delete"; children: TInlineNode[] }
  | { type: "link"; href: string; children: TInlineNode[] };

/** Block constructs, and raw HTML: inline content is one paragraph, and HTML in it is text. */
const NOT_INLINE = ["blockQuote", "codeFenced", "codeIndented", "definition", "headingAtx", "htmlFlow", "htmlText", "list", "setextUnderline", "thematicBreak"];

const SAFE_SCHEME = /^(?:https?|mailto):/i;

// micromark's time grows faster than its input on some shapes: a closing *, _, ~ or ] walks
// back over everything before it (100 KB of "*a_" took four minutes), and so do the lines of
// one paragraph. Past these limits a text is shown as written, unformatted, in linear time;
// nothing a person writes in an item, a title or a paragraph comes close.
export const INLINE_LIMITS = { length: 5_000, marks: 256, lines: 256 };

// Nothing Markdown would change: no punctuation that starts syntax, no line breaks, no
// spaces at the ends, nothing an autolink or a shortcode needs. Most item texts are like this.
const INERT = /^[^\\`*_~[\]!<>&:@\r\n\0]*$/;
const ADDRESS_START = /www\./i;
const isSpaceOrTab = (char: string | undefined) => char === " " || char === "\t";

function isInert(source: string): boolean {
  return !isSpaceOrTab(source[0]) && !isSpaceOrTab(source.at(-1)) && INERT.test(source) && !ADDRESS_START.test(source);
}

const INLINE_OPTIONS = {
  extensions: [gfmStrikethrough(), gfmAutolinkLiteral(), { disable: { null: NOT_INLINE } }],
  mdastExtensions: [gfmStrikethroughFromMarkdown(), gfmAutolinkLiteralFromMarkdown()],
};

const SHORTCODE = /:([a-z0-9_+-]+):/g;

/** The emoji a GitHub shortcode (":rocket:", ":white_check_mark:") stands for, if it is one. */
function emojiFor(name: string): string | null {
  return Object.hasOwn(nameToEmoji, name) ? nameToEmoji[name]! : null;
}

/** Text with its shortcodes replaced by emoji; a colon that closes an unknown name may open the next. */
export function replaceShortcodes(text: string): string {
  if (!text.includes(":")) return text;
  let result = "";
  let at = 0;
  SHORTCODE.lastIndex = 0;
  for (let match = SHORTCODE.exec(text); match; match = SHORTCODE.exec(text)) {
    const emoji = emojiFor(match[1]!);
    if (emoji === null) {
      SHORTCODE.lastIndex = match.index + match[0].length - 1;
      continue;
    }
    result += text.slice(at, match.index) + emoji;
    at = match.index + match[0].length;
  }
  return result + text.slice(at);
}

/** Line breaks in `text` (a "\r\n" counts twice: an upper bound is enough). */
function countLines(text: string): number {
  let lines = 0;
  for (let i = 0; i < text.length; i += 1) if (text[i] === "\n" || text[i] === "\r") lines += 1;
  return lines;
}

function isTooComplex(source: string): boolean {
  if (source.length > INLINE_LIMITS.length || countLines(source) > INLINE_LIMITS.lines) return true;
  let marks = 0;
  for (let i = 0; i < source.length; i += 1) if ("*_~[]`".includes(source[i]!) && (marks += 1) > INLINE_LIMITS.marks) return true;
  return false;
}

/** Appends `node`, joining it to a text node before it (so a shortcode split by an image's alt still reads). */
function push(nodes: TInlineNode[], node: TInlineNode) {
  const last = nodes.at(-1);
  if (node.type === "text" && last?.type === "text") last.value += node.value;
  else if (node.type !== "text" || node.value !== "") nodes.push(node);
}

function toInline(node: Nodes, into: TInlineNode[]) {
  switch (node.type) {
    case "text":
      return push(into, { type: "text", value: node.value });
    case "inlineCode":
      return push(into, { type: "inlineCode", value: node.value });
    case "break":
      return push(into, { type: "break" });
    case "emphasis":
    case "strong":
    case "delete":
      return push(into, { type: node.type, children: toInlineNodes(node.children) });
    case "link": {
      const children = toInlineNodes(node.children);
      // Anything else (javascript:, data:, a relative path) is not followed: its text stays.
      if (SAFE_SCHEME.test(node.url)) return push(into, { type: "link", href: node.url, children });
      for (const child of children) push(into, child);
      return;
    }
    case "image":
    case "imageReference":
      return push(into, { type: "text", value: node.alt ?? "" });
    default:
      // Whatever else a parser may produce: its text, never its markup.
      if ("children" in node) for (const child of node.children) toInline(child, into);
      else if ("value" in node) push(into, { type: "text", value: node.value });
  }
}

function toInlineNodes(children: readonly (PhrasingContent | Nodes)[]): TInlineNode[] {
  const nodes: TInlineNode[] = [];
  for (const child of children) toInline(child, nodes);
  return nodes;
}

function withEmoji(nodes: TInlineNode[]): TInlineNode[] {
  for (const node of nodes) {
    if (node.type === "text") node.value = replaceShortcodes(node.value);
    else if ("children" in node) withEmoji(node.children);
  }
  return nodes;
}

/** Plain text with its line breaks as break nodes: how text too complex to format is shown. */
function asWritten(source: string): TInlineNode[] {
  const nodes: TInlineNode[] = [];
  source.split(/\r\n|\r|\n/).forEach((line, index) => {
    if (index > 0) nodes.push({ type: "break" });
    push(nodes, { type: "text", value: line });
  });
  return nodes;
}

// A page shows an item's text and names its controls with it, and a client re-renders the
// verdict's reasons on every save: the same short texts are parsed again and again.
const CACHE_SIZE = 1_000;
const CACHED_LENGTH = 2_000;
const cache = new Map<string, TInlineNode[]>();

/**
 * The inline Markdown of an item text or a title as a safe tree: emphasis, strong, ~~delete~~,
 * `code`, http(s) and mailto links, hard breaks and :shortcode: emoji. Never a heading or a
 * list: "# 1" and "- x" are text here. Paragraphs, if any, are joined by a break. The tree
 * may be shared with other callers: read it, never change it.
 */
export function parseInlineMarkdown(source: string): TInlineNode[] {
  if (isInert(source)) return source === "" ? [] : [{ type: "text", value: source }];
  const cached = cache.get(source);
  if (cached) return cached;
  let nodes: TInlineNode[] = [];
  if (isTooComplex(source)) nodes = asWritten(source);
  else {
    fromMarkdown(source, INLINE_OPTIONS).children.forEach((paragraph, index) => {
      if (index > 0) nodes.push({ type: "break" });
      toInline(paragraph, nodes);
    });
    nodes = withEmoji(nodes);
  }
  if (source.length <= CACHED_LENGTH) {
    if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
    cache.set(source, nodes);
  }
  return nodes;
}

/** The text a reader sees in nodes, on one line. */
export function plainTextOf(nodes: readonly TInlineNode[]): string {
  let text = "";
  for (const node of nodes) {
    if (node.type === "break") text += " ";
    else if ("children" in node) text += plainTextOf(node.children);
    else text += node.value;
  }
  return text.replace(/\r\n|\r|\n/g, " ");
}

/** What a reader sees of inline Markdown, without the markup: for accessible names, titles, options and search. */
export function plainInlineText(source: string): string {
  return plainTextOf(parseInlineMarkdown(source));
}

// Details: Markdown with blocks

export type TBlockNode =
  | { type: "paragraph"; children: TInlineNode[] }
  | { type: "list"; isOrdered: boolean; start: number | null; items: TListItem[] }
  | { type: "code"; value: string }
  | { type: "blockquote"; children: TBlockNode[] }
  | { type: "table"; head: TInlineNode[][]; rows: TInlineNode[][][] }
  | { type: "thematicBreak" };

/** `checked` is null for a plain list item, a boolean for a task ("- [x] …"). */
export type TListItem = { checked: boolean | null; children: TBlockNode[] };

/**
 * Inline constructs and raw HTML: the first pass finds blocks only, their content stays source.
 * Setext headings ("Title" over "===") too: micromark takes quadratic time on many of them (10
 * KB took 2.5 s), and stored details never have them (the importer writes "#" headings).
 */
const NOT_BLOCK = [
  "attention", "autolink", "characterEscape", "characterReference", "codeText", "hardBreakEscape",
  "htmlFlow", "htmlText", "labelEnd", "labelStartImage", "labelStartLink", "setextUnderline",
];

// Past these, or nested deeper than the importer allows, details are shown as written (see INLINE_LIMITS).
export const BLOCK_LIMITS = { length: 50_000, lines: 500 };

const BLOCK_OPTIONS = {
  extensions: [gfmTable(), gfmTaskListItem(), { disable: { null: NOT_BLOCK } }],
  mdastExtensions: [gfmTableFromMarkdown(), gfmTaskListItemFromMarkdown()],
};

/** The inline source of a paragraph, heading or cell from the first pass: its text, a break as two spaces and a newline. */
function inlineSourceOf(children: readonly Nodes[]): string {
  return children.map((child) => (child.type === "break" ? "  \n" : "value" in child ? child.value : "")).join("");
}

function toBlocks(children: readonly RootContent[]): TBlockNode[] {
  const blocks: TBlockNode[] = [];
  for (const node of children) {
    switch (node.type) {
      case "paragraph":
        blocks.push({ type: "paragraph", children: parseInlineMarkdown(inlineSourceOf(node.children)) });
        break;
      case "heading":
        // A heading inside an item's details would outrank the page's own headings.
        blocks.push({ type: "paragraph", children: [{ type: "strong", children: parseInlineMarkdown(inlineSourceOf(node.children)) }] });
        break;
      case "list":
        blocks.push({
          type: "list",
          isOrdered: node.ordered === true,
          start: node.ordered ? (node.start ?? 1) : null,
          items: node.children.map((item) => ({ checked: item.checked ?? null, children: toBlocks(item.children) })),
        });
        break;
      case "code":
        blocks.push({ type: "code", value: node.value });
        break;
      case "blockquote":
        blocks.push({ type: "blockquote", children: toBlocks(node.children) });
        break;
      case "table": {
        const [head, ...rows] = node.children.map((row) => row.children.map((cell) => parseInlineMarkdown(inlineSourceOf(cell.children))));
        blocks.push({ type: "table", head: head ?? [], rows });
        break;
      }
      case "thematicBreak":
        blocks.push({ type: "thematicBreak" });
        break;
      case "definition":
        break;
      default:
        if ("children" in node) blocks.push(...toBlocks(node.children as RootContent[]));
        else if ("value" in node) blocks.push({ type: "paragraph", children: asWritten(node.value) });
    }
  }
  return blocks;
}

/**
 * The Markdown of an item's details as safe blocks: paragraphs, lists and task lists, code
 * blocks, block quotes, tables, and headings as bold paragraphs; their inline content as
 * parseInlineMarkdown reads it, one paragraph or cell at a time (so its limit is per paragraph).
 */
export function parseMarkdownBlocks(source: string): TBlockNode[] {
  if (source.length > BLOCK_LIMITS.length || countLines(source) > BLOCK_LIMITS.lines || findDeepNesting(source)) {
    return [{ type: "paragraph", children: asWritten(source) }];
  }
  return toBlocks(fromMarkdown(source, BLOCK_OPTIONS).children);
}
