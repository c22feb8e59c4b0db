import { describe, expect, it } from "vitest";
import type { TChecklist } from "@/lib/domain/checklist/types";
import { exportMarkdown } from "@/lib/domain/markdown/export-markdown";
import { parseChecklist } from "@/lib/domain/markdown/parse-checklist";

// A Go/No-Go table in a readiness document (a row per voice that must say go) becomes the
// template's sign-off seats; tables that are checklists or contacts do not.

function parsed(source: string): TChecklist {
  const result = parseChecklist(source);
  if (!result.ok) throw new Error(result.error);
  return result.checklist;
}
const seatsOf = (checklist: TChecklist) => checklist.signOff?.seats.map(({ name, roles, users }) => ({ name, roles, users })) ?? null;
const itemTexts = (checklist: TChecklist) => checklist.sections.flatMap((s) => s.items.map((i) => i.text));
const ANY_MEMBER = ["ADMIN", "RELEASE_MANAGER", "MEMBER"];

const GO_NO_GO = `# Payments v3 launch

## Checks

- [ ] Load test passed
- [x] Runbook written

## Go/No-Go sign-off

| Function | Owner | Decision | Comments |
| --- | --- | --- | --- |
| Engineering | Alice Ng <alice@example.com> | Go | |
| Security | Bob Lee | Pending | pen test on Friday |
| QA | carol@example.com | | |
| Operations | [SRE on call](mailto:Oncall@example.com?subject=go) | | |
| Product | Dana | | |
| **Overall** | | | |
`;

describe("Go/No-Go tables as sign-off seats", () => {
  it("makes a seat of every row, who may fill it from the emails it names, and says what it did", () => {
    const checklist = parsed(GO_NO_GO);
    expect(seatsOf(checklist)).toEqual([
      { name: "Engineering", roles: [], users: ["alice@example.com"] },
      { name: "Security", roles: ANY_MEMBER, users: [] },
      { name: "QA", roles: [], users: ["carol@example.com"] },
      { name: "Operations", roles: [], users: ["oncall@example.com"] },
      { name: "Product", roles: ANY_MEMBER, users: [] },
    ]);
    expect(checklist.signOff).toMatchObject({ allowMultipleSeats: false, allowSelfApproval: true });
    // The table is not items, and nothing is lost silently.
    expect(itemTexts(checklist)).toEqual(["Load test passed", "Runbook written"]);
    expect(checklist.warnings).toEqual([
      "Read 5 sign-off seats from the table under “Go/No-Go sign-off”: “Engineering”, “Security”, “QA”, “Operations”, “Product”.",
      "Any member may sign “Security”, “Product”: the table names no email address for them. Name who may in the template editor (a team, a role or people).",
      // "Go" is a decision; "Pending" is not.
      "Not imported: the table's 1 decision under “Decision”. Each release is signed off in Preflight.",
    ]);
  });

  it("names seats by the role column of a signature table, a release manager's row by that role, and one seat for a role on two rows", () => {
    const checklist = parsed(`# Release plan

- [ ] Tag the release

## Approvals

| Name | Role | Signature | Date |
|------|------|-----------|------|
| Jane Roe (jane@example.com) | Engineering lead | | |
| Sam Poe, sam@example.com | Engineering lead | | |
| Rémi | Release manager | | |
`);
    expect(seatsOf(checklist)).toEqual([
      { name: "Engineering lead", roles: [], users: ["jane@example.com", "sam@example.com"] },
      { name: "Release manager", roles: ["RELEASE_MANAGER", "ADMIN"], users: [] },
    ]);
  });

  it("reads a table with a decision column beside a column of roles under any heading", () => {
    const checklist = parsed(`# Launch\n\n- [ ] Ship it\n\n## Launch meeting\n\n| Team | Go/No-Go |\n| - | - |\n| Platform | |\n| Mobile | |\n`);
    expect(seatsOf(checklist)?.map((s) => s.name)).toEqual(["Platform", "Mobile"]);
  });

  it("leaves other tables alone: contacts stay content, a checklist table under a sign-off heading stays items", () => {
    const contacts = parsed(`# Launch\n\n- [ ] Ship it\n\n## Contacts\n\n| Team | Contact | Slack |\n| - | - | - |\n| SRE | ops@example.com | #sre |\n`);
    expect(contacts.signOff).toBeUndefined();
    expect(contacts.warnings).toEqual([]);

    const checks = parsed(`# Launch\n\n## Sign-off checks\n\n| Check | Owner | Status |\n| - | - | - |\n| Security review done | sam | Done |\n| QA passed | lee | |\n`);
    expect(checks.signOff).toBeUndefined();
    expect(itemTexts(checks)).toEqual(["Security review done", "QA passed"]);
  });

  it("puts the document's Sign-off: lines first: a table row of the same name does not replace one", () => {
    const checklist = parsed(`# Launch

Sign-off: Security (team: AppSec)

- [ ] Ship it

## Sign-off

| Role | Approver |
| - | - |
| Security | sec@example.com |
| QA | qa@example.com |
`);
    expect(checklist.signOff?.seats.map((s) => [s.name, s.teams, s.users])).toEqual([
      ["Security", ["AppSec"], []],
      ["QA", [], ["qa@example.com"]],
    ]);
    expect(checklist.warnings).toContain("Skipped the sign-off table row “Security”: a seat of that name comes earlier.");
  });

  it("applies the document's Sign-off rules line to the table's seats", () => {
    const checklist = parsed(`# Launch\n\nSign-off rules: no self-approval\n\n- [ ] Ship it\n\n## Sign-off\n\n| Role | Approver |\n| - | - |\n| QA | qa@example.com |\n`);
    expect(checklist.signOff).toMatchObject({ allowSelfApproval: false, seats: [{ name: "QA", users: ["qa@example.com"] }] });
    expect(checklist.warnings.some((w) => w.startsWith("Ignored"))).toBe(false);
    // Without a table (or a seat line), the rules line has nothing to apply to, and the import says so.
    expect(parsed(`# Launch\n\nSign-off rules: no self-approval\n\n- [ ] Ship it\n`).warnings).toEqual([
      "Ignored “Sign-off rules: no self-approval”: the document names no sign-off seat, so a release manager's sign-off applies.",
    ]);
  });

  it("exports the seats as Sign-off lines that import back to the same sign-off", () => {
    const checklist = parsed(GO_NO_GO);
    const again = parsed(exportMarkdown(checklist));
    expect(again.signOff).toEqual(checklist.signOff);
    expect(itemTexts(again)).toEqual(itemTexts(checklist));
  });

  it("skips a row whose role is too long to name a seat, and stops at the seat limit", () => {
    const long = "A".repeat(61);
    const rows = Array.from({ length: 22 }, (_, i) => `| Area ${i + 1} | |`).join("\n");
    const checklist = parsed(`# Launch\n\n- [ ] Ship it\n\n## Sign-off\n\n| Area | Owner |\n| - | - |\n| ${long} | |\n${rows}\n`);
    expect(checklist.signOff?.seats).toHaveLength(20);
    expect(checklist.warnings).toEqual(
      expect.arrayContaining([
        `Skipped the sign-off row “${"A".repeat(39)}…”: a seat's name has at most 60 characters.`,
        "Skipped the sign-off table rows “Area 21”, “Area 22”: a release has at most 20 seats.",
      ]),
    );
  });

  it("leaves tables that only mention sign-off alone: criteria, contacts under a sign-off heading, change approvals, decisions", () => {
    const documents = [
      "## Sign-off criteria\n\n| Metric | Target |\n| - | - |\n| Error rate | < 1% |\n| p99 latency | 300 ms |\n",
      "## Go/No-Go checklist\n\n| Category | Notes |\n| - | - |\n| Reliability | SLOs met |\n",
      "## Sign-off\n\n### Escalation contacts\n\n| Team | Contact | Phone |\n| - | - | - |\n| SRE | ops@example.com | 555 |\n",
      "## Change approvals\n\n| Change | Approver | Date |\n| - | - | - |\n| CHG-1021 schema migration | bob@example.com | 2026-01-02 |\n",
      "## Artifact signatures\n\n| Artifact | SHA-256 |\n| - | - |\n| app.tar.gz | abc123 |\n",
      "## Key technical decisions\n\n| Area | Decision | Owner |\n| - | - | - |\n| Database | Postgres | ana@example.com |\n",
    ];
    for (const body of documents) {
      const checklist = parsed(`# Launch\n\n- [ ] Ship it\n\n${body}`);
      expect(checklist.signOff, body).toBeUndefined();
      expect(checklist.warnings.filter((w) => /sign-off|Any member/.test(w)), body).toEqual([]);
    }
  });

  it("reads a filled-in table with marks as seats, not as checks, and counts only real decisions", () => {
    const checklist = parsed(`# Launch\n\n- [ ] Ship it\n\n## Go/No-Go sign-off\n\n| Function | Owner | Decision |\n| - | - | - |\n| Engineering | eng@example.com | ✅ Go |\n| Security | sec@example.com | ❌ No-Go |\n| QA | qa@example.com | ⬜ |\n| Ops | ops@example.com | TBD |\n`);
    expect(seatsOf(checklist)?.map((s) => s.name)).toEqual(["Engineering", "Security", "QA", "Ops"]);
    expect(itemTexts(checklist)).toEqual(["Ship it"]);
    expect(checklist.warnings).toContain("Not imported: the table's 2 decisions under “Decision”. Each release is signed off in Preflight.");
  });

  it("makes a seat per person in a table of people, skipping a numbering column", () => {
    const checklist = parsed(`# Launch\n\n- [ ] Ship it\n\n## Sign-off\n\n| # | Approver | Decision |\n| - | - | - |\n| 1 | Jane Roe <jane@example.com> | |\n| 2 | bob@example.com | |\n`);
    expect(seatsOf(checklist)).toEqual([
      { name: "Jane Roe", roles: [], users: ["jane@example.com"] },
      { name: "bob@example.com", roles: [], users: ["bob@example.com"] },
    ]);
  });

  it("finds people under the headers documents use, and in a sign-off column that holds addresses", () => {
    for (const header of ["Sign-off by", "Signed-off by", "Approver(s)", "Owner(s)", "Approver email", "Email address", "Reviewer"]) {
      const checklist = parsed(`# Launch\n\n- [ ] Ship it\n\n## Approvals\n\n| Role | ${header} |\n| - | - |\n| QA | qa@example.com; lead@example.com |\n`);
      expect(seatsOf(checklist), header).toEqual([{ name: "QA", roles: [], users: ["qa@example.com", "lead@example.com"] }]);
    }
    // Two people on two lines of one cell.
    const lines = parsed(`# Launch\n\n- [ ] Ship it\n\n## Sign-off\n\n| Role<br>(area) | Owner |\n| - | - |\n| Eng<br>Ops | a@example.com<br>b@example.com |\n`);
    expect(seatsOf(lines)).toEqual([{ name: "Eng Ops", roles: [], users: ["a@example.com", "b@example.com"] }]);
    const signOffColumn = parsed(`# Launch\n\n- [ ] Ship it\n\n## Release plan\n\n| Team | Sign-off |\n| - | - |\n| QA | qa@example.com |\n`);
    expect(seatsOf(signOffColumn)).toEqual([{ name: "QA", roles: [], users: ["qa@example.com"] }]);
    expect(signOffColumn.warnings.some((w) => w.startsWith("Not imported"))).toBe(false);
  });

  it("keeps a seat named by an emoji, says which rows name no seat, and caps a seat's people at 50", () => {
    const people = Array.from({ length: 60 }, (_, i) => `p${i}@example.com`).join(", ");
    const checklist = parsed(`# Launch\n\n- [ ] Ship it\n\n## Sign-off\n\n| Area | Owner |\n| - | - |\n| 🔒 | sec@example.com |\n| ??? | someone |\n| Everyone | ${people} |\n`);
    expect(checklist.signOff?.seats.map((s) => [s.name, s.users.length])).toEqual([
      ["🔒", 1],
      ["Everyone", 50],
    ]);
    expect(checklist.warnings).toEqual(expect.arrayContaining(["Skipped 1 sign-off row that names no seat.", "“Everyone”: kept the first 50 people; a seat names at most 50."]));
  });

  it("reads a long cell of look-alike addresses in linear time", { timeout: 20_000 }, () => {
    const started = performance.now();
    const checklist = parsed(`# Launch\n\n- [ ] Ship it\n\n## Sign-off\n\n| Area | Owner |\n| - | - |\n| QA | ${"a@b".repeat(30_000)} ${"a".repeat(40_000)}@x |\n`);
    expect(seatsOf(checklist)).toEqual([{ name: "QA", roles: ANY_MEMBER, users: [] }]);
    // The regular expression this replaced took 13 s on 5 KB of "a@b".
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});
