import type { Table, TableCell } from "mdast";
import { toString } from "mdast-util-to-string";
import type { TChecklistItem } from "@/lib/domain/checklist/types";
import { contentSource, newItem, type TParseContext } from "@/lib/domain/markdown/item-builder";

const LEVEL_HEADER = /^level\b/i;
const DESCRIPTION_HEADER = /^(description|details?|notes?|what|why|how|criteria)\b/i;
const TICK = /\u2705|:white_check_mark:|\u2714/u;

/**
 * A table of checks with maturity-level columns ("Check | Description | Level C | Level B |
 * Level A", ticked with ✅): one item per row, requiring the lowest ticked level. Columns
 * run from the lowest level to the highest. Returns null for any other table.
 */
export function parseLevelTable(table: Table, ctx: TParseContext): TChecklistItem[] | null {
  const [header, ...rows] = table.children;
  if (!header) return null;
  const headers = header.children.map((cell) => toString(cell).trim());
  const levelColumns = headers.flatMap((name, index) => (index > 0 && LEVEL_HEADER.test(name) ? [{ name, index }] : []));
  if (levelColumns.length === 0) return null;
  for (const { name } of levelColumns) if (!ctx.levels.includes(name)) ctx.levels.push(name);
  const descriptionIndex = headers.findIndex((name, index) => index > 0 && DESCRIPTION_HEADER.test(name));

  const items: TChecklistItem[] = [];
  for (const row of rows) {
    const nameCell = row.children[0];
    if (!nameCell || !toString(nameCell).trim()) continue;
    const item = newItem(contentSource(nameCell, ctx.source), toString(nameCell), "CHECK", ctx);
    const description = descriptionIndex > 0 ? row.children[descriptionIndex] : undefined;
    item.detail = description ? contentSource(description, ctx.source) || null : null;
    const ticked = levelColumns.find(({ index }) => isTicked(row.children[index], ctx.source));
    item.requiredLevel = ticked?.name ?? null;
    items.push(item);
  }
  return items;
}

function isTicked(cell: TableCell | undefined, source: string): boolean {
  return cell !== undefined && TICK.test(contentSource(cell, source));
}
