import type { Root } from "mdast";
import { decodeInlineText, encodeInlineText, LINE_BREAK, trimSpacesAndTabs } from "@/lib/domain/markdown/inline-text";
import { rawContentSource } from "@/lib/domain/markdown/item-builder";
import { isSeatEmail } from "@/lib/domain/markdown/seat-words";
import { DEFAULT_SIGN_OFF_POLICY, isDefaultSignOffPolicy, SEAT_LIMITS, SEAT_ROLE_WORDS, seatKey, type TSeat, type TSeatRole, type TSignOffPolicy } from "@/lib/domain/sign-off/sign-off-policy";
import { ZSeat, ZSignOffPolicy } from "@/lib/domain/sign-off/sign-off-policy-schema";

// Who signs a release off (sign-off-policy.ts), as a document says it: a paragraph line per
// seat outside any list, like the "Levels:" line (item-levels.ts), and a line of rules:
//
//   Sign-off: Engineering (team: Checkout, SRE)
//   Sign-off: Security (users: sam@example.com, lee@example.com; signatures: 2)
//   Sign-off: Release manager (role: release manager, admin)
//   Sign-off rules: one person may fill several seats; no self-approval
//
// A seat line is "Sign-off:", the seat's name, and one pair of parentheses that ends the line
// and holds ";"-separated parts, at least one of them "role(s):", "team(s):", "user(s):" or
// "signature(s):". Anything else ("Sign-off: Jane Doe", "Sign-off: Jane (on leave)") is the
// document's own words and stays so, silently. A line of that shape with a part that cannot
// be read (an unknown role, "signatures: 0") is skipped with a warning. A rules line is read
// when it names at least one rule. Names, teams and people are text: the export escapes the
// characters that would split them ("(", ")", ";", ",") and the reader decodes Markdown's
// escapes and character references, so export → import gives them back.

const SEAT_LABEL = "sign-off:";
const RULES_LABEL = "sign-off rules:";
const ASCII_PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
/** A character reference, as micromark reads one ("&#44;", "&#x2C;", "&amp;"). */
const REFERENCE = /&(?:#\d{1,7}|#[xX][\dA-Fa-f]{1,6}|[A-Za-z][A-Za-z\d]{0,31});/y;

/** Where `text` holds one of `chars` as syntax: not escaped by a backslash, not inside a character reference. */
function syntaxIndexes(text: string, chars: string): number[] {
  const found: number[] = [];
  for (let at = 0; at < text.length; at += 1) {
    const char = text[at]!;
    if (char === "\\" && at + 1 < text.length && ASCII_PUNCTUATION.includes(text[at + 1]!)) {
      at += 1;
      continue;
    }
    if (char === "&") {
      REFERENCE.lastIndex = at;
      if (REFERENCE.test(text)) {
        at = REFERENCE.lastIndex - 1;
        continue;
      }
    }
    if (chars.includes(char)) found.push(at);
  }
  return found;
}

/** `text` cut at each of `chars` that is syntax, the pieces without spaces and tabs at their ends. */
function splitAt(text: string, chars: string): string[] {
  const pieces: string[] = [];
  let from = 0;
  for (const at of syntaxIndexes(text, chars)) {
    pieces.push(trimSpacesAndTabs(text.slice(from, at)));
    from = at + 1;
  }
  pieces.push(trimSpacesAndTabs(text.slice(from)));
  return pieces;
}

/** A value as the export writes it inside a seat line: inline text, with the characters that split a line escaped. */
function encodeSeatValue(value: string): string {
  const encoded = encodeInlineText(value);
  const splitters = new Set(syntaxIndexes(encoded, "(),;"));
  let written = "";
  for (let at = 0; at < encoded.length; at += 1) written += splitters.has(at) ? `\\${encoded[at]}` : encoded[at];
  return written;
}

const words = (text: string) => decodeInlineText(text).trim().replace(/\s+/g, " ").toLowerCase();
const excerpt = (text: string, max = 80) => `“${text.length > max ? `${text.slice(0, max - 1)}…` : text}”`;

const ROLE_BY_WORD = new Map<string, TSeatRole>([
  ...Object.entries(SEAT_ROLE_WORDS).map(([role, word]) => [word, role as TSeatRole] as const),
  ["administrator", "ADMIN"],
  ["release-manager", "RELEASE_MANAGER"],
  ["release_manager", "RELEASE_MANAGER"],
]);

/** "Release managers", "admin" → the role; null for any other word. */
function roleOf(word: string): TSeatRole | null {
  const normal = words(word);
  return ROLE_BY_WORD.get(normal) ?? (normal.endsWith("s") ? (ROLE_BY_WORD.get(normal.slice(0, -1)) ?? null) : null);
}

type TPartKey = "roles" | "teams" | "users" | "required";
const PART_KEYS = new Map<string, TPartKey>([
  ["role", "roles"],
  ["roles", "roles"],
  ["team", "teams"],
  ["teams", "teams"],
  ["user", "users"],
  ["users", "users"],
  ["signature", "required"],
  ["signatures", "required"],
]);

export type TSignOffRules = Pick<TSignOffPolicy, "allowMultipleSeats" | "allowSelfApproval">;

const RULE_PHRASES = new Map<string, Partial<TSignOffRules>>([
  ["one person may fill several seats", { allowMultipleSeats: true }],
  ["one person may fill multiple seats", { allowMultipleSeats: true }],
  ["one seat per person", { allowMultipleSeats: false }],
  ["no self-approval", { allowSelfApproval: false }],
  ["no self approval", { allowSelfApproval: false }],
  ["self-approval allowed", { allowSelfApproval: true }],
]);
const MULTIPLE_SEATS_RULE = "one person may fill several seats";
const NO_SELF_APPROVAL_RULE = "no self-approval";

export type TSignOffLine =
  | { kind: "seat"; seat: TSeat }
  | { kind: "rules"; rules: Partial<TSignOffRules>; unknown: string[] }
  /** A seat line that cannot be read: skipped, with this warning. */
  | { kind: "invalid"; warning: string };

/**
 * The text after a label ("Sign-off:", any case but a capital first letter, as a line that
 * starts a statement has) and a space or tab, or null when the line does not start with it:
 * prose wrapped onto a line beginning "sign-off: …" stays prose.
 */
function afterLabel(line: string, label: string): string | null {
  const head = line.slice(0, label.length);
  if (head.toLowerCase() !== label || head[0] !== head[0]?.toUpperCase()) return null;
  const next = line[label.length];
  return next === " " || next === "\t" ? trimSpacesAndTabs(line.slice(label.length)) : null;
}

function readRules(body: string): TSignOffLine | null {
  const rules: Partial<TSignOffRules> = {};
  const unknown: string[] = [];
  let isRead = false;
  for (const phrase of splitAt(body, ";,").filter(Boolean)) {
    const rule = RULE_PHRASES.get(words(phrase).replace(/\.$/, ""));
    if (rule) {
      Object.assign(rules, rule);
      isRead = true;
    } else {
      unknown.push(decodeInlineText(phrase));
    }
  }
  return isRead ? { kind: "rules", rules, unknown } : null;
}

function readSeat(line: string, body: string): TSignOffLine | null {
  // NAME (PARTS): one pair of parentheses, its ")" the line's last character.
  const parens = syntaxIndexes(body, "()");
  if (parens.length !== 2 || body[parens[0]!] !== "(" || parens[1] !== body.length - 1) {
    // Meant as a seat ("… (team: AppSec) before GA", nested parentheses) but not readable: say so.
    return SEAT_PART_MENTION.test(body)
      ? { kind: "invalid", warning: `Skipped the sign-off line ${excerpt(trimSpacesAndTabs(line))}: write it as “Sign-off: Name (team: …; users: …)”, the parentheses last and not nested.` }
      : null;
  }
  const parts = splitAt(body.slice(parens[0]! + 1, -1), ";")
    .filter(Boolean)
    .map((raw) => {
      const colon = syntaxIndexes(raw, ":")[0];
      return colon === undefined ? { raw, key: null, value: "" } : { raw, key: words(raw.slice(0, colon)), value: trimSpacesAndTabs(raw.slice(colon + 1)) };
    });
  if (!parts.some((part) => part.key !== null && PART_KEYS.has(part.key))) return null;

  const skip = (why: string): TSignOffLine => ({ kind: "invalid", warning: `Skipped the sign-off line ${excerpt(trimSpacesAndTabs(line))}: ${why}.` });
  const name = decodeInlineText(body.slice(0, parens[0])).trim();
  if (!name) return skip("it names no seat before the parentheses");
  if (name.length > SEAT_LIMITS.name) return skip(`a seat's name has at most ${SEAT_LIMITS.name} characters`);
  const roles = new Set<TSeatRole>();
  const teams = new Map<string, string>();
  const users = new Set<string>();
  let required = 1;
  for (const part of parts) {
    const key = part.key === null ? undefined : PART_KEYS.get(part.key);
    if (part.key === null) return skip(`${excerpt(decodeInlineText(part.raw), 40)} does not say what it is (say role:, team:, users: or signatures:)`);
    if (key === undefined) return skip(`${excerpt(part.key, 40)} is not something a seat says (say role, team, users or signatures)`);
    const values = splitAt(part.value, ",")
      .map((value) => decodeInlineText(value).trim())
      .filter(Boolean);
    if (values.length === 0) return skip(`“${part.key}:” names nothing`);
    if (key === "required") {
      const count = values.length === 1 && /^\d{1,3}$/.test(values[0]!) ? Number(values[0]) : 0;
      if (count < 1 || count > SEAT_LIMITS.required) return skip(`signatures must be a whole number from 1 to ${SEAT_LIMITS.required}`);
      required = count;
    } else if (key === "roles") {
      for (const value of values) {
        const role = roleOf(value);
        if (!role) return skip(`${excerpt(value, 40)} is not a role (say admin, release manager or member)`);
        roles.add(role);
      }
    } else if (key === "teams") {
      for (const value of values) {
        if (value.length > 100) return skip("a team's name has at most 100 characters");
        if (!teams.has(value.toLowerCase())) teams.set(value.toLowerCase(), value);
      }
    } else {
      for (const value of values) {
        if (!isSeatEmail(value) || value.length > 320) return skip(`${excerpt(value, 40)} is not an email address`);
        users.add(value.toLowerCase());
      }
    }
  }
  if (teams.size > SEAT_LIMITS.people) return skip(`a seat names at most ${SEAT_LIMITS.people} teams`);
  if (users.size > SEAT_LIMITS.people) return skip(`a seat names at most ${SEAT_LIMITS.people} people`);
  if (roles.size + teams.size + users.size === 0) return skip("it says nobody who may fill the seat (give a role, a team or users)");
  const seat = ZSeat.safeParse({ key: seatKey(name), name, roles: [...roles], teams: [...teams.values()], users: [...users], required, releaseOnly: false });
  return seat.success ? { kind: "seat", seat: seat.data } : skip("it is not a valid seat");
}

/**
 * What one line of a paragraph says about sign-off: a seat, the rules, a seat line that
 * cannot be read (with a warning), or null when it is none of these (then it is text).
 */
export function parseSignOffLine(line: string): TSignOffLine | null {
  const text = trimSpacesAndTabs(line);
  const rules = afterLabel(text, RULES_LABEL);
  if (rules !== null) return readRules(rules);
  const seat = afterLabel(text, SEAT_LABEL);
  return seat === null ? null : readSeat(text, seat);
}

/** Whether a line is one the sign-off reader takes (a seat, the rules, or a seat line it skips with a warning). */
export function isSignOffLine(line: string): boolean {
  return parseSignOffLine(line) !== null;
}

const MENTIONS_SIGN_OFF = /sign-off/i;
/** A seat's part named inside parentheses: "(team: …", "; users: …". */
const SEAT_PART_MENTION = /[(;]\s*(roles?|teams?|users?|signatures?)\s*:/i;
/** Warnings about sign-off lines a document gets at most, then one that counts the rest. */
const MAX_WARNINGS = 20;

export type TDeclaredSignOff = {
  /** Null when the document names no seat: the default policy applies. */
  signOff: TSignOffPolicy | null;
  warnings: string[];
  /** The rules the document's lines state (the defaults where they say none), for seats read elsewhere (a Go/No-Go table). */
  rules: TSignOffRules;
  /** The first rules line, to name in a warning when no seat comes to use it. */
  rulesLine: string | null;
};

/** The warning for a rules line in a document that names no seat at all. */
export const unusedRulesWarning = (rulesLine: string) => `Ignored ${excerpt(rulesLine)}: the document names no sign-off seat, so a release manager's sign-off applies.`;

/** The sign-off policy a document's paragraphs outside any list declare (see above). */
export function declaredSignOff(tree: Root, source: string): TDeclaredSignOff {
  const seats: TSeat[] = [];
  const warnings: string[] = [];
  const rules: TSignOffRules = { allowMultipleSeats: DEFAULT_SIGN_OFF_POLICY.allowMultipleSeats, allowSelfApproval: DEFAULT_SIGN_OFF_POLICY.allowSelfApproval };
  let rulesLine: string | null = null;
  for (const node of tree.children) {
    if (node.type !== "paragraph") continue;
    const text = rawContentSource(node, source);
    if (!MENTIONS_SIGN_OFF.test(text)) continue;
    for (const line of text.split(LINE_BREAK)) {
      const read = parseSignOffLine(line);
      if (read === null) continue;
      if (read.kind === "invalid") {
        warnings.push(read.warning);
      } else if (read.kind === "rules") {
        Object.assign(rules, read.rules);
        rulesLine ??= trimSpacesAndTabs(line);
        for (const phrase of read.unknown) {
          warnings.push(`Ignored ${excerpt(phrase, 60)} in the sign-off rules: say “${MULTIPLE_SEATS_RULE}” or “${NO_SELF_APPROVAL_RULE}”.`);
        }
      } else if (seats.some((seat) => seat.key === read.seat.key)) {
        warnings.push(`Skipped the second sign-off seat ${excerpt(read.seat.name, 60)}: a seat of that name comes earlier.`);
      } else if (seats.length >= SEAT_LIMITS.seats) {
        warnings.push(`Skipped the sign-off seat ${excerpt(read.seat.name, 60)}: a release has at most ${SEAT_LIMITS.seats} seats.`);
      } else {
        seats.push(read.seat);
      }
    }
  }
  if (warnings.length > MAX_WARNINGS) warnings.splice(MAX_WARNINGS, warnings.length, `… and ${warnings.length - MAX_WARNINGS} more sign-off lines skipped or ignored.`);
  // No seat here: the rules wait for a Go/No-Go table's seats (sign-off-table.ts), which warns when none come.
  if (seats.length === 0) return { signOff: null, warnings, rules, rulesLine };
  const policy = ZSignOffPolicy.safeParse({ seats, ...rules });
  if (!policy.success) return { signOff: null, warnings: [...warnings, "Ignored the sign-off seats: they do not make a valid sign-off; a release manager's sign-off applies."], rules, rulesLine };
  return { signOff: policy.data, warnings, rules, rulesLine };
}

/** The "Sign-off: Name (role: …; team: …; users: …; signatures: N)" line the export writes for a seat. */
export function formatSeatLine(seat: TSeat): string {
  const list = (singular: string, values: readonly string[]) => `${values.length === 1 ? singular : `${singular}s`}: ${values.join(", ")}`;
  const parts = [
    ...(seat.roles.length ? [list("role", seat.roles.map((role) => SEAT_ROLE_WORDS[role]))] : []),
    ...(seat.teams.length ? [list("team", seat.teams.map(encodeSeatValue))] : []),
    ...(seat.users.length ? [list("user", seat.users.map(encodeSeatValue))] : []),
    ...(seat.required !== 1 ? [`signatures: ${seat.required}`] : []),
  ];
  return `Sign-off: ${encodeSeatValue(seat.name)} (${parts.join("; ")})`;
}

/** The lines the export writes for a policy: a line per seat, then the rules that differ from the defaults. None for the default policy. */
export function formatSignOffLines(policy: TSignOffPolicy): string[] {
  if (isDefaultSignOffPolicy(policy)) return [];
  const rules = [...(policy.allowMultipleSeats ? [MULTIPLE_SEATS_RULE] : []), ...(policy.allowSelfApproval ? [] : [NO_SELF_APPROVAL_RULE])];
  return [...policy.seats.map(formatSeatLine), ...(rules.length ? [`Sign-off rules: ${rules.join("; ")}`] : [])];
}
