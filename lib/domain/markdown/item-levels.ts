import type { Root } from "mdast";
import { rawContentSource } from "@/lib/domain/markdown/item-builder";
import { decodeInlineText, encodeInlineText, LINE_BREAK, trimSpacesAndTabs } from "@/lib/domain/markdown/inline-text";
import { tableLevels } from "@/lib/domain/markdown/parse-table";
import { isSignOffLine } from "@/lib/domain/markdown/sign-off-lines";

// Maturity levels, lowest first, come from what the document declares: the level columns of
// its checklist tables ("| Check | Level C | Level B | Level A |") and a paragraph outside
// any list, "Levels: Bronze, Silver, Gold", in the order the document gives them. An item's
// "Level: Silver" line must name a declared level (matched regardless of case, and with or
// without "Level "); any other name leaves the line as content. A document that declares no
// levels makes each new name in a "Level:" line a level, lowest first in order of appearance.

/** Levels by name, as written and compared loosely, first one first: a lookup stays cheap with many. */
export type TLevelIndex = { exact: Set<string>; normalized: Map<string, string>; bare: Map<string, string> };

export type TLevels = { levels: string[]; hasDeclaredLevels: boolean; levelIndex: TLevelIndex };

const LEVELS_LINE = /^Levels:[ \t]+(.+)$/su;

/**
 * The levels a "Levels: A, B, C" paragraph's markdown names, or null when it is something else.
 * Sign-off lines written right under it ("Sign-off: Security (team: AppSec)") are not levels.
 */
export function parseLevelsLine(source: string): string[] | null {
  const lines = source.split(LINE_BREAK).map(trimSpacesAndTabs);
  if (!lines[0]?.startsWith("Levels:")) return null;
  const text = lines.filter((line, index) => index === 0 || !isSignOffLine(line)).join(" ");
  const match = LEVELS_LINE.exec(text);
  if (!match) return null;
  const levels = match[1]!.split(",").map(trimSpacesAndTabs).filter(Boolean).map(decodeInlineText);
  return levels.length > 0 ? levels : null;
}

/** The paragraph the export writes; a comma inside a name is a reference, so it never splits one. */
export function formatLevelsLine(levels: string[]): string {
  return `Levels: ${levels.map((level) => encodeInlineText(level).replace(/,/g, "&#44;")).join(", ")}`;
}

/** The levels a document declares, in its order (see above). */
export function declaredLevels(tree: Root, source: string): string[] {
  const levels = new Set<string>();
  for (const node of tree.children) {
    const named = node.type === "table" ? tableLevels(node) : node.type === "paragraph" ? parseLevelsLine(rawContentSource(node, source)) : null;
    for (const level of named ?? []) levels.add(level);
  }
  return [...levels];
}

const normalized = (name: string) => name.normalize("NFKC").trim().replace(/\s+/g, " ").toLowerCase();
const bare = (name: string) => normalized(name).replace(/^level /, "");

function addToIndex(index: TLevelIndex, level: string): void {
  index.exact.add(level);
  if (!index.normalized.has(normalized(level))) index.normalized.set(normalized(level), level);
  if (!index.bare.has(bare(level))) index.bare.set(bare(level), level);
}

export function indexLevels(levels: string[]): TLevelIndex {
  const index: TLevelIndex = { exact: new Set(), normalized: new Map(), bare: new Map() };
  for (const level of levels) addToIndex(index, level);
  return index;
}

/**
 * The level an item's "Level:" line names, as the document spells it, or null when the
 * document declares levels and this is none of them. Otherwise a new name becomes a level.
 */
export function resolveLevel(name: string, ctx: TLevels): string | null {
  const index = ctx.levelIndex;
  const found = index.exact.has(name) ? name : (index.normalized.get(normalized(name)) ?? index.bare.get(bare(name)));
  if (found !== undefined) return found;
  if (ctx.hasDeclaredLevels) return null;
  ctx.levels.push(name);
  addToIndex(index, name);
  return name;
}
