import type { Definition, Nodes, Root } from "mdast";
import { toString } from "mdast-util-to-string";
import { toOneLine } from "@/lib/domain/markdown/inline-text";

// An item's text is the Markdown its author wrote, as one line, so that people read it
// formatted and the export writes it back as it was. Three things are rewritten on the way:
// - a done mark (✅, :white_check_mark:) is removed, with the spaces around it, where a reader
//   sees it; in a code span it is text, and stays;
// - a reference link ("[runbook][1]" with "[1]: https://…" elsewhere) becomes an inline link,
//   since the definition does not travel with the item;
// - a hard line break (a backslash or two spaces at a line's end) stays a break, written as
//   a backslash and a newline; every other line break becomes a space.

export const DONE_MARK = /\u2705|:white_check_mark:/u;
const DONE_MARKS = /\u2705|:white_check_mark:/gu;

export type TDefinitions = Map<string, Pick<Definition, "url" | "title">>;

export type TInlineSource = { text: string; plain: string; done: boolean };

type TEdit = { start: number; end: number; replacement: string };

const BREAK = "\u0000";

/** The link definitions of a document, by identifier; the first one wins, as in CommonMark. */
export function collectDefinitions(tree: Root): TDefinitions {
  const definitions: TDefinitions = new Map();
  const visit = (node: Nodes) => {
    if (node.type === "definition" && !definitions.has(node.identifier)) definitions.set(node.identifier, { url: node.url, title: node.title });
    if ("children" in node) for (const child of node.children) visit(child);
  };
  visit(tree);
  return definitions;
}

const offsetsOf = (node: Nodes): [number, number] | null => {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  return start === undefined || end === undefined ? null : [start, end];
};

function destination(url: string, title: string | null | undefined): string {
  const safeUrl = /[\s()<>]/.test(url) || url === "" ? `<${url.replace(/[<>\\]/g, (c) => `\\${c}`)}>` : url.replace(/\\/g, "\\\\");
  return title ? `${safeUrl} "${title.replace(/["\\]/g, (c) => `\\${c}`)}"` : safeUrl;
}

const escapeLabel = (text: string) => text.replace(/[\\[\]]/g, (c) => `\\${c}`);

const isSpaceOrTab = (char: string | undefined) => char === " " || char === "\t";

/**
 * The source of a block's inline content (a paragraph, a heading, a table cell) as an item
 * text: one line but for hard breaks, done marks taken out unless `keepDoneMarks`, reference
 * links resolved. Null when the parser left the content without positions.
 */
export function inlineSource(
  node: Nodes & { children: Nodes[] },
  source: string,
  definitions: TDefinitions,
  { keepDoneMarks = false } = {},
): TInlineSource | null {
  const first = node.children[0] && offsetsOf(node.children[0]);
  const last = node.children.at(-1) && offsetsOf(node.children.at(-1)!);
  if (!first || !last) return null;
  const [from, to] = [first[0], last[1]];
  const edits: TEdit[] = [];
  let done = false;

  const visit = (child: Nodes) => {
    const range = offsetsOf(child);
    if (!range) return;
    switch (child.type) {
      case "text": {
        if (keepDoneMarks || !DONE_MARK.test(child.value)) return;
        const slice = source.slice(range[0], range[1]);
        for (const match of slice.matchAll(DONE_MARKS)) {
          done = true;
          let start = range[0] + match.index;
          let end = start + match[0].length;
          while (start > from && isSpaceOrTab(source[start - 1])) start -= 1;
          while (end < to && isSpaceOrTab(source[end])) end += 1;
          edits.push({ start, end, replacement: " " });
        }
        return;
      }
      case "break":
        edits.push({ start: range[0], end: range[1], replacement: BREAK });
        return;
      case "linkReference":
      case "imageReference": {
        const definition = definitions.get(child.identifier);
        if (!definition) return;
        const target = destination(definition.url, definition.title);
        if (child.type === "imageReference") {
          edits.push({ start: range[0], end: range[1], replacement: `![${escapeLabel(child.alt ?? "")}](${target})` });
          return;
        }
        const inner = child.children.length ? [offsetsOf(child.children[0]!), offsetsOf(child.children.at(-1)!)] : [];
        const label = inner[0] && inner[1] ? source.slice(inner[0][0], inner[1][1]) : escapeLabel(toString(child));
        edits.push({ start: range[0], end: range[1], replacement: `[${label}](${target})` });
        return;
      }
      default:
        if ("children" in child) for (const grandchild of child.children) visit(grandchild);
    }
  };
  for (const child of node.children) visit(child);

  let text = "";
  let at = from;
  // Edits never overlap: each is a leaf, or a reference whose inside is not visited.
  for (const edit of edits.sort((a, b) => a.start - b.start)) {
    if (edit.start < at) continue;
    text += source.slice(at, edit.start) + edit.replacement;
    at = edit.end;
  }
  text += source.slice(at, to);
  const plain = toString(node);
  return {
    text: text
      .split(BREAK)
      .map(toOneLine)
      .filter(Boolean)
      .join("\\\n"),
    plain: done ? plain.replace(DONE_MARKS, " ") : plain,
    done,
  };
}
