import type { Nodes, Table, TableCell, TableRow } from "mdast";
import { toString } from "mdast-util-to-string";
import { titleWords } from "@/lib/domain/markdown/classify-section";
import { unusedRulesWarning, type TDeclaredSignOff } from "@/lib/domain/markdown/sign-off-lines";
import { isSeatEmail } from "@/lib/domain/markdown/seat-words";
import { SEAT_LIMITS, seatKey, type TSeat, type TSeatRole } from "@/lib/domain/sign-off/sign-off-policy";
import { ZSignOffPolicy } from "@/lib/domain/sign-off/sign-off-policy-schema";

// A Go/No-Go table as readiness documents write one: a row per voice that must say go
// (Engineering, Security, QA, Operations, Product), with who speaks for it and, in a filled-in
// copy, their decision and comment:
//
//   ## Go/No-Go sign-off
//   | Function    | Owner             | Decision | Comments |
//   | Engineering | alice@example.com | Go       |          |
//   | Security    | Bob Lee           | Pending  | pen test |
//
// Each row becomes a sign-off seat (sign-off-policy.ts). A table is read so when it is not a
// checklist table (parse-table.ts takes those first) and either sits under a heading that
// names sign-off ("Sign-off", "Approvals", "Go/No-Go", "Signatures") or has a
// decision column ("Go/No-Go", "Decision", "Sign-off", "Approved") beside a column of roles.
// The seat's name is the row's role ("Role", "Function", "Team", "Area"…, else the first
// column); email addresses in its people column ("Owner", "Name", "Approver"…) are who may
// fill it; a role's own name ("Release manager") is that role. A seat the table names nobody
// for by email is open to any member, and the import says so: the template editor narrows it.
// Decisions, dates and comments are not carried over: every release is signed in Preflight.

const SIGN_OFF_HEADING = /\b(?:sign ?offs?|signoffs?|signatures?|signatories|approvals?|approvers?|go no go|go nogo)\b/;
const DECISION_COLUMN = /^(?:go no go|go nogo|decision|decisions|sign ?off|signed off|signoff|signature|approved|approval|vote|go)$/;
const SEAT_COLUMN =
  /^(?:role|roles|function|functions|team|teams|area|areas|seat|seats|discipline|department|stakeholder|stakeholders|group|organisation|organization|org|functional area|domain|approver role|sign ?off area)$/;
const PEOPLE_COLUMN =
  /^(?:name|names|owner|owners|approver|approvers|signer|signers|signatory|signatories|person|people|who|contact|contacts|lead|leads|representative|representatives|dri|responsible|accountable|email|e mail|approved by|signed by)$/;
const SKIP_ROW = /^(?:|-+|—|–|total|overall|result|consolidated|consolidated status|final decision|overall decision)$/;
const EMAIL = /[^\s<>()[\],;:"'`]+@[^\s<>()[\],;:"'`]+\.[^\s<>()[\],;:"'`]+/gu;
const ANY_MEMBER: TSeatRole[] = ["ADMIN", "RELEASE_MANAGER", "MEMBER"];
const ROLE_SEATS = new Map<string, TSeatRole[]>([
  ["release manager", ["RELEASE_MANAGER", "ADMIN"]],
  ["release managers", ["RELEASE_MANAGER", "ADMIN"]],
  ["admin", ["ADMIN"]],
  ["administrator", ["ADMIN"]],
]);

const cellText = (cell: TableCell | undefined) => (cell ? toString(cell).replace(/\s+/g, " ").trim() : "");

/** The email addresses a cell names: in its text, or as a mailto: link's target. */
function emailsIn(cell: TableCell | undefined): string[] {
  if (!cell) return [];
  const found = [...cellText(cell).matchAll(EMAIL)].map((m) => m[0]);
  const walk = (node: Nodes) => {
    if (node.type === "link" && node.url.toLowerCase().startsWith("mailto:")) found.push(decodeURIComponentSafely(node.url.slice("mailto:".length).split("?")[0]!));
    if ("children" in node) for (const child of node.children) walk(child);
  };
  walk(cell);
  return [...new Set(found.map((email) => email.trim().toLowerCase()))].filter((email) => isSeatEmail(email) && email.length <= 320);
}

function decodeURIComponentSafely(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
const quote = (text: string, max = 60) => `“${text.length > max ? `${text.slice(0, max - 1)}…` : text}”`;
const listed = (names: string[]) => names.map((name) => quote(name, 40)).join(", ");

export type TSignOffTable = { seats: TSeat[]; warnings: string[] };

/**
 * The seats a table declares when it is a Go/No-Go table (see above), or null when it is not
 * one. `headings` are the plain texts of the headings the table sits under, outermost first.
 */
export function signOffTable(table: Table, headings: readonly string[]): TSignOffTable | null {
  const [header, ...rows] = table.children as [TableRow | undefined, ...TableRow[]];
  if (!header || rows.length === 0) return null;
  const columns = header.children.map((cell, index) => ({ index, name: cellText(cell), words: titleWords(cellText(cell)) }));
  const seatColumn = columns.find((c) => SEAT_COLUMN.test(c.words));
  const underSignOff = headings.some((heading) => SIGN_OFF_HEADING.test(titleWords(heading)));
  const hasDecision = columns.some((c) => c !== seatColumn && DECISION_COLUMN.test(c.words));
  if (!underSignOff && !(hasDecision && seatColumn)) return null;
  const nameColumn = seatColumn ?? columns[0]!;
  const peopleColumn = columns.find((c) => c !== nameColumn && PEOPLE_COLUMN.test(c.words));
  const decisionColumn = columns.find((c) => c !== nameColumn && c !== peopleColumn && DECISION_COLUMN.test(c.words));

  const seats = new Map<string, TSeat>();
  const warnings: string[] = [];
  const tooLong: string[] = [];
  let overLimit = 0;
  let decisions = 0;
  for (const row of rows) {
    const name = cellText(row.children[nameColumn.index]);
    if (SKIP_ROW.test(titleWords(name))) continue;
    if (name.length > SEAT_LIMITS.name) {
      tooLong.push(name);
      continue;
    }
    if (decisionColumn && cellText(row.children[decisionColumn.index])) decisions += 1;
    const emails = peopleColumn ? emailsIn(row.children[peopleColumn.index]) : [];
    const key = seatKey(name);
    const seat = seats.get(key);
    if (seat) {
      // The same role on two rows (two people for Engineering): one seat, both may fill it.
      for (const email of emails) if (!seat.users.includes(email) && seat.users.length < SEAT_LIMITS.people) seat.users.push(email);
      if (seat.users.length > 0 && seat.roles === ANY_MEMBER) seat.roles = [];
      continue;
    }
    if (seats.size >= SEAT_LIMITS.seats) {
      overLimit += 1;
      continue;
    }
    const roles = ROLE_SEATS.get(titleWords(name)) ?? (emails.length ? [] : ANY_MEMBER);
    seats.set(key, { key, name, roles, teams: [], users: emails.slice(0, SEAT_LIMITS.people), required: 1, releaseOnly: false });
  }
  if (seats.size === 0) return tooLong.length ? { seats: [], warnings: [`Skipped the sign-off rows ${listed(tooLong)}: a seat's name has at most ${SEAT_LIMITS.name} characters.`] } : null;

  const read = [...seats.values()];
  const where = headings.at(-1) ? ` under ${quote(headings.at(-1)!)}` : "";
  warnings.push(`Read ${read.length} sign-off seat${read.length === 1 ? "" : "s"} from the table${where}: ${listed(read.map((s) => s.name))}.`);
  const open = read.filter((s) => s.roles === ANY_MEMBER).map((s) => s.name);
  if (open.length) {
    warnings.push(
      `Any member may sign ${listed(open)}: the table names no email address for ${open.length === 1 ? "it" : "them"}. Name who may in the template editor (a team, a role or people).`,
    );
  }
  if (decisions > 0) warnings.push(`Not imported: the table's ${decisions} decision${decisions === 1 ? "" : "s"} under “${decisionColumn!.name}”. Each release is signed off in Preflight.`);
  if (tooLong.length) warnings.push(`Skipped the sign-off rows ${listed(tooLong)}: a seat's name has at most ${SEAT_LIMITS.name} characters.`);
  if (overLimit) warnings.push(`Skipped ${overLimit} more sign-off row${overLimit === 1 ? "" : "s"}: a release has at most ${SEAT_LIMITS.seats} seats.`);
  return { seats: read.map((seat) => ({ ...seat, roles: [...seat.roles] })), warnings };
}

/**
 * A document's sign-off with the seats its Go/No-Go tables add: "Sign-off:" lines come first
 * and win over a table row of the same name; a document with tables and no lines is signed by
 * the tables' seats alone (its release manager signs too only when a row says so).
 */
export function withTableSeats(declared: TDeclaredSignOff, tables: TSignOffTable[]): TDeclaredSignOff {
  const warnings = [...declared.warnings, ...tables.flatMap((t) => t.warnings)];
  const fromTables = tables.flatMap((t) => t.seats);
  if (fromTables.length === 0) {
    if (!declared.signOff && declared.rulesLine !== null) warnings.push(unusedRulesWarning(declared.rulesLine));
    return { ...declared, warnings };
  }
  const seats = [...(declared.signOff?.seats ?? [])];
  const skipped: string[] = [];
  for (const seat of fromTables) {
    if (seats.some((s) => s.key === seat.key)) skipped.push(seat.name);
    else if (seats.length < SEAT_LIMITS.seats) seats.push(seat);
    else skipped.push(seat.name);
  }
  if (skipped.length) warnings.push(`Skipped the sign-off table rows ${listed(skipped)}: a seat of that name comes earlier, or the release has ${SEAT_LIMITS.seats} seats already.`);
  const policy = ZSignOffPolicy.safeParse({ seats, ...declared.rules });
  if (!policy.success) return { ...declared, warnings: [...warnings, "Ignored the sign-off table: its rows do not make a valid sign-off."] };
  return { ...declared, signOff: policy.data, warnings };
}
