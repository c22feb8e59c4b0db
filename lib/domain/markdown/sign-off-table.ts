import type { Nodes, Table, TableCell, TableRow } from "mdast";
import { toString } from "mdast-util-to-string";
import { titleWords } from "@/lib/domain/markdown/classify-section";
import { hasItemColumn } from "@/lib/domain/markdown/parse-table";
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
// Each row becomes a sign-off seat (sign-off-policy.ts). A table is read so when it has no
// column of checks (Item, Check, Task, Criteria…: that is a checklist, parse-table.ts) and
// either its own heading is a sign-off heading as a whole ("Sign-off", "Approvals", "Go/No-Go",
// "Go/No-Go decision", "Signatures"; not "Sign-off criteria" or "Change approvals"), or it
// has a go/no-go or sign-off column beside a column of roles (Function, Team, Role, Area…).
// The seat's name is the row's role (else the first column that is not numbering); email
// addresses (written, or mailto: links) in its people column (Owner, Approver, Name,
// Signed off by…) are who may fill it; a table of people only ("| Approver | Decision |")
// makes a seat per person. A role's own name ("Release manager") is that role. A seat the
// table names nobody for by email is open to any member, and the import says so: the
// template editor narrows it. Decisions are not carried over: every release is signed in
// Preflight.

const QUALIFIER = /^(?:release|launch|go live|golive|final|production|prod|deployment|required|formal|stakeholder|management) /;
const SIGN_OFF_HEADING =
  /^(?:(?:sign ?offs?|signoffs?|signatures?|signatories|approvals?|approvers?)(?: (?:table|matrix|sheet|record|board|status|list))?|(?:sign ?offs?|signoffs?) (?:and )?approvals?|approvals? (?:and )?(?:sign ?offs?|signoffs?)|go no go(?: (?:sign ?offs?|signoffs?|decisions?|meeting|table|matrix|approvals?|votes?|status|board|review|poll))?)$/;
/** A column that says, row by row, whether a voice signed: enough, beside a column of roles, under any heading. */
const SIGN_OFF_COLUMN = /^(?:go no go|go nogo|go or no go|sign ?off|signed off|signoff|approved|approval)(?: (?:decision|status|y n|yes no))?$|^(?:decision|status) go no go$/;
/** A decision column under a sign-off heading. */
const DECISION_COLUMN = /^(?:decisions?|status|vote|result|go)$/;
const SEAT_COLUMN =
  /^(?:(?:sign ?off |approver |role )?(?:role|roles|function|functions|team|teams|area|areas|seat|seats|discipline|department|dept|stakeholder|stakeholders|group|organisation|organization|org|functional area|domain|title|position|job title|capacity|responsibility)(?: (?:name|title))?|function team|role team|team function)$/;
const PEOPLE_COLUMN =
  /^(?:(?:sign ?off|signed off|approved|reviewed|signed) by|(?:approver|owner|reviewer|signer|signatory|signatories|person|contact|lead|representative|name|sign ?off owner)s?(?: s)?(?: (?:name|email|e mail))?|names?|people|who|dri|responsible|accountable|e ?mail(?: address)?|name e ?mail)$/;
const NUMBERING_HEADER = /^(?:|no|nr|num|number|n|id|step)$/;
const DATE_HEADER = /^(?:date|dated|when|time|signed on|date signed|signature date)$/;
const SKIP_ROW = /^(?:total|overall|result|results|consolidated|consolidated status|final decision|overall decision|summary)$/;
/** A cell that states a decision (so the warning can say one was left out), not a placeholder. */
const DECISION_VALUE = /^(?:go|no go|nogo|yes|no|y|n|approved|approve|rejected|reject|signed|signed off|conditional go|go with (?:exceptions|conditions))\b/;
const DECISION_MARK = /^(?:\u2705|\u2714|\u2611|\u274C|\u2717|\u2718|\u2612|:white_check_mark:|:heavy_check_mark:|:x:)/u;
/** What a cell's text is cut at to find email addresses: linear, no backtracking. */
const EMAIL_SEPARATORS = /[\s<>()[\]{},;:"'`|]+/u;
const ANY_MEMBER: readonly TSeatRole[] = ["ADMIN", "RELEASE_MANAGER", "MEMBER"];
const ROLE_SEATS = new Map<string, TSeatRole[]>([
  ["release manager", ["RELEASE_MANAGER", "ADMIN"]],
  ["release managers", ["RELEASE_MANAGER", "ADMIN"]],
  ["admin", ["ADMIN"]],
  ["administrator", ["ADMIN"]],
]);

const cellText = (cell: TableCell | undefined) => (cell ? toString(cell).replace(/<br\s*\/?>/gi, " ").replace(/\s+/g, " ").trim() : "");
const quote = (text: string, max = 60) => `“${text.length > max ? `${text.slice(0, max - 1)}…` : text}”`;
const listed = (names: readonly string[]) => names.map((name) => quote(name, 40)).join(", ");
const rows = (count: number) => `${count === 1 ? "row" : "rows"}`;
/** Whether a name has something to name a seat by: a letter, a digit or an emoji (not only dashes or "???"). */
const isNamed = (name: string) => /[\p{L}\p{N}\p{Extended_Pictographic}]/u.test(name);

function decodeSafely(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** The email addresses in a piece of text, lower case, in order, each once. */
function emailsInText(text: string): string[] {
  return text
    .split(EMAIL_SEPARATORS)
    .map((token) => token.replace(/^mailto:/i, "").replace(/[.!?]+$/, ""))
    .filter((token) => isSeatEmail(token) && token.length <= 320 && token.slice(token.indexOf("@") + 1).includes("."))
    .map((token) => token.toLowerCase());
}

/** The email addresses a cell names: in its text, or as a mailto: link's target. */
function emailsIn(cell: TableCell | undefined): string[] {
  if (!cell) return [];
  const found = emailsInText(cellText(cell));
  const walk = (node: Nodes) => {
    if (node.type === "link" && node.url.toLowerCase().startsWith("mailto:")) found.push(...emailsInText(decodeSafely(node.url.slice("mailto:".length).split("?")[0]!)));
    if ("children" in node) for (const child of node.children) walk(child);
  };
  walk(cell);
  return [...new Set(found)];
}

/** A person's cell as a seat's name: its words that are not email addresses, without brackets, else the first address. */
function personName(text: string, emails: readonly string[]): string {
  const name = text
    .split(" ")
    .filter((word) => emailsInText(word).length === 0)
    .join(" ")
    .replace(/[<>()[\]]/g, " ")
    .replace(/\s*[,;]?\s*$/, "")
    .replace(/\s+/g, " ")
    .trim();
  return isNamed(name) ? name : (emails[0] ?? name);
}

type TColumn = { index: number; name: string; words: string };

/** A table's seats (each with whether the table named anyone for it), what the import says about its rows, and the heading it sits under. */
export type TSignOffTable = { heading: string; seats: { seat: TSeat; isOpen: boolean }[]; notes: string[] };

/**
 * The seats a table declares when it is a Go/No-Go table (see above), or null when it is not
 * one. `heading` is the plain text of the heading the table sits under (the document's title
 * for a table before any section), or null.
 */
export function signOffTable(table: Table, heading: string | null): TSignOffTable | null {
  const [header, ...body] = table.children as [TableRow | undefined, ...TableRow[]];
  if (!header || body.length === 0 || hasItemColumn(table)) return null;
  const columns: TColumn[] = header.children.map((cell, index) => ({ index, name: cellText(cell), words: titleWords(cellText(cell)) }));
  const headingWords = heading === null ? "" : titleWords(heading).replace(QUALIFIER, "");
  const underSignOff = SIGN_OFF_HEADING.test(headingWords);
  const seatColumn = columns.find((c) => SEAT_COLUMN.test(c.words));
  const signOffColumn = columns.find((c) => c !== seatColumn && SIGN_OFF_COLUMN.test(c.words));
  if (!underSignOff && !(signOffColumn && seatColumn)) return null;

  const isNumbering = (c: TColumn) => NUMBERING_HEADER.test(c.words) && body.every((row) => /^(?:#?\d+[.)]?)?$/.test(cellText(row.children[c.index])));
  const decisionColumn = signOffColumn ?? columns.find((c) => c !== seatColumn && DECISION_COLUMN.test(c.words));
  const nameColumn = seatColumn ?? columns.find((c) => c !== decisionColumn && !isNumbering(c) && !DATE_HEADER.test(c.words));
  if (!nameColumn) return null;
  const columnHasEmails = (c: TColumn | undefined) => c !== undefined && body.some((row) => emailsIn(row.children[c.index]).length > 0);
  let peopleColumn = columns.find((c) => c !== nameColumn && c !== decisionColumn && PEOPLE_COLUMN.test(c.words));
  // "| Team | Sign-off |" with addresses under Sign-off: the column names people, not decisions.
  const decisionsArePeople = !peopleColumn && columnHasEmails(decisionColumn);
  if (decisionsArePeople) peopleColumn = decisionColumn;
  // "| Approver | Decision |": a table of people, a seat per person.
  const isPersonTable = !peopleColumn && !seatColumn && columnHasEmails(nameColumn);

  const seats = new Map<string, TSeat>();
  const open = new Set<string>();
  const notes: string[] = [];
  const tooLong: string[] = [];
  const capped = new Set<string>();
  let unnamed = 0;
  let decisions = 0;
  for (const row of body) {
    const cells = row.children;
    const text = cellText(cells[nameColumn.index]);
    const emails = isPersonTable ? emailsIn(cells[nameColumn.index]) : peopleColumn ? emailsIn(cells[peopleColumn.index]) : [];
    const name = isPersonTable ? personName(text, emails) : text;
    if (!isNamed(name)) {
      if (cells.some((cell) => isNamed(cellText(cell)))) unnamed += 1;
      continue;
    }
    if (SKIP_ROW.test(titleWords(name))) continue;
    if (name.length > SEAT_LIMITS.name) {
      tooLong.push(name);
      continue;
    }
    if (decisionColumn && !decisionsArePeople) {
      const decision = cellText(cells[decisionColumn.index]);
      if (DECISION_MARK.test(decision) || DECISION_VALUE.test(titleWords(decision))) decisions += 1;
    }
    const key = seatKey(name);
    const seat = seats.get(key) ?? { key, name, roles: [...(ROLE_SEATS.get(titleWords(name)) ?? [])], teams: [], users: [], required: 1, releaseOnly: false };
    seats.set(key, seat);
    // The same role on two rows (two people for Engineering): one seat, both may fill it.
    for (const email of emails) {
      if (seat.users.includes(email)) continue;
      if (seat.users.length < SEAT_LIMITS.people) seat.users.push(email);
      else capped.add(seat.name);
    }
  }
  for (const seat of seats.values()) {
    if (seat.roles.length + seat.users.length > 0) continue;
    seat.roles = [...ANY_MEMBER];
    open.add(seat.key);
  }
  if (seats.size === 0 && tooLong.length === 0 && unnamed === 0) return null;

  const column = decisionColumn ? quote(decisionColumn.name || "decision", 40) : "";
  if (decisions > 0) notes.push(`Not imported: the table's ${decisions} decision${decisions === 1 ? "" : "s"} under ${column}. Each release is signed off in Preflight.`);
  if (tooLong.length) notes.push(`Skipped the sign-off ${rows(tooLong.length)} ${listed(tooLong)}: a seat's name has at most ${SEAT_LIMITS.name} characters.`);
  if (unnamed) notes.push(`Skipped ${unnamed} sign-off ${rows(unnamed)} that name${unnamed === 1 ? "s" : ""} no seat.`);
  for (const name of capped) notes.push(`${quote(name, 40)}: kept the first ${SEAT_LIMITS.people} people; a seat names at most ${SEAT_LIMITS.people}.`);
  return { heading: heading ?? "", seats: [...seats.values()].map((seat) => ({ seat, isOpen: open.has(seat.key) })), notes };
}

/**
 * A document's sign-off with the seats its Go/No-Go tables add: "Sign-off:" lines come first
 * and win over a table row of the same name; a document with tables and no lines is signed by
 * the tables' seats alone (its release manager signs too only when a row says so). What the
 * import says about each table names the seats it kept.
 */
export function withTableSeats(declared: TDeclaredSignOff, tables: TSignOffTable[]): TDeclaredSignOff {
  const warnings = [...declared.warnings];
  const seats = [...(declared.signOff?.seats ?? [])];
  for (const table of tables) {
    const kept: { seat: TSeat; isOpen: boolean }[] = [];
    const named: string[] = [];
    const overLimit: string[] = [];
    for (const entry of table.seats) {
      if (seats.some((s) => s.key === entry.seat.key)) named.push(entry.seat.name);
      else if (seats.length >= SEAT_LIMITS.seats) overLimit.push(entry.seat.name);
      else {
        seats.push(entry.seat);
        kept.push(entry);
      }
    }
    const where = table.heading ? ` under ${quote(table.heading)}` : "";
    if (kept.length) warnings.push(`Read ${kept.length} sign-off seat${kept.length === 1 ? "" : "s"} from the table${where}: ${listed(kept.map((k) => k.seat.name))}.`);
    const open = kept.filter((k) => k.isOpen).map((k) => k.seat.name);
    if (open.length) {
      warnings.push(`Any member may sign ${listed(open)}: the table names no email address for ${open.length === 1 ? "it" : "them"}. Name who may in the template editor (a team, a role or people).`);
    }
    warnings.push(...table.notes);
    if (named.length) warnings.push(`Skipped the sign-off table ${rows(named.length)} ${listed(named)}: a seat of that name comes earlier.`);
    if (overLimit.length) warnings.push(`Skipped the sign-off table ${rows(overLimit.length)} ${listed(overLimit)}: a release has at most ${SEAT_LIMITS.seats} seats.`);
  }
  if (seats.length === (declared.signOff?.seats.length ?? 0)) {
    if (!declared.signOff && declared.rulesLine !== null) warnings.push(unusedRulesWarning(declared.rulesLine));
    return { ...declared, warnings };
  }
  const policy = ZSignOffPolicy.safeParse({ seats, ...declared.rules });
  if (!policy.success) return { ...declared, warnings: [...warnings, "Ignored the sign-off tables: their rows do not make a valid sign-off."] };
  return { ...declared, signOff: policy.data, warnings };
}
