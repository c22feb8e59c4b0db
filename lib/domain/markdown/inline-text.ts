import { decodeString } from "micromark-util-decode-string";
import { protectMojibakeLookalikes } from "@/lib/domain/markdown/repair-mojibake";

// What people type (an owner, an N/A reason) is text, not markdown. The export writes it on
// one line after its label with Markdown's own escapes: a backslash before punctuation that
// could start syntax, and numeric character references for line breaks, tabs and spaces at
// either end (which a paragraph would drop). GitHub shows the value as typed, and the
// importer decodes exactly those escapes back, so export → import returns the same string.
//
// Edges are found with loops and lines with split: a pattern like /[ \t]+$/ or /\s*\n\s*/
// backtracks quadratically on a long run of spaces (100 KB of them took 15 s).

const SYNTAX = /[\\`*_[\]<>&~|$]/g;
const LINE_BREAK_OR_TAB = /[\r\n\t]/g;
export const LINE_BREAK = /\r\n|\r|\n/;

const reference = (char: string) => `&#${char.codePointAt(0)};`;
const isSpaceOrTab = (char: string | undefined) => char === " " || char === "\t";

/** Where `text` starts and ends without the characters at either end that `isEdge` accepts. */
function inner(text: string, isEdge: (char: string | undefined) => boolean): [number, number] {
  let start = 0;
  let end = text.length;
  while (start < end && isEdge(text[start])) start += 1;
  while (end > start && isEdge(text[end - 1])) end -= 1;
  return [start, end];
}

/** Text without spaces and tabs at its ends: what Markdown drops around a paragraph's lines. */
export function trimSpacesAndTabs(text: string): string {
  return text.slice(...inner(text, isSpaceOrTab));
}

export function encodeInlineText(value: string): string {
  const escaped = value.replace(SYNTAX, (char) => `\\${char}`).replace(LINE_BREAK_OR_TAB, reference);
  const [start, end] = inner(escaped, (char) => char === " ");
  const edge = (spaces: string) => spaces.replace(/ /g, reference);
  const written = edge(escaped.slice(0, start)) + escaped.slice(start, end) + edge(escaped.slice(end));
  // Characters the importer would take for mis-decoded text and "repair" are written as references.
  return protectMojibakeLookalikes(written, reference);
}

/** The text a value written by encodeInlineText (or by hand) stands for. */
export function decodeInlineText(source: string): string {
  return decodeString(source);
}

/** Markdown source on one line, as the importer reads an item or heading: a line break and the whitespace around it become one space. */
export function toOneLine(source: string): string {
  return source
    .split(LINE_BREAK)
    .map((line) => line.trim())
    .filter(Boolean)
    .join(" ");
}
