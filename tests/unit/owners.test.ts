import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { describeEvent } from "@/lib/domain/audit/describe-event";
import { orderWork } from "@/lib/domain/owners/order-work";
import { indexOwners, isOwnedBy, ownerKeysOf, ownerLabel, ownerText, resolveOwner, teamOwner } from "@/lib/domain/owners/owners";

const directory = {
  users: [
    { email: "ada@example.com", name: "Ada Lovelace" },
    { email: "alex.one@example.com", name: "Alex" },
    { email: "alex.two@example.com", name: "Alex" },
    { email: "nameless@example.com", name: null },
  ],
  teams: ["SRE", "Web Platform"],
};
const index = indexOwners(directory);
const label = (owner: string) => ownerLabel(resolveOwner(owner, index));

describe("owners shown as what they are", () => {
  it.each([
    ["ada@example.com", "Ada Lovelace"],
    ["  ADA@example.com ", "Ada Lovelace"],
    ["nameless@example.com", "nameless@example.com"],
    // An imported person's name names them when no one else has it.
    ["ada lovelace", "Ada Lovelace"],
    ["team:SRE", "SRE (team)"],
    ["Team:sre", "SRE (team)"],
    ["team:Web Platform", "Web Platform (team)"],
    // Free text stays text, marked as naming no user or team.
    ["sre-team", "“sre-team” (not a user or team)"],
    ["SRE", "“SRE” (not a user or team)"],
    ["team:Nope", "“team:Nope” (not a user or team)"],
    // Two people share the name: it names neither.
    ["Alex", "“Alex” (not a user or team)"],
  ])("%s → %s", (owner, expected) => {
    expect(label(owner)).toBe(expected);
  });

  it("writes a team as team:<name>", () => {
    expect(teamOwner("SRE")).toBe("team:SRE");
    expect(resolveOwner(teamOwner("Web Platform"), index)).toEqual({ kind: "team", name: "Web Platform" });
  });
});

describe("Mine: owned by me or by a team I am in", () => {
  const me = ownerKeysOf({ email: "Ada@Example.com", name: "Ada Lovelace", teams: ["SRE"] });

  it.each<[string | null, boolean]>([
    ["ada@example.com", true],
    [" ADA@EXAMPLE.COM ", true],
    ["Ada Lovelace", true],
    ["team:SRE", true],
    ["team:sre", true],
    ["team:Web Platform", false],
    ["SRE", false],
    ["someone@example.com", false],
    ["", false],
    ["   ", false],
    [null, false],
  ])("%s → %s", (owner, expected) => {
    expect(isOwnedBy(owner, me)).toBe(expected);
  });

  it("without a name, only the email and the teams count", () => {
    expect(ownerKeysOf({ email: "x@example.com", name: null, teams: [] })).toEqual(["x@example.com"]);
    expect(ownerKeysOf({ email: "x@example.com", name: "  ", teams: ["A", "a"] })).toEqual(["x@example.com", "team:a"]);
  });

  it("a team's owner text is mine whatever its case and surrounding spaces; another team's is not", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9 ._-]{0,30}$/), fc.constantFrom("", " ", "  \t"), fc.boolean(), (team, pad, isUpper) => {
        const keys = ownerKeysOf({ email: "me@example.com", name: null, teams: [team] });
        const written = isUpper ? teamOwner(team).toUpperCase() : teamOwner(team).toLowerCase();
        expect(isOwnedBy(`${pad}${written}${pad}`, keys)).toBe(true);
        expect(isOwnedBy(teamOwner(`${team}x`), keys)).toBe(false);
        expect(isOwnedBy(team, keys)).toBe(false);
      }),
    );
  });
});

describe("the order of my work", () => {
  const today = "2026-11-23";
  it("puts overdue first (oldest first), then by due date, then undated, keeping ties in order", () => {
    const items = [
      { id: "undated-1", dueDate: null },
      { id: "later", dueDate: "2026-12-01" },
      { id: "overdue-recent", dueDate: "2026-11-22" },
      { id: "today", dueDate: "2026-11-23" },
      { id: "undated-2", dueDate: null },
      { id: "overdue-old", dueDate: "2026-10-01" },
    ];
    expect(orderWork(items, today).map((i) => i.id)).toEqual(["overdue-old", "overdue-recent", "today", "later", "undated-1", "undated-2"]);
  });
});

describe("team events in words", () => {
  const ID = "5b0c2a4e-2f1e-4d8e-9a53-0c7a1b2c3d4e";
  const words = (action: string, before: Record<string, unknown> | null, after: Record<string, unknown> | null) =>
    describeEvent({ action, entityType: "Team", entityId: ID, before, after });

  it("names the team and the member", () => {
    expect(words("team.create", null, { name: "SRE" })).toBe("created the team SRE");
    expect(words("team.rename", { name: "SRE" }, { name: "Ops" })).toBe("renamed the team SRE to Ops");
    expect(words("team.rename", null, { name: "Ops" })).toBe("renamed the team — to Ops");
    expect(words("team.delete", null, { name: "SRE", members: ["a@example.com", "b@example.com"] })).toBe("deleted the team SRE (members: a@example.com, b@example.com)");
    expect(words("team.delete", null, { name: "SRE", members: [] })).toBe("deleted the team SRE");
    expect(words("team.member.add", null, { team: "SRE", userId: ID, email: "a@example.com" })).toBe("added a@example.com to the team SRE");
    expect(words("team.member.remove", null, { team: "SRE", userId: ID, email: "a@example.com" })).toBe("removed a@example.com from the team SRE");
  });
});

describe("ownerText", () => {
  it("names a team as a team and leaves other owners as written", () => {
    expect(ownerText(" team:SRE ")).toBe("SRE (team)");
    expect(ownerText("TEAM: Platform")).toBe("Platform (team)");
    expect(ownerText("sre-team")).toBe("sre-team");
    expect(ownerText("ada@example.com")).toBe("ada@example.com");
  });
});
