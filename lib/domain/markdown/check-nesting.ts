// micromark's time grows steeply with how deep block quotes and lists nest (200 KB of ">"
// took minutes, 50,000 levels overflow the stack), and no readiness document nests more
// than a handful of levels. So depth is measured line by line, in one cheap pass, before
// anything parses. It follows CommonMark closely enough to never refuse a real document;
// an input built to slip past it still meets the parse deadline (parse-checklist-safely).

export const MAX_NESTING = 32;

const LIST_MARKER = /^(?:[-+*]|\d{1,9}[.)])(?=[ \t]|$)/;
const THEMATIC_BREAK = /^[ \t>]*([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const FENCE = /^(`{3,}|~{3,})/;
const CLOSING_FENCE = /^(`+|~+)[ \t]*$/;

type TPrefix = { quotes: number; markers: { column: number; content: number }[]; rest: string };

/** The container markers a line opens with: ">" for quotes, "-", "*", "+", "1." or "1)" for list items. */
function readPrefix(line: string): TPrefix {
  const markers: TPrefix["markers"] = [];
  let quotes = 0;
  let column = 0;
  let i = 0;
  while (quotes + markers.length <= MAX_NESTING) {
    for (; line[i] === " " || line[i] === "\t"; i += 1) column = line[i] === "\t" ? column + 4 - (column % 4) : column + 1;
    if (line[i] === ">") {
      quotes += 1;
      i += 1;
      column += 1;
      continue;
    }
    const marker = LIST_MARKER.exec(line.slice(i, i + 11))?.[0];
    if (!marker) break;
    markers.push({ column, content: column + marker.length + 1 });
    i += marker.length;
    column += marker.length;
  }
  return { quotes, markers, rest: line.slice(i) };
}

/** The first line that nests block quotes and lists deeper than MAX_NESTING, or null. */
export function findDeepNesting(text: string): { line: number } | null {
  // Content columns of the list items still open; a list item closes the ones it is left of.
  const open: number[] = [];
  let fence: string | null = null;
  const lines = text.split(/\r\n|\r|\n/);
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index]!;
    if (THEMATIC_BREAK.test(line)) continue;
    const { quotes, markers, rest } = readPrefix(line);
    if (fence !== null) {
      // Code is not markdown: its lines nest nothing until the fence closes.
      const closing = CLOSING_FENCE.exec(rest)?.[1];
      if (closing?.startsWith(fence)) fence = null;
      continue;
    }
    const opening = FENCE.exec(rest)?.[1];
    if (markers.length > 0) {
      while ((open.at(-1) ?? -1) > markers[0]!.column) open.pop();
      open.push(...markers.map((marker) => marker.content));
    }
    if (quotes + (markers.length > 0 ? open.length : 0) > MAX_NESTING) return { line: index + 1 };
    if (opening) fence = opening;
  }
  return null;
}

export function nestingError(line: number): string {
  return `Line ${line} nests block quotes or lists more than ${MAX_NESTING} levels deep; the limit is ${MAX_NESTING}.`;
}
