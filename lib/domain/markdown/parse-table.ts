import type { Table, TableCell, TableRow } from "mdast";
import { toString } from "mdast-util-to-string";
import type { TChecklistItem, TItemKind, TItemStatus } from "@/lib/domain/checklist/types";
import { newItem, readInline, type TParseContext } from "@/lib/domain/markdown/item-builder";
import { titleWords } from "@/lib/domain/markdown/classify-section";

// Tables that are checklists become items; any other table (contacts, metadata, a runbook's
// commands) stays content. Two kinds are recognised:
//
// - A level table: a check per row with maturity-level columns ("Check | Description |
//   Level C | Level B | Level A", ticked with ✅). The item requires the lowest ticked level;
//   a description-like column becomes its detail, every other column a "Header: value" line.
// - A checklist table: a column of checks (headed Item, Check, Task, Criteria, Requirement…)
//   with a column of state (Status, Owner, Notes, Done…), or a column whose cells are marks
//   (☐ ☑ ✅ ❌ ⚠️ [ ] [x]). One item per row; its status and owner come from their columns
//   (a release import keeps them; a template keeps the owner as the default owner), the
//   other columns become detail.

const LEVEL_HEADER = /^level\b/i;
const DESCRIPTION_HEADER = /^(?:short )?(?:description|details?|notes?|comments?|scope|summary|what|why|how|criteria)$/;
const ITEM_HEADER =
  /^(?:(?:readiness |release |launch |go |exit )?(?:item|check|task|criteria|criterion|requirement|control|activity|step|action|deliverable|question|test|check item|checklist item|to ?do)s?(?: (?:description|name|title))?)$/;
const STATUS_HEADER = /^(?:status|state|done|complete|completed|result|verified|checked|ok|met|signed off|sign off|go no go|y n)$/;
const OWNER_HEADER = /^(?:owner|owners|responsible|assignee|assigned to|accountable|dri|who)$/;
const STATE_HEADER = /^(?:notes?|comments?|evidence|due|due date|eta)$/;
const TICK = /\u2705|:white_check_mark:|\u2714/u;

// ☐ ☑ ☒ ✅ ✔ ✓ ❌ ❎ ✗ ✘ ⚠ ⬜ 🔲 🟢 🟡 🟠 🔴 [ ] [x], and their GitHub shortcodes.
const MARK =
  /^(?:\u2610|\u2611\uFE0F?|\u2612|\u2705|\u2714\uFE0F?|\u2713|\u274C|\u274E|\u2717|\u2718|\u26A0\uFE0F?|\u2B1C|\u{1F532}|\u{1F7E2}|\u{1F7E1}|\u{1F7E0}|\u{1F534}|\[[ xX]\]|:(?:white_check_mark|heavy_check_mark|ballot_box_with_check|x|warning|negative_squared_cross_mark|green_circle|yellow_circle|orange_circle|red_circle|white_large_square):)/u;
const MARK_STATUS: [RegExp, TItemStatus][] = [
  [/^(?:\u2611|\u2612|\u2705|\u2714|\u2713|\u{1F7E2}|\[[xX]\]|:(?:white_check_mark|heavy_check_mark|ballot_box_with_check|green_circle):)/u, "DONE"],
  [/^(?:\u274C|\u274E|\u2717|\u2718|\u{1F534}|:x:|:negative_squared_cross_mark:|:red_circle:)/u, "BLOCKED"],
  [/^(?:\u26A0|\u{1F7E1}|\u{1F7E0}|:warning:|:yellow_circle:|:orange_circle:)/u, "IN_PROGRESS"],
];
const WORD_STATUS: [RegExp, TItemStatus][] = [
  [/^(?:done|complete|completed|yes|y|pass|passed|passing|ok|ready|green|verified|met|true|go|closed|finished|resolved)$/, "DONE"],
  [/^(?:blocked|no|n|fail|failed|failing|red|not met|false|no go|nogo|holds)$/, "BLOCKED"],
  [/^(?:in progress|wip|ongoing|started|partial|partially|yellow|amber|doing|in review|review)$/, "IN_PROGRESS"],
  [/^(?:n a|na|not applicable|skip|skipped)$/, "NOT_APPLICABLE"],
  [/^(?:waived)$/, "WAIVED"],
];
const NO_OWNER = /^(?:|-+|—|–|tbd|tba|n a|none|\?+)$/;

const cellText = (cell: TableCell | undefined) => (cell ? toString(cell).trim() : "");

function statusOf(text: string): TItemStatus | null {
  const mark = MARK_STATUS.find(([pattern]) => pattern.test(text));
  if (mark) return mark[1];
  if (MARK.test(text)) return "OPEN";
  const words = titleWords(text);
  return WORD_STATUS.find(([pattern]) => pattern.test(words))?.[1] ?? null;
}

/** Empty, or a mark with at most a status word after it ("✅", "✅ Done"). */
function isStateCell(text: string): boolean {
  if (!text) return true;
  const mark = MARK.exec(text)?.[0];
  const rest = mark ? text.slice(mark.length).trim() : null;
  return rest !== null && (rest === "" || statusOf(rest) !== null);
}

type TColumn = { index: number; name: string; words: string };

function columnsOf(header: TableRow): TColumn[] {
  return header.children.map((cell, index) => ({ index, name: cellText(cell), words: titleWords(cellText(cell)) }));
}

/** A column where at least half the filled cells, and one at least, start with a mark. */
function isMarkColumn(rows: TableRow[], index: number): boolean {
  const filled = rows.map((row) => cellText(row.children[index])).filter(Boolean);
  const marked = filled.filter((text) => MARK.test(text)).length;
  return marked > 0 && marked * 2 >= filled.length;
}

function detailOf(row: TableRow, columns: TColumn[], used: Set<number>, ctx: TParseContext): string | null {
  const description = columns.find((c) => !used.has(c.index) && DESCRIPTION_HEADER.test(c.words));
  const parts: string[] = [];
  const cell = (index: number) => row.children[index];
  if (description) {
    const text = cell(description.index) ? readInline(cell(description.index)!, ctx).text : "";
    if (text) parts.push(text);
  }
  for (const column of columns) {
    if (used.has(column.index) || column === description) continue;
    const value = cell(column.index) ? readInline(cell(column.index)!, ctx).text : "";
    if (value) parts.push(`${column.name || `Column ${column.index + 1}`}: ${value}`);
  }
  return parts.length ? parts.join("\n\n") : null;
}

function levelTable(columns: TColumn[], rows: TableRow[], kind: TItemKind, ctx: TParseContext): TChecklistItem[] | null {
  const levels = columns.filter((c) => c.index > 0 && LEVEL_HEADER.test(c.name));
  if (levels.length === 0) return null;
  for (const { name } of levels) if (!ctx.levels.includes(name)) ctx.levels.push(name);
  const used = new Set([0, ...levels.map((c) => c.index)]);
  const items: TChecklistItem[] = [];
  for (const row of rows) {
    const nameCell = row.children[0];
    if (!nameCell || !cellText(nameCell)) continue;
    const item = newItem(readInline(nameCell, ctx), kind, ctx);
    item.detail = detailOf(row, columns, used, ctx);
    const ticked = levels.find(({ index }) => {
      const cell = row.children[index];
      return cell !== undefined && TICK.test(toString(cell));
    });
    item.requiredLevel = ticked?.name ?? null;
    items.push(item);
  }
  return items;
}

function checklistTable(columns: TColumn[], rows: TableRow[], kind: TItemKind, ctx: TParseContext): TChecklistItem[] | null {
  const status = columns.find((c) => STATUS_HEADER.test(c.words));
  const owner = columns.find((c) => OWNER_HEADER.test(c.words));
  const marks = columns.filter((c) => c !== status && c !== owner && isMarkColumn(rows, c.index));
  const itemColumn = columns.find((c) => ITEM_HEADER.test(c.words));
  const hasState = Boolean(status || owner || columns.some((c) => c !== itemColumn && STATE_HEADER.test(c.words)));
  if (!(itemColumn && hasState) && marks.length === 0) return null;
  // The check's text: the item column, or the first column that is not state or marks only.
  const markOnly = marks.filter((c) => rows.every((row) => isStateCell(cellText(row.children[c.index]))));
  const isNumbering = (c: TColumn) => rows.every((row) => /^(?:#?\d+[.)]?)?$/.test(cellText(row.children[c.index])));
  const textColumn = itemColumn ?? columns.find((c) => c !== status && c !== owner && !markOnly.includes(c) && !isNumbering(c));
  if (!textColumn) return null;
  const markColumn = marks.find((c) => c !== textColumn) ?? marks[0];
  const used = new Set([textColumn.index, ...(status ? [status.index] : []), ...(owner ? [owner.index] : []), ...markOnly.map((c) => c.index)]);

  const items: TChecklistItem[] = [];
  for (const row of rows) {
    const cell = row.children[textColumn.index];
    if (!cell || !cellText(cell)) continue;
    const read = readInline(cell, ctx);
    const leadingMark = MARK.exec(read.text)?.[0];
    const item = newItem(leadingMark ? { ...read, text: read.text.slice(leadingMark.length).trim() } : read, kind, ctx);
    const stated =
      (status && statusOf(cellText(row.children[status.index]))) ||
      (leadingMark && statusOf(leadingMark)) ||
      (markColumn && markColumn !== textColumn && statusOf(cellText(row.children[markColumn.index])));
    if (stated) item.status = stated;
    const ownerText = owner ? readInline(row.children[owner.index] ?? { type: "tableCell", children: [] }, ctx).text : "";
    if (owner && !NO_OWNER.test(titleWords(ownerText))) item.owner = ownerText;
    item.detail = detailOf(row, columns, used, ctx);
    if (item.status === "NOT_APPLICABLE") {
      const notes = columns.find((c) => !used.has(c.index) && /^(?:notes?|comments?|reason|why)$/.test(c.words));
      const reason = notes ? cellText(row.children[notes.index]) : "";
      if (reason) item.naReason = reason;
    }
    items.push(item);
  }
  return items;
}

/** Whether a table has a column of checks (headed Item, Check, Task, Criteria…): a checklist, not a table of people. */
export function hasItemColumn(table: Table): boolean {
  const header = table.children[0];
  return header ? columnsOf(header).some((c) => ITEM_HEADER.test(c.words)) : false;
}

/** The maturity levels a table's columns name, lowest first: none unless it is a level table with rows. */
export function tableLevels(table: Table): string[] {
  const [header, ...rows] = table.children;
  if (!header || rows.length === 0) return [];
  return columnsOf(header)
    .filter((c) => c.index > 0 && LEVEL_HEADER.test(c.name))
    .map((c) => c.name);
}

/** The items a table holds, or null when it is content rather than a checklist. */
export function parseTable(table: Table, kind: TItemKind, ctx: TParseContext): TChecklistItem[] | null {
  const [header, ...rows] = table.children;
  if (!header || rows.length === 0) return null;
  const columns = columnsOf(header);
  return levelTable(columns, rows, kind, ctx) ?? checklistTable(columns, rows, kind, ctx);
}
