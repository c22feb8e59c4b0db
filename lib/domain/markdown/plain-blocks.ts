import type { Heading, List, ListItem, Paragraph, PhrasingContent, RootContent } from "mdast";

// The mdast tree of a "plain" stretch of a document, built without micromark: ATX headings,
// paragraphs and flat bullet lists (task items or not) whose words hold no Markdown but code
// spans. Most of a checklist is written that way, and micromark takes some 80 µs a line.
// The tree is the one remark-parse + remark-gfm give, node for node and position for position
// (tests/unit/import-fast-parse.test.ts compares the two). Anything else returns null and
// micromark parses the stretch, so this only has to be right about what it accepts:
//
// - no tab, carriage return or other control character, and no line that starts or ends
//   with a space (indentation, hard breaks and nesting are micromark's);
// - words without \ * _ ~ [ ] < | @, "www." or "://" (escapes, emphasis, strikethrough,
//   links, HTML, tables, autolinks), "&" only before a character that cannot start a
//   character reference, and backticks only as single ones that pair up on their line (code
//   spans);
// - a paragraph or a bullet's words start with a letter or a character past ASCII (not a
//   list marker, number, quote or fence); a task item's after "[ ] ", "[x] " or "[X] ";
// - a heading is "#" to "######", spaces and words without "#";
// - a bullet never follows a paragraph's line, nor a paragraph's line a bullet (interruption
//   and lazy continuation).

type TPoint = { line: number; column: number; offset: number };
type TLine = { number: number; start: number; end: number };

const point = (line: TLine, offset: number): TPoint => ({ line: line.number, column: offset - line.start + 1, offset });

/** Characters that start Markdown syntax in words, or that this builder leaves to micromark. */
function isPlainChar(code: number): boolean {
  if (code < 0x20 || code === 0x7f) return false;
  switch (code) {
    case 0x5c: // \
    case 0x2a: // *
    case 0x5f: // _
    case 0x7e: // ~
    case 0x5b: // [
    case 0x5d: // ]
    case 0x3c: // <
    case 0x7c: // |
    case 0x40: // @
      return false;
    default:
      return true;
  }
}

/** A letter, a character past ASCII but a space, or a code span's backtick: nothing that starts a block. */
function isPlainStart(code: number): boolean {
  if ((code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || code === 0x60) return true;
  return code > 0x7f && !/\s/.test(String.fromCharCode(code));
}

const AUTOLINK_LIKE = /www\.|:\/\//i;

/** Adds source text to a block's children the way mdast-util-from-markdown does: onto a text node that ends the list. */
function addText(children: PhrasingContent[], source: string, start: TPoint, end: TPoint): void {
  const tail = children.at(-1);
  if (tail?.type === "text") {
    tail.value += source.slice(start.offset, end.offset);
    tail.position!.end = end;
    return;
  }
  children.push({ type: "text", value: source.slice(start.offset, end.offset), position: { start, end } });
}

/** Appends one line of words (from `from` to the line's end) to `children`; false when they are not plain. */
function addWords(children: PhrasingContent[], source: string, line: TLine, from: number): boolean {
  if (AUTOLINK_LIKE.test(source.slice(from, line.end))) return false;
  let textStart = from;
  for (let at = from; at < line.end; at += 1) {
    const code = source.charCodeAt(at);
    if (code === 0x26) {
      // "&" starts a character reference only before a letter, digit or "#".
      if (/[\dA-Za-z#]/.test(source[at + 1] ?? "")) return false;
      continue;
    }
    if (code !== 0x60) {
      if (!isPlainChar(code)) return false;
      continue;
    }
    // A code span: one backtick, words without one, one backtick.
    const close = source.indexOf("`", at + 1);
    if (close < 0 || close >= line.end || close === at + 1 || source.charCodeAt(close + 1) === 0x60) return false;
    for (let inside = at + 1; inside < close; inside += 1) if (source.charCodeAt(inside) < 0x20) return false;
    if (at > textStart) addText(children, source, point(line, textStart), point(line, at));
    let value = source.slice(at + 1, close);
    // One space goes from each end of a code span that starts and ends with one, unless it is all spaces.
    if (value.startsWith(" ") && value.endsWith(" ") && /[^ ]/.test(value)) value = value.slice(1, -1);
    children.push({ type: "inlineCode", value, position: { start: point(line, at), end: point(line, close + 1) } });
    at = close;
    textStart = close + 1;
  }
  if (line.end > textStart) addText(children, source, point(line, textStart), point(line, line.end));
  return true;
}

function paragraphOf(source: string, line: TLine, from: number): Paragraph | null {
  const children: PhrasingContent[] = [];
  if (!addWords(children, source, line, from)) return null;
  return { type: "paragraph", children, position: { start: point(line, from), end: point(line, line.end) } };
}

function headingOf(source: string, line: TLine): Heading | null {
  let depth = 0;
  while (depth < 7 && source.charCodeAt(line.start + depth) === 0x23) depth += 1;
  let from = line.start + depth;
  if (depth > 6 || source.charCodeAt(from) !== 0x20) return null;
  while (source.charCodeAt(from) === 0x20) from += 1;
  if (from >= line.end || source.slice(from, line.end).includes("#")) return null;
  const children: PhrasingContent[] = [];
  if (!addWords(children, source, line, from)) return null;
  return { type: "heading", depth: depth as Heading["depth"], children, position: { start: point(line, line.start), end: point(line, line.end) } };
}

function listItemOf(source: string, line: TLine): ListItem | null {
  let from = line.start + 2;
  let checked: boolean | null = null;
  const box = source.slice(from, from + 4);
  if (box === "[ ] " || box === "[x] " || box === "[X] ") {
    checked = box !== "[ ] ";
    from += 4;
    if (from >= line.end || source.charCodeAt(from) === 0x20) return null;
  } else if (!isPlainStart(source.charCodeAt(from))) {
    return null;
  }
  const paragraph = paragraphOf(source, line, from);
  if (!paragraph) return null;
  // A task item's paragraph starts at its checkbox while its first words are code (mdast-util-gfm-task-list-item).
  if (checked !== null && paragraph.children[0]?.type !== "text") paragraph.position!.start = point(line, line.start + 2);
  const position = { start: point(line, line.start), end: point(line, line.end) };
  return { type: "listItem", spread: false, checked, children: [paragraph], position };
}

const isBullet = (code: number) => code === 0x2d || code === 0x2a || code === 0x2b;

/**
 * The blocks of source[from, to) as mdast with positions in the whole source, or null when
 * the stretch is not plain (see above). `from` starts line `firstLine`; `to` ends a line.
 */
export function plainBlocks(source: string, from: number, to: number, firstLine: number): RootContent[] | null {
  const blocks: RootContent[] = [];
  let list: List | null = null;
  let bullet = 0;
  // The open paragraph and its last line.
  let paragraph: Paragraph | null = null;
  let paragraphLine: TLine | null = null;
  let previous: "blank" | "item" | "paragraph" | "heading" = "blank";
  let blankInList = false;
  for (let start = from, number = firstLine; start < to; number += 1) {
    const newline = source.indexOf("\n", start);
    const end = newline < 0 || newline >= to ? to : newline;
    const line: TLine = { number, start, end };
    start = end + 1;
    if (end === line.start) {
      previous = "blank";
      paragraph = null;
      blankInList = list !== null;
      continue;
    }
    const first = source.charCodeAt(line.start);
    if (source.charCodeAt(end - 1) === 0x20 || first === 0x20) return null;
    if (first === 0x23) {
      const heading = headingOf(source, line);
      if (!heading) return null;
      blocks.push(heading);
      [list, paragraph, previous] = [null, null, "heading"];
      continue;
    }
    if (isBullet(first) && source.charCodeAt(line.start + 1) === 0x20) {
      if (previous === "paragraph") return null;
      const item = listItemOf(source, line);
      if (!item) return null;
      if (list && bullet === first) {
        list.children.push(item);
        list.position!.end = point(line, end);
        if (blankInList) list.spread = true;
      } else {
        list = { type: "list", ordered: false, start: null, spread: false, children: [item], position: { start: point(line, line.start), end: point(line, end) } };
        bullet = first;
        blocks.push(list);
      }
      [paragraph, previous, blankInList] = [null, "item", false];
      continue;
    }
    if (previous === "item" || !isPlainStart(first)) return null;
    if (paragraph && paragraphLine) {
      // The line ending is text too.
      addText(paragraph.children, source, point(paragraphLine, paragraphLine.end), point(line, line.start));
      if (!addWords(paragraph.children, source, line, line.start)) return null;
      paragraph.position!.end = point(line, end);
    } else {
      paragraph = paragraphOf(source, line, line.start);
      if (!paragraph) return null;
      blocks.push(paragraph);
    }
    [list, paragraphLine, previous] = [null, line, "paragraph"];
  }
  return blocks;
}
