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
      "Not imported: the table's 2 decisions under “Decision”. Each release is signed off in Preflight.",
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
    expect(checklist.warnings).toContain("Skipped the sign-off table rows “Security”: a seat of that name comes earlier, or the release has 20 seats already.");
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
      expect.arrayContaining([`Skipped the sign-off rows “${"A".repeat(39)}…”: a seat's name has at most 60 characters.`, "Skipped 2 more sign-off rows: a release has at most 20 seats."]),
    );
  });
});
