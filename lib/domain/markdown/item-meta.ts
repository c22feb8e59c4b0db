import { ITEM_KINDS, ITEM_STATUSES, itemStatusLabel, type TItemStatus } from "@/lib/domain/checklist/types";
import { decodeInlineText, encodeInlineText, LINE_BREAK, trimSpacesAndTabs } from "@/lib/domain/markdown/inline-text";
import { hasMojibakeLookalikes } from "@/lib/domain/markdown/repair-mojibake";

// Sub-bullets that our own markdown export writes under an item, read back on import so
// a release survives the round trip: "Status: Blocked", "Owner: …", "N/A: …", "Evidence: …".
// A no-go condition's words are read too: "Status: Holds" is BLOCKED, "Does not hold" DONE.
// "Owner: …" is read in any document (a template's default owner); the state lines only in
// a document Preflight exported (EXPORT_MARKER on its first line): elsewhere "- Status: Done"
// under an item is what its author wrote, not a done item.

/** The first line of every Markdown export: a comment GitHub does not show. */
export const EXPORT_MARKER = "<!-- preflight-export v1: the Status, Owner, N/A and Evidence lines under an item are its state -->";

export function isPreflightExport(source: string): boolean {
  return /^\s*<!--\s*preflight-export\b/.test(source.slice(0, 200));
}

export type TItemMeta = { status?: TItemStatus; owner?: string; naReason?: string; evidenceLink?: string };

function parseStatus(value: string): TItemStatus | undefined {
  const wanted = value.trim().replace(/\s+/g, " ").toLowerCase();
  return ITEM_STATUSES.find(
    (status) => status.toLowerCase() === wanted || ITEM_KINDS.some((kind) => itemStatusLabel(status, kind).toLowerCase() === wanted),
  );
}

// An evidence link as an autolink, "<https://…>", read as written (Markdown decodes nothing
// inside one); a link an autolink cannot hold (spaces, "<", ">", text the importer would
// repair as mojibake) is written as escaped text.
const AUTOLINK = /^<(https?:\/\/[^\s<>\p{Cc}]*)>$/iu;
const HTTP_LINK = /^https?:\/\//i;

export function formatEvidenceLink(link: string): string {
  return AUTOLINK.test(`<${link}>`) && !hasMojibakeLookalikes(link) ? `<${link}>` : encodeInlineText(link);
}

function parseEvidenceLink(value: string): string | null {
  const link = AUTOLINK.exec(value)?.[1] ?? decodeInlineText(value);
  return HTTP_LINK.test(link) ? link : null;
}

/**
 * The meta a sub-bullet's text carries, or null when it is ordinary content. The text is
 * its markdown as written: values are decoded here, and only spaces and tabs around it are
 * dropped, as Markdown drops them (a value's own edge spaces are written as references).
 */
export function parseItemMeta(source: string, { readState }: { readState: boolean }): TItemMeta | null {
  const text = source.split(LINE_BREAK).map(trimSpacesAndTabs).join(" ");
  const match = /^(Status|Owner|N\/A|Evidence):[ \t]+(.+)$/su.exec(text);
  if (!match) return null;
  const [, label, value] = match as unknown as [string, string, string];
  if (label !== "Owner" && !readState) return null;
  switch (label) {
    case "Status": {
      const status = parseStatus(value);
      return status ? { status } : null;
    }
    case "Owner":
      return { owner: decodeInlineText(value) };
    case "N/A":
      return { naReason: decodeInlineText(value) };
    default: {
      const link = parseEvidenceLink(value);
      return link ? { evidenceLink: link } : null;
    }
  }
}
