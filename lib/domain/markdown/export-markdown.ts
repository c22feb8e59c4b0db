import { itemStatusLabel, type TChecklist, type TChecklistItem, type TChecklistSection } from "@/lib/domain/checklist/types";
import { encodeInlineText, toOneLine } from "@/lib/domain/markdown/inline-text";
import { UNTITLED_ITEM } from "@/lib/domain/markdown/item-builder";
import { EXPORT_MARKER, formatEvidenceLink } from "@/lib/domain/markdown/item-meta";

// Writes a checklist back as GFM task lists. States, owners, N/A reasons and evidence
// links become sub-bullets that the importer reads back, so export → import round-trips;
// the first line (EXPORT_MARKER, a comment GitHub does not show) tells the importer so.
// What people typed (owner, N/A reason) is escaped so that it stays one value, whatever it
// holds; item texts and titles are markdown already and are kept to one line, as the
// importer reads them, so no line of theirs can start a heading or an item.

function indent(text: string, by: string): string {
  return text
    .split("\n")
    .map((line) => (line ? by + line : line))
    .join("\n");
}

function itemLines(item: TChecklistItem, depth: number): string[] {
  const pad = "  ".repeat(depth);
  // A hard line break ("\\" and a newline) stays one; the next line continues the item's paragraph.
  const text = item.text.split("\\\n").map(toOneLine).join(`\\\n${pad}  `);
  const lines = [`${pad}- [${item.status === "DONE" ? "x" : " "}] ${text || UNTITLED_ITEM}`];
  if (item.detail) lines.push("", indent(item.detail, `${pad}  `), "");
  const meta: string[] = [];
  // A no-go condition that holds reads "Status: Holds"; one that does not hold is ticked.
  if (item.status !== "OPEN" && item.status !== "DONE") meta.push(`Status: ${itemStatusLabel(item.status, item.kind)}`);
  if (item.owner) meta.push(`Owner: ${encodeInlineText(item.owner)}`);
  if (item.naReason) meta.push(`N/A: ${encodeInlineText(item.naReason)}`);
  for (const link of item.evidenceLinks) meta.push(`Evidence: ${formatEvidenceLink(link)}`);
  for (const line of meta) lines.push(`${pad}  - ${line}`);
  for (const child of item.children) lines.push(...itemLines(child, depth + 1));
  return lines;
}

function sectionLines(section: TChecklistSection, level: number): string[] {
  const lines = [`${"#".repeat(Math.min(level, 6))} ${toOneLine(section.title)}`, ""];
  if (section.items.length > 0) lines.push(...section.items.flatMap((item) => itemLines(item, 0)), "");
  for (const child of section.sections) lines.push(...sectionLines(child, level + 1));
  return lines;
}

export function exportMarkdown(checklist: Pick<TChecklist, "title" | "sections">): string {
  const lines = [EXPORT_MARKER, `# ${toOneLine(checklist.title)}`, "", ...checklist.sections.flatMap((section) => sectionLines(section, 2))];
  return `${lines.join("\n").replace(/\n{3,}/g, "\n\n").trimEnd()}\n`;
}
