import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { storableText } from "@/lib/data/text";
import { checklistFromDraft, draftProblems } from "@/lib/domain/checklist/draft-checklist";
import { DEFAULT_DRAFT_SIGN_OFF, draftSignOff, editDraft, newDraftItem, newDraftSeat, newDraftSection, type TDraftContent } from "@/lib/domain/checklist/template-draft";
import { exportMarkdown } from "@/lib/domain/markdown/export-markdown";
import { parseChecklist, parseChecklistReference } from "@/lib/domain/markdown/parse-checklist";
import { formatSeatLine, formatSignOffLines, parseSignOffLine } from "@/lib/domain/markdown/sign-off-lines";
import { DEFAULT_SIGN_OFF_POLICY, isDefaultSignOffPolicy, seatKey, type TSeat, type TSignOffPolicy } from "@/lib/domain/sign-off/sign-off-policy";

// "Sign-off:" lines in a document's preamble: read on import (seats and rules, or a warning
// for a seat line that cannot be read), left alone when they are a document's own words,
// written back by the export, and never items.

function seat(name: string, fill: Partial<TSeat>): TSeat {
  return { key: seatKey(name), name, roles: [], teams: [], users: [], required: 1, releaseOnly: false, ...fill };
}

const DOCUMENT = [
  "# Checkout readiness",
  "",
  "Levels: Beta, GA",
  "",
  "Sign-off: Engineering (team: Checkout, SRE)",
  "Sign-off: Security (users: Sam@example.com, lee@example.com; signatures: 2)",
  "Sign-off: Release manager (role: release manager, admin)",
  "Sign-off rules: one person may fill several seats; no self-approval",
  "",
  "Sign-off: Jane Doe",
  "",
  "## Checks",
  "",
  "- [ ] Runbook written",
  "- [ ] Alerts configured",
  "",
].join("\n");

function parsed(source: string) {
  const result = parseChecklist(source);
  if (!result.ok) throw new Error(result.error);
  expect(result).toStrictEqual(parseChecklistReference(source));
  return result.checklist;
}

describe("sign-off lines: one line", () => {
  it("reads a seat's roles, teams, people and signatures", () => {
    expect(parseSignOffLine("Sign-off: Engineering (team: Checkout, SRE)")).toEqual({ kind: "seat", seat: seat("Engineering", { teams: ["Checkout", "SRE"] }) });
    expect(parseSignOffLine("  Sign-off: Security (users: Sam@Example.com, lee@example.com; signatures: 2)  ")).toEqual({
      kind: "seat",
      seat: seat("Security", { users: ["sam@example.com", "lee@example.com"], required: 2 }),
    });
    expect(parseSignOffLine("SIGN-OFF: Release manager (Roles: Release Managers, ADMIN)")).toEqual({
      kind: "seat",
      seat: seat("Release manager", { roles: ["RELEASE_MANAGER", "ADMIN"] }),
    });
    expect(parseSignOffLine("Sign-off: QA lead (role: member; team: QA; user: qa@example.com; signatures: 10)")).toEqual({
      kind: "seat",
      seat: seat("QA lead", { roles: ["MEMBER"], teams: ["QA"], users: ["qa@example.com"], required: 10 }),
    });
  });

  it("leaves a document's own sign-off words alone", () => {
    for (const line of [
      "Sign-off: Jane Doe",
      "Sign-off: Jane Doe (on leave)",
      "Sign-off: Jane Doe (backup: Sam)",
      "Sign-off:Security (team: AppSec)",
      "Signoff: Security (team: AppSec)",
      // Prose wrapped onto a line that begins in lower case is prose.
      "sign-off: Product (team: PM)",
      "Sign-off rules: see the wiki",
      "Levels: Beta, GA",
    ]) {
      expect(parseSignOffLine(line), line).toBeNull();
    }
  });

  it("skips a seat line with a part it cannot read, saying why", () => {
    const warning = (line: string) => {
      const read = parseSignOffLine(line);
      return read?.kind === "invalid" ? read.warning : read;
    };
    expect(warning("Sign-off: Security (role: wizard)")).toBe("Skipped the sign-off line “Sign-off: Security (role: wizard)”: “wizard” is not a role (say admin, release manager or member).");
    expect(warning("Sign-off: Security (team: AppSec; signatures: 0)")).toMatch(/signatures must be a whole number from 1 to 10\.$/);
    expect(warning("Sign-off: Security (team: AppSec; signatures: 11)")).toMatch(/signatures must be a whole number from 1 to 10\.$/);
    expect(warning("Sign-off: Security (users: sam; team: AppSec)")).toMatch(/“sam” is not an email address\.$/);
    expect(warning("Sign-off: Security (team: AppSec; owner: Sam)")).toMatch(/“owner” is not something a seat says/);
    expect(warning("Sign-off: Security (signatures: 2)")).toMatch(/it says nobody who may fill the seat/);
    expect(warning("Sign-off: (team: AppSec)")).toMatch(/it names no seat before the parentheses\.$/);
    expect(warning("Sign-off: Security (team: )")).toMatch(/“team:” names nothing\.$/);
    // Meant as seats, but not in the shape a seat line has: a warning, never a silent default.
    for (const line of ["Sign-off: Security (team: AppSec) (team: SRE)", "Sign-off: Security (team: AppSec) before GA", "Sign-off: Security (team: AppSec (EMEA))"]) {
      expect(warning(line), line).toMatch(/write it as “Sign-off: Name \(team: …; users: …\)”, the parentheses last and not nested\.$/);
    }
  });

  it("reads the rules line", () => {
    expect(parseSignOffLine("Sign-off rules: one person may fill several seats; no self-approval")).toEqual({
      kind: "rules",
      rules: { allowMultipleSeats: true, allowSelfApproval: false },
      unknown: [],
    });
    expect(parseSignOffLine("Sign-off rules: No self-approval.")).toEqual({ kind: "rules", rules: { allowSelfApproval: false }, unknown: [] });
    expect(parseSignOffLine("Sign-off rules: no self-approval; weekends off")).toEqual({ kind: "rules", rules: { allowSelfApproval: false }, unknown: ["weekends off"] });
  });

  it("writes a seat as the line it reads back, escaping what would split it", () => {
    expect(formatSeatLine(seat("Engineering", { teams: ["Checkout", "SRE"] }))).toBe("Sign-off: Engineering (teams: Checkout, SRE)");
    expect(formatSeatLine(seat("Legal", { teams: ["Legal"], users: ["ada@example.com"] }))).toBe("Sign-off: Legal (team: Legal; user: ada@example.com)");
    expect(formatSeatLine(seat("Security", { users: ["sam@example.com", "lee@example.com"], required: 2 }))).toBe(
      "Sign-off: Security (users: sam@example.com, lee@example.com; signatures: 2)",
    );
    expect(formatSeatLine(seat("Release manager", { roles: ["RELEASE_MANAGER", "ADMIN"] }))).toBe("Sign-off: Release manager (roles: release manager, admin)");
    const odd = seat("Ops (EU); on call", { teams: ["R&D, Berlin", "a;b"], roles: ["MEMBER"] });
    expect(formatSeatLine(odd)).toBe("Sign-off: Ops \\(EU\\)\\; on call (role: member; teams: R\\&D\\, Berlin, a\\;b)");
    expect(parseSignOffLine(formatSeatLine(odd))).toEqual({ kind: "seat", seat: odd });
  });

  it("writes nothing for the default policy, and the rules that differ from the defaults", () => {
    expect(formatSignOffLines(DEFAULT_SIGN_OFF_POLICY)).toEqual([]);
    expect(isDefaultSignOffPolicy({ ...DEFAULT_SIGN_OFF_POLICY, allowSelfApproval: false })).toBe(false);
    expect(formatSignOffLines({ ...DEFAULT_SIGN_OFF_POLICY, allowSelfApproval: false })).toEqual([
      "Sign-off: Release manager (roles: release manager, admin)",
      "Sign-off rules: no self-approval",
    ]);
  });
});

describe("sign-off lines in a document", () => {
  it("makes the policy of the seat lines and rules, and leaves no item of them", () => {
    const checklist = parsed(DOCUMENT);
    expect(checklist.signOff).toEqual({
      seats: [
        seat("Engineering", { teams: ["Checkout", "SRE"] }),
        seat("Security", { users: ["sam@example.com", "lee@example.com"], required: 2 }),
        seat("Release manager", { roles: ["RELEASE_MANAGER", "ADMIN"] }),
      ],
      allowMultipleSeats: true,
      allowSelfApproval: false,
    });
    expect(checklist.levels).toEqual(["Beta", "GA"]);
    expect(checklist.warnings).toEqual([]);
    expect(checklist.sections.map((s) => [s.title, s.items.map((i) => i.text)])).toEqual([["Checks", ["Runbook written", "Alerts configured"]]]);
  });

  it("leaves signOff out when no line names a seat (the default applies)", () => {
    const checklist = parsed("# Plain\n\nSign-off: Jane Doe\n\n- [ ] One\n");
    expect(checklist).not.toHaveProperty("signOff");
    expect(checklist.warnings).toEqual([]);
    expect(parsed("# Rules only\n\nSign-off rules: no self-approval\n\n- [ ] One\n").warnings).toEqual([
      "Ignored “Sign-off rules: no self-approval”: the document names no sign-off seat, so a release manager's sign-off applies.",
    ]);
  });

  it("warns of a seat line it skips and of a seat named twice, and keeps the others", () => {
    const checklist = parsed(
      ["# Gate", "", "Sign-off: Security (team: AppSec)", "Sign-off: Legal (role: lawyer)", "Sign-off: security (team: SRE)", "", "- [ ] One", ""].join("\n"),
    );
    expect(checklist.signOff?.seats).toEqual([seat("Security", { teams: ["AppSec"] })]);
    expect(checklist.warnings).toEqual([
      "Skipped the sign-off line “Sign-off: Legal (role: lawyer)”: “lawyer” is not a role (say admin, release manager or member).",
      "Skipped the second sign-off seat “security”: a seat of that name comes earlier.",
    ]);
  });

  it("reads a Levels line with seat lines right under it as levels and seats", () => {
    const checklist = parsed("# T\n\nLevels: Beta, GA\nSign-off: Security (team: AppSec)\n\n- [ ] One\n");
    expect(checklist.levels).toEqual(["Beta", "GA"]);
    expect(checklist.signOff?.seats.map((s) => s.name)).toEqual(["Security"]);
  });

  it("does not take a seat line inside a list item or a quote", () => {
    const checklist = parsed("# T\n\n- [ ] One\n  Sign-off: Security (team: AppSec)\n\n> Sign-off: Legal (team: Legal)\n\n- Sign-off: Ops (team: Ops)\n");
    expect(checklist).not.toHaveProperty("signOff");
  });
});

describe("sign-off lines: export → import", () => {
  const sections = [{ title: "Checks", items: [{ ...checkItem(), key: "runbook-written" }], sections: [] }];
  function checkItem() {
    return { key: "k", text: "Runbook written", detail: null, kind: "CHECK" as const, severity: "BLOCKING" as const, evidenceRequired: false, evidenceMaxAgeDays: null, requiredLevel: null, status: "OPEN" as const, owner: null, naReason: null, evidenceLinks: [], children: [] };
  }

  it("keeps a whole document's policy, writing it after the Levels line", () => {
    const policy: TSignOffPolicy = parsed(DOCUMENT).signOff!;
    const markdown = exportMarkdown({ title: "Checkout readiness", levels: ["Beta", "GA"], sections, signOff: policy });
    expect(markdown).toContain(
      [
        "Levels: Beta, GA",
        "",
        "Sign-off: Engineering (teams: Checkout, SRE)",
        "",
        "Sign-off: Security (users: sam@example.com, lee@example.com; signatures: 2)",
        "",
        "Sign-off: Release manager (roles: release manager, admin)",
        "",
        "Sign-off rules: one person may fill several seats; no self-approval",
        "",
        "## Checks",
      ].join("\n"),
    );
    const back = parsed(markdown);
    expect(back.signOff).toEqual(policy);
    expect(back.warnings).toEqual([]);
    expect(exportMarkdown(back)).toBe(markdown);
  });

  it("writes no line for the default policy, which import gives back as none", () => {
    const markdown = exportMarkdown({ title: "T", sections, signOff: DEFAULT_SIGN_OFF_POLICY });
    expect(markdown).not.toContain("Sign-off");
    expect(parsed(markdown)).not.toHaveProperty("signOff");
  });

  it("round-trips any seat name, team and person", () => {
    const text = (max: number) =>
      fc
        .string({ unit: "grapheme", minLength: 1, maxLength: max })
        .map((value) => storableText(value).trim().replace(/\s+/g, " "))
        .filter((value) => value.length > 0 && value.length <= max && value === storableText(value));
    const email = fc.tuple(fc.stringMatching(/^[a-z0-9._%+()'&;,-]{1,20}$/), fc.stringMatching(/^[a-z0-9.-]{1,20}$/)).map(([local, domain]) => `${local}@${domain}`);
    fc.assert(
      fc.property(text(60), fc.array(text(40), { maxLength: 4 }), fc.array(email, { maxLength: 3 }), fc.integer({ min: 1, max: 10 }), (name, teams, users, required) => {
        const uniqueTeams = [...new Map(teams.map((t) => [t.toLowerCase(), t])).values()];
        const uniqueUsers = [...new Set(users)];
        const one = seat(name, { roles: ["MEMBER"], teams: uniqueTeams, users: uniqueUsers, required });
        const policy: TSignOffPolicy = { seats: [one, seat("Release manager", { roles: ["RELEASE_MANAGER"] })].filter((s, i, all) => all.findIndex((o) => o.key === s.key) === i), allowMultipleSeats: false, allowSelfApproval: true };
        const back = parsed(exportMarkdown({ title: "T", sections, signOff: policy }));
        expect(back.signOff).toEqual(policy);
      }),
      { numRuns: 200 },
    );
  });
});

describe("sign-off seats in a draft", () => {
  function draft(): TDraftContent {
    let content: TDraftContent = { title: "T", levels: [], sections: [] };
    content = editDraft(content, { type: "section.add", parentId: "root", section: newDraftSection("s", "S") });
    return editDraft(content, { type: "item.add", parentId: "s", item: newDraftItem("i", "Check") });
  }

  it("publishes the default policy for a draft without seats, and what the seats say once edited", () => {
    expect(checklistFromDraft(draft(), [])).not.toHaveProperty("signOff");
    let content = editDraft(draft(), { type: "seat.add", seat: { ...newDraftSeat("sec", " Security "), teams: ["AppSec", " appsec ", ""], users: ["Sam@Example.com"], required: 2 } });
    content = editDraft(content, { type: "signOff.rules", patch: { allowSelfApproval: false } });
    expect(content.signOff?.seats.map((s) => s.id)).toEqual([DEFAULT_DRAFT_SIGN_OFF.seats[0]!.id, "sec"]);
    expect(draftProblems(content)).toEqual([]);
    expect(checklistFromDraft(content, []).signOff).toEqual({
      seats: [seat("Release manager", { roles: ["RELEASE_MANAGER", "ADMIN"] }), seat("Security", { teams: ["AppSec"], users: ["sam@example.com"], required: 2 })],
      allowMultipleSeats: false,
      allowSelfApproval: false,
    });
    const removed = editDraft(content, { type: "seat.remove", id: "sec" });
    expect(removed.signOff?.seats).toHaveLength(1);
    expect(editDraft(removed, { type: "seat.update", id: "nowhere", patch: { name: "X" } })).toBe(removed);
  });

  it("says what stops a publish: a seat without a name or anybody to fill it, a name twice, no seat at all", () => {
    let content = editDraft(draft(), { type: "seat.add", seat: newDraftSeat("blank") });
    content = editDraft(content, { type: "seat.add", seat: { ...newDraftSeat("twice", "release manager"), users: ["not-an-email"] } });
    expect(draftProblems(content).map((p) => [p.id, p.field, p.message])).toEqual([
      ["blank", "seatName", "A sign-off seat has no name."],
      ["blank", "seatFillers", "A sign-off seat says nobody who may fill it: choose a role, or name a team or people."],
      ["twice", "seatName", "Two sign-off seats are named “release manager”."],
      ["twice", "seatUsers", "The sign-off seat “release manager” names “not-an-email”, which is not an email address."],
    ]);
    const none = editDraft(draft(), { type: "seat.remove", id: DEFAULT_DRAFT_SIGN_OFF.seats[0]!.id });
    expect(draftProblems(none).map((p) => [p.id, p.field])).toEqual([["sign-off", "seats"]]);
  });

  it("opens a version's policy as seats to edit, and publishes it unchanged", () => {
    const policy = parsed(DOCUMENT).signOff!;
    let n = 0;
    const content: TDraftContent = { ...draft(), signOff: draftSignOff(policy, () => `seat-${++n}`) };
    expect(content.signOff?.seats.map((s) => s.id)).toEqual(["seat-1", "seat-2", "seat-3"]);
    expect(checklistFromDraft(content, []).signOff).toEqual(policy);
  });
});

describe("sign-off lines: many of them", () => {
  it("says at most 20 times why it skipped a line, and counts the rest", () => {
    const lines = Array.from({ length: 30 }, (_, i) => `Sign-off: Seat ${i} (role: wizard)`);
    const checklist = parsed(`# T\n\n${lines.join("\n")}\n\n- [ ] One\n`);
    expect(checklist.warnings).toHaveLength(21);
    expect(checklist.warnings.at(-1)).toBe("… and 10 more sign-off lines skipped or ignored.");
  });

  it("keeps 20 seats and skips the 21st", () => {
    const lines = Array.from({ length: 21 }, (_, i) => `Sign-off: Seat ${i} (team: T${i})`);
    const checklist = parsed(`# T\n\n${lines.join("\n")}\n\n- [ ] One\n`);
    expect(checklist.signOff?.seats).toHaveLength(20);
    expect(checklist.warnings).toEqual(["Skipped the sign-off seat “Seat 20”: a release has at most 20 seats."]);
  });
});
