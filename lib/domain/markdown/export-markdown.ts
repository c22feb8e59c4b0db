import type { Root } from "mdast";
import { toString } from "mdast-util-to-string";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import { unified } from "unified";
import { itemStatusLabel, walkSectionItems, type TChecklist, type TChecklistItem, type TChecklistSection, type TItemKind } from "@/lib/domain/checklist/types";
import { classifySection } from "@/lib/domain/markdown/classify-section";
import { encodeInlineText, toOneLine } from "@/lib/domain/markdown/inline-text";
import { UNTITLED_ITEM } from "@/lib/domain/markdown/item-builder";
import { formatLevelsLine } from "@/lib/domain/markdown/item-levels";
import { EXPORT_MARKER, formatEvidenceLink, formatEvidenceRule, formatRole, RELEASE_ONLY_LINE, writeSeverityMarker } from "@/lib/domain/markdown/item-meta";
import { formatSignOffLines } from "@/lib/domain/markdown/sign-off-lines";
import type { TSignOffPolicy } from "@/lib/domain/sign-off/sign-off-policy";

// Writes a checklist back as GFM task lists. States, owners, N/A reasons and evidence
// links become sub-bullets that the importer reads back, so export → import round-trips;
// the first line (EXPORT_MARKER, a comment GitHub does not show) tells the importer so.
// What people typed (owner, N/A reason) is escaped so that it stays one value, whatever it
// holds; item texts and titles are markdown already and are kept to one line, as the
// importer reads them, so no line of theirs can start a heading or an item.
// What defines an item is written back where it differs from the default: "(advisory)" after
// its text, "Role: …" when its kind is not the one its section's heading gives, "Level: …",
// "Evidence: required, max age 30 days", and the checklist's levels as a "Levels: …" line.
// A sign-off policy other than the default one is written after it as "Sign-off: …" lines
// (sign-off-lines.ts), each a paragraph of its own.

function indent(text: string, by: string): string {
  return text
    .split("\n")
    .map((line) => (line ? by + line : line))
    .join("\n");
}

/** `sectionKind`: the kind the importer gives the section's items, children included. */
function itemLines(item: TChecklistItem, depth: number, sectionKind: TItemKind): string[] {
  const pad = "  ".repeat(depth);
  // A hard line break ("\\" and a newline) stays one; the next line continues the item's paragraph,
  // indented four spaces past the item's content so that it can never start a block ("> …",
  // "# …", "* …", "===" under it): there only an indented code block could start, and one
  // cannot interrupt a paragraph.
  const words = writeSeverityMarker(item.text.split("\\\n").map(toOneLine).join("\\\n") || UNTITLED_ITEM, item.severity);
  const lines = [`${pad}- [${item.status === "DONE" ? "x" : " "}] ${words.split("\\\n").join(`\\\n${pad}      `)}`];
  if (item.detail) lines.push("", indent(item.detail, `${pad}  `), "");
  const meta: string[] = [];
  if (item.kind !== sectionKind) meta.push(`Role: ${formatRole(item.kind)}`);
  if (item.requiredLevel) meta.push(`Level: ${encodeInlineText(item.requiredLevel)}`);
  if (item.evidenceRequired || item.evidenceMaxAgeDays !== null) {
    meta.push(`Evidence: ${formatEvidenceRule({ required: item.evidenceRequired, maxAgeDays: item.evidenceMaxAgeDays })}`);
  }
  if (item.ciCheck) meta.push(`CI: ${encodeInlineText(item.ciCheck)}`);
  if (item.releaseOnly) meta.push(RELEASE_ONLY_LINE);
  // A no-go condition that holds reads "Status: Holds"; one that does not hold is ticked.
  if (item.status !== "OPEN" && item.status !== "DONE") meta.push(`Status: ${itemStatusLabel(item.status, item.kind)}`);
  if (item.owner) meta.push(`Owner: ${encodeInlineText(item.owner)}`);
  if (item.naReason) meta.push(`N/A: ${encodeInlineText(item.naReason)}`);
  for (const link of item.evidenceLinks) meta.push(`Evidence: ${formatEvidenceLink(link)}`);
  for (const line of meta) lines.push(`${pad}  - ${line}`);
  for (const child of item.children) lines.push(...itemLines(child, depth + 1, sectionKind));
  return lines;
}

const headingParser = unified().use(remarkParse).use(remarkGfm);

/** The role the importer reads from a heading as the export writes it (classify-section.ts), if any. */
function headingRole(title: string): TItemKind | null {
  const [heading] = (headingParser.parse(`# ${toOneLine(title)}`) as Root).children;
  return heading?.type === "heading" ? classifySection(toString(heading)) : null;
}

/** The headings written so far that the importer still has open, deepest last, with the role each gives. */
type TOpenHeadings = { depth: number; kind: TItemKind }[];

function sectionLines(section: TChecklistSection, level: number, open: TOpenHeadings): string[] {
  // As the importer reads the headings back: below ###### they are siblings, and a section
  // whose heading names no role takes the one of the heading it is under.
  const depth = Math.min(level, 6);
  while ((open.at(-1)?.depth ?? 0) >= depth) open.pop();
  const kind = headingRole(section.title) ?? open.at(-1)?.kind ?? "CHECK";
  open.push({ depth, kind });
  const lines = [`${"#".repeat(depth)} ${toOneLine(section.title)}`, ""];
  if (section.items.length > 0) lines.push(...section.items.flatMap((item) => itemLines(item, 0, kind)), "");
  for (const child of section.sections) lines.push(...sectionLines(child, level + 1, open));
  return lines;
}

/** The checklist's levels, and any level an item requires that they lack, in order. */
function levelsOf(checklist: Pick<TChecklist, "sections"> & { levels?: string[] }): string[] {
  const levels = new Set(checklist.levels);
  for (const { item } of walkSectionItems(checklist.sections)) if (item.requiredLevel) levels.add(item.requiredLevel);
  return [...levels];
}

/** `signOff`: the template version's policy, or the release's own for a release (absent: the default, not written). */
export function exportMarkdown(checklist: Pick<TChecklist, "title" | "sections"> & { levels?: string[]; signOff?: TSignOffPolicy }): string {
  const levels = levelsOf(checklist);
  const open: TOpenHeadings = [];
  const lines = [
    EXPORT_MARKER,
    `# ${toOneLine(checklist.title)}`,
    "",
    ...(levels.length > 0 ? [formatLevelsLine(levels), ""] : []),
    ...(checklist.signOff ? formatSignOffLines(checklist.signOff).flatMap((line) => [line, ""]) : []),
    ...checklist.sections.flatMap((section) => sectionLines(section, 2, open)),
  ];
  const text = lines.join("\n").replace(/\n{3,}/g, "\n\n");
  // Only blank lines and spaces go: trimEnd() also took Unicode spaces that end the last value (an owner "\u3000").
  let end = text.length;
  while (end > 0 && "\n \t".includes(text[end - 1]!)) end -= 1;
  return `${text.slice(0, end)}\n`;
}
