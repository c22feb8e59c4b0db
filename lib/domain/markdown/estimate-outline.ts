// How big a Markdown document looks before it is parsed: for the words shown while the server
// checks it (components/templates/import-form.tsx).

export type TOutline = { sections: number; items: number };

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const HEADING = /^ {0,3}(#{1,6})(?:[ \t]|$)/;
// Quote markers, then a bullet or an ordered marker, then a space or the end of the line.
const LIST_ITEM = /^[ \t]*(?:>[ \t]?)*[ \t]*(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$)/;
const TASK_ITEM = /^[ \t]*(?:>[ \t]?)*[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+\[[ xX]\](?:[ \t]|$)/;

/**
 * A quick count of a Markdown document's headings and list items, for the words shown while
 * the server parses it ("Checking 12 sections and about 3,400 items…"): line by line, outside
 * fenced code, with the importer's modes (tasks: task items only; lists: every list item;
 * detect: task items when there are any). Not the parser: the preview gives the true numbers.
 */
export function estimateOutline(text: string, mode: "tasks" | "lists" | null): TOutline {
  let headings = 0;
  let firstIsTitle = false;
  let tasks = 0;
  let listItems = 0;
  let fence: string | null = null;
  for (const line of text.split(/\r\n|\r|\n/)) {
    const fenceMark = FENCE.exec(line)?.[1];
    if (fence !== null) {
      if (fenceMark && fenceMark[0] === fence[0] && fenceMark.length >= fence.length && line.trim() === fenceMark) fence = null;
      continue;
    }
    if (fenceMark) {
      fence = fenceMark;
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      // The document's first heading, when it is a #, is its title, not a section.
      if (headings === 0 && heading[1]!.length === 1) firstIsTitle = true;
      headings += 1;
      continue;
    }
    if (LIST_ITEM.test(line)) {
      listItems += 1;
      if (TASK_ITEM.test(line)) tasks += 1;
    }
  }
  const items = mode === "tasks" ? tasks : mode === "lists" ? listItems : tasks > 0 ? tasks : listItems;
  return { sections: headings - (firstIsTitle ? 1 : 0), items };
}
