import type { Nodes, Root, RootContent } from "mdast";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import { unified } from "unified";
import { plainBlocks } from "@/lib/domain/markdown/plain-blocks";

// The mdast tree of a document, as remark-parse + remark-gfm give it (parseTreeReference),
// built faster (parseTree; docs/decisions/0011-faster-import.md):
//
// The document is cut before each line that opens an ATX heading at its first column. Such a
// line closes every list, block quote, paragraph and table before it, so what follows parses
// the same on its own, and what precedes it parses the same without it: unless it ends in a
// fenced code or HTML block, which the stretch before it shows (see isClosedByHeading; then
// micromark parses the rest of the document, from that stretch's last block, in one go). Link reference definitions are the one thing a part of a document
// changes in another; a document with "]:" (a definition or footnote needs one) is parsed
// whole, as is one with a carriage return (its line endings are left to micromark).
// A stretch that is plain (plain-blocks.ts) is built without micromark; consecutive ones that
// are not are parsed by micromark together, their positions moved to where they are.

const processor = unified().use(remarkParse).use(remarkGfm).freeze();

export function parseTreeReference(source: string): Root {
  return processor.parse(source) as Root;
}

type TPoint = { line: number; column: number; offset?: number };

// Blocks that end the same at the end of a stretch as where a line opening an ATX heading
// closes them: a heading interrupts a paragraph and is no lazy line of a list or quote; a
// table tries each line as a row only after the headings (micromark-extension-gfm-table).
// A fenced code or HTML block still open would run on into the heading at the top level, and
// in a list or quote it would end after the line ending at the end of the stretch but before
// it where the heading closes the container. Only the blocks still open at the end can end
// differently: the last block and its last descendants.
const CONTAINERS = new Set<string>(["list", "listItem", "blockquote"]);
const CLOSED_BY_HEADING = new Set<string>(["heading", "paragraph", "thematicBreak", "table"]);

/** Whether a stretch that ends with `last` ends as it would before a line that opens a heading. */
function isClosedByHeading(last: RootContent | undefined): boolean {
  // An HTML comment whose last line holds its "-->" is closed (the first line of a Preflight export).
  if (last?.type === "html") return last.value.startsWith("<!--") && last.value.indexOf("-->", Math.max(4, last.value.lastIndexOf("\n") + 1)) >= 0;
  let node: Nodes | undefined = last;
  while (node !== undefined && CONTAINERS.has(node.type) && "children" in node) node = node.children.at(-1);
  return node === undefined || CLOSED_BY_HEADING.has(node.type);
}

/** Where the lines that open an ATX heading start, but the first line. */
function headingLineStarts(source: string): number[] {
  const starts: number[] = [];
  for (let at = source.indexOf("\n#"); at >= 0; at = source.indexOf("\n#", at + 1)) {
    let depth = 1;
    while (depth <= 6 && source.charCodeAt(at + 1 + depth) === 0x23) depth += 1;
    const after = source.charCodeAt(at + 1 + depth);
    if (depth <= 6 && (Number.isNaN(after) || after === 0x20 || after === 0x09 || after === 0x0a)) starts.push(at + 1);
  }
  return starts;
}

function countLines(source: string, from: number, to: number): number {
  let lines = 0;
  for (let at = source.indexOf("\n", from); at >= 0 && at < to; at = source.indexOf("\n", at + 1)) lines += 1;
  return lines;
}

function moved(point: TPoint, lines: number, offset: number): TPoint {
  return point.offset === undefined ? { line: point.line + lines, column: point.column } : { line: point.line + lines, column: point.column, offset: point.offset + offset };
}

/** Moves a subtree parsed from a slice starting at a line's start to where the slice is. */
function shift(node: Nodes, lines: number, offset: number): void {
  if (node.position) node.position = { start: moved(node.position.start, lines, offset), end: moved(node.position.end, lines, offset) };
  if ("children" in node) for (const child of node.children) shift(child, lines, offset);
}

/** micromark's tree of source[from, to), with positions in the whole source; `from` starts line `line`. */
function parseSlice(source: string, from: number, to: number, line: number): Root {
  const tree = parseTreeReference(from === 0 && to === source.length ? source : source.slice(from, to));
  if (from > 0) shift(tree, line - 1, from);
  return tree;
}

function endPoint(source: string): TPoint {
  const lastLine = source.lastIndexOf("\n") + 1;
  return { line: countLines(source, 0, source.length) + 1, column: source.length - lastLine + 1, offset: source.length };
}

export function parseTree(source: string): Root {
  if (source.length === 0 || source.includes("]:") || source.includes("\r")) return parseTreeReference(source);
  const root: Root = { type: "root", children: [], position: { start: { line: 1, column: 1, offset: 0 }, end: endPoint(source) } };
  // Stretches that are not plain, waiting to be parsed together: from `pending.from`, line `pending.line`.
  let pending: { from: number; line: number } | null = null;
  /** Parses what is pending up to `to`; false when its last block may run on, and the rest of the document was parsed with it. */
  const flush = (to: number): boolean => {
    if (pending === null) return true;
    const { from, line } = pending;
    pending = null;
    const tree = parseSlice(source, from, to, line);
    if (from === 0) root.position!.start = tree.position!.start;
    const last = tree.children.at(-1);
    if (to === source.length || isClosedByHeading(last)) {
      for (const child of tree.children) root.children.push(child);
      if (to === source.length) root.position!.end = tree.position!.end;
      return true;
    }
    // The blocks before the last one ended where it starts, wherever the document goes on:
    // micromark parses the rest of the document from that line.
    const start = last?.position?.start;
    const restFrom = start?.offset === undefined ? from : source.lastIndexOf("\n", start.offset - 1) + 1;
    const rest = parseSlice(source, restFrom, source.length, restFrom === from ? line : start!.line);
    if (restFrom > from) for (const child of tree.children.slice(0, -1)) root.children.push(child);
    for (const child of rest.children) root.children.push(child);
    root.position!.end = rest.position!.end;
    return false;
  };

  let from = 0;
  let line = 1;
  const starts = headingLineStarts(source);
  for (let index = 0; index <= starts.length; index += 1) {
    const to = starts[index] ?? source.length;
    const blocks = plainBlocks(source, from, to, line);
    if (blocks === null) {
      pending ??= { from, line };
    } else {
      if (!flush(from)) return root;
      for (const block of blocks) root.children.push(block);
    }
    line += countLines(source, from, to);
    from = to;
  }
  flush(source.length);
  return root;
}
