import { ITEM_KINDS, ITEM_STATUSES, itemStatusLabel, type TItemKind, type TItemStatus, type TSeverity } from "@/lib/domain/checklist/types";
import { titleWords } from "@/lib/domain/markdown/classify-section";
import { decodeInlineText, encodeInlineText, LINE_BREAK, trimSpacesAndTabs } from "@/lib/domain/markdown/inline-text";
import { hasMojibakeLookalikes } from "@/lib/domain/markdown/repair-mojibake";

// Sub-bullets that our own markdown export writes under an item, read back on import so
// a release survives the round trip: "Status: Blocked", "Owner: …", "N/A: …", "Evidence: …".
// A no-go condition's words are read too: "Status: Holds" is BLOCKED, "Does not hold" DONE.
// "Owner: …" is read in any document (a template's default owner); the state lines only in
// a document Preflight exported (EXPORT_MARKER on its first line): elsewhere "- Status: Done"
// under an item is what its author wrote, not a done item.
// The lines that define an item are read in any document too: "Role: go criterion",
// "Level: Gold", "Evidence: required, max age 30 days" (an "Evidence: <https://…>" link is
// state). A value they do not know ("Evidence: maybe") leaves the line ordinary content.

/** The first line of every Markdown export: a comment GitHub does not show. */
export const EXPORT_MARKER = "<!-- preflight-export v1: the Status, Owner, N/A and Evidence lines under an item are its state -->";

export function isPreflightExport(source: string): boolean {
  return /^\s*<!--\s*preflight-export\b/.test(source.slice(0, 200));
}

export type TEvidenceRule = { required: boolean; maxAgeDays: number | null };

export type TItemMeta = {
  status?: TItemStatus;
  owner?: string;
  naReason?: string;
  evidenceLink?: string;
  kind?: TItemKind;
  evidence?: TEvidenceRule;
  /** A level's name as written; the parser checks it against the document's levels. */
  level?: string;
  /** "CI: <check>": the CI check whose results mark the item done or blocked. */
  ciCheck?: string;
  /** "Origin: release only": a release manager added the item to that release (exports only). */
  releaseOnly?: true;
};

/** The line an export writes under an item added to one release only. */
export const RELEASE_ONLY_LINE = "Origin: release only";

/** The longest maximum evidence age read: 100 years (a later date is no date to compare with). */
export const MAX_EVIDENCE_AGE_DAYS = 36_500;

// A trailing "(advisory)" or "(optional)" after the item's words makes it advisory. Only
// plain text after a space counts: "\(advisory)" (escaped) or "`(optional)`" are words.
const SEVERITY_MARKER = /(?<=\S)[ \t]+\((?:advisory|optional)\)$/i;

/** An item's text and plain text without a trailing advisory marker, and its severity. */
export function readSeverityMarker(text: string, plain: string): { text: string; plain: string; severity: TSeverity } {
  const marker = SEVERITY_MARKER.exec(text);
  if (!marker) return { text, plain, severity: "BLOCKING" };
  return { text: text.slice(0, marker.index), plain: plain.trimEnd().replace(SEVERITY_MARKER, ""), severity: "ADVISORY" };
}

/** An item's text as the export writes it: with the marker when advisory, its "(" escaped when the words end like one. */
export function writeSeverityMarker(text: string, severity: TSeverity): string {
  // A hard break at the end is no break (the importer reads its backslash as text): the marker follows on the line.
  if (severity === "ADVISORY") return `${text.trimEnd()} (advisory)`;
  const marker = SEVERITY_MARKER.exec(text);
  return marker ? `${text.slice(0, marker.index)}${marker[0].replace("(", "\\(")}` : text;
}

const ROLE_WORDS: Record<string, TItemKind> = {
  check: "CHECK",
  "plain check": "CHECK",
  go: "GO_CRITERION",
  "go criterion": "GO_CRITERION",
  "go criteria": "GO_CRITERION",
  "no go": "NO_GO_CONDITION",
  nogo: "NO_GO_CONDITION",
  "no go condition": "NO_GO_CONDITION",
  "no go conditions": "NO_GO_CONDITION",
};

const ROLE_LABELS: Record<TItemKind, string> = { CHECK: "check", GO_CRITERION: "go criterion", NO_GO_CONDITION: "no-go condition" };

export const formatRole = (kind: TItemKind) => ROLE_LABELS[kind];

function parseRole(value: string): TItemKind | undefined {
  return Object.hasOwn(ROLE_WORDS, titleWords(value)) ? ROLE_WORDS[titleWords(value)] : undefined;
}

// "required", "required, 30 days", "required, max age 30 days"; "optional, …" keeps a maximum
// age on evidence that is not required (the export writes what the item holds).
const EVIDENCE_RULE = /^(required|optional)(?:[ \t]*,[ \t]*(?:max(?:imum)?[ \t]+age[ \t]+)?(\d{1,6})[ \t]+days?)?$/i;

function parseEvidenceRule(value: string): TEvidenceRule | undefined {
  const match = EVIDENCE_RULE.exec(value.replace(/[ \t]+/g, " "));
  if (!match) return undefined;
  const days = match[2] === undefined ? null : Number(match[2]);
  if (days !== null && (days < 1 || days > MAX_EVIDENCE_AGE_DAYS)) return undefined;
  return { required: match[1]!.toLowerCase() === "required", maxAgeDays: days };
}

export function formatEvidenceRule({ required, maxAgeDays }: TEvidenceRule): string {
  const age = maxAgeDays === null ? "" : `, max age ${maxAgeDays} ${maxAgeDays === 1 ? "day" : "days"}`;
  return `${required ? "required" : "optional"}${age}`;
}

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
  const match = /^(Status|Owner|N\/A|Evidence|Role|Level|Origin|CI):[ \t]+(.+)$/su.exec(text);
  if (!match) return null;
  const [, label, value] = match as unknown as [string, string, string];
  switch (label) {
    case "Owner":
      return { owner: decodeInlineText(value) };
    case "Role": {
      const kind = parseRole(decodeInlineText(value));
      return kind ? { kind } : null;
    }
    case "CI": {
      const check = decodeInlineText(value).trim();
      return check ? { ciCheck: check } : null;
    }
    case "Level": {
      const level = decodeInlineText(value);
      return level.trim() ? { level } : null;
    }
    case "Evidence": {
      const evidence = parseEvidenceRule(value);
      if (evidence) return { evidence };
      const link = readState ? parseEvidenceLink(value) : null;
      return link ? { evidenceLink: link } : null;
    }
  }
  if (!readState) return null;
  if (label === "N/A") return { naReason: decodeInlineText(value) };
  if (label === "Origin") return `Origin: ${value}`.toLowerCase() === RELEASE_ONLY_LINE.toLowerCase() ? { releaseOnly: true } : null;
  const status = parseStatus(value);
  return status ? { status } : null;
}
