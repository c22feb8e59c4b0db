import { describe, expect, it } from "vitest";
import { walkSectionItems, type TChecklist, type TChecklistItem } from "@/lib/domain/checklist/types";
import { exportMarkdown } from "@/lib/domain/markdown/export-markdown";
import { EXPORT_MARKER, parseItemMeta } from "@/lib/domain/markdown/item-meta";
import { parseChecklist, type TParseOptions } from "@/lib/domain/markdown/parse-checklist";

// What defines an item, written in Markdown (README, "Importing Markdown"): a trailing
// "(advisory)" or "(optional)", and "Role:", "Level:" and "Evidence: required…" sub-bullets,
// read in any document; the export writes them back.

function parse(markdown: string, options: TParseOptions = {}): TChecklist {
  const result = parseChecklist(markdown, options);
  if (!result.ok) throw new Error(result.error);
  return result.checklist;
}
const items = (checklist: TChecklist): TChecklistItem[] => [...walkSectionItems(checklist.sections)].map(({ item }) => item);
const only = (markdown: string) => {
  const all = items(parse(markdown));
  expect(all).toHaveLength(1);
  return all[0]!;
};
/** One item with one sub-bullet, in a section whose heading gives it no role. */
const withLine = (line: string, heading = "Ops") => only(`# T\n\n## ${heading}\n\n- [ ] Load test\n  - ${line}\n`);

describe("a trailing (advisory) or (optional)", () => {
  it.each([
    ["Load test (advisory)", "Load test", "ADVISORY", "load-test"],
    ["Load test (optional)", "Load test", "ADVISORY", "load-test"],
    ["Load test (Advisory)", "Load test", "ADVISORY", "load-test"],
    ["Load test  (OPTIONAL)", "Load test", "ADVISORY", "load-test"],
    ["Load `k6` test (advisory) ✅", "Load `k6` test", "ADVISORY", "load-k6-test"],
    ["Load test", "Load test", "BLOCKING", "load-test"],
    ["Load test \\(advisory)", "Load test \\(advisory)", "BLOCKING", "load-test-advisory"],
    ["Load test `(optional)`", "Load test `(optional)`", "BLOCKING", "load-test-optional"],
    ["Load test *(optional)*", "Load test *(optional)*", "BLOCKING", "load-test-optional"],
    ["Load test (advisory).", "Load test (advisory).", "BLOCKING", "load-test-advisory"],
    ["Load test (optional) for now", "Load test (optional) for now", "BLOCKING", "load-test-optional-for-now"],
    ["Load test(advisory)", "Load test(advisory)", "BLOCKING", "load-test-advisory"],
    ["(advisory)", "(advisory)", "BLOCKING", "advisory"],
  ])("%j reads as %j, %s, key %s", (line, text, severity, key) => {
    expect(only(`# T\n\n- [ ] ${line}\n`)).toMatchObject({ text, severity, key });
  });

  it("works in lists mode and on a table's checks too", () => {
    expect(only("# T\n\n- Load test (optional)\n")).toMatchObject({ text: "Load test", severity: "ADVISORY" });
    const row = only("# T\n\n| Check | Level A |\n| - | - |\n| Backups (optional) | ✅ |\n");
    expect(row).toMatchObject({ text: "Backups", severity: "ADVISORY", requiredLevel: "Level A", key: "backups" });
  });

  it("keeps an item's key when a new version marks it advisory", () => {
    const keys = (doc: string) => items(parse(doc)).map((item) => [item.key, item.severity]);
    expect(keys("# T\n\n- [ ] Load test\n- [ ] Load test\n")).toEqual([
      ["load-test", "BLOCKING"],
      ["load-test-2", "BLOCKING"],
    ]);
    expect(keys("# T\n\n- [ ] Load test (advisory)\n- [ ] Load test (optional)\n")).toEqual([
      ["load-test", "ADVISORY"],
      ["load-test-2", "ADVISORY"],
    ]);
  });
});

describe("an Evidence: required line", () => {
  it.each([
    ["Evidence: required", true, null],
    ["Evidence: Required", true, null],
    ["Evidence: required, 30 days", true, 30],
    ["Evidence: required, max age 30 days", true, 30],
    ["Evidence: required,  maximum age 7 days", true, 7],
    ["Evidence: required, max age 1 day", true, 1],
    ["Evidence: required, 36500 days", true, 36_500],
    ["Evidence: optional, max age 14 days", false, 14],
    ["Evidence: optional", false, null],
  ])("%j: required %s, max age %s", (line, evidenceRequired, evidenceMaxAgeDays) => {
    expect(withLine(line)).toMatchObject({ evidenceRequired, evidenceMaxAgeDays, detail: null, evidenceLinks: [] });
  });

  it.each([
    "Evidence: maybe",
    "Evidence: required, 0 days",
    "Evidence: required, 36501 days",
    "Evidence: required, 1.5 days",
    "Evidence: required, thirty days",
    "Evidence: required soon",
    "Evidence: <https://ci.example.com/run/1>",
    "evidence: required",
  ])("%j stays content in anyone's document", (line) => {
    expect(withLine(line)).toMatchObject({ evidenceRequired: false, evidenceMaxAgeDays: null, evidenceLinks: [], detail: `* ${line}` });
  });

  it("is read next to evidence links in an export, and with or without the export marker", () => {
    const doc = "# T\n\n- [x] Dashboards\n  - Evidence: required, max age 30 days\n  - Evidence: <https://grafana.example.com/d/1>\n";
    expect(only(`${EXPORT_MARKER}\n${doc}`)).toMatchObject({ evidenceRequired: true, evidenceMaxAgeDays: 30, evidenceLinks: ["https://grafana.example.com/d/1"], detail: null });
    expect(only(doc)).toMatchObject({ evidenceRequired: true, evidenceMaxAgeDays: 30, evidenceLinks: [], detail: "* Evidence: <https://grafana.example.com/d/1>" });
  });

  it("is a definition, not state: parseItemMeta reads it whatever readState says", () => {
    for (const readState of [true, false]) {
      expect(parseItemMeta("Evidence: required, 30 days", { readState })).toEqual({ evidence: { required: true, maxAgeDays: 30 } });
      expect(parseItemMeta("Role: go criterion", { readState })).toEqual({ kind: "GO_CRITERION" });
      expect(parseItemMeta("Level: Gold", { readState })).toEqual({ level: "Gold" });
    }
    expect(parseItemMeta("Status: Done", { readState: false })).toBeNull();
  });
});

describe("a Role: line", () => {
  it.each([
    ["Ops", "Role: go criterion", "GO_CRITERION"],
    ["Ops", "Role: Go criteria", "GO_CRITERION"],
    ["Ops", "Role: go", "GO_CRITERION"],
    ["Ops", "Role: no-go condition", "NO_GO_CONDITION"],
    ["Ops", "Role: No Go", "NO_GO_CONDITION"],
    ["Go if all are true", "Role: check", "CHECK"],
    ["Go if all are true", "Role: no-go condition", "NO_GO_CONDITION"],
    ["No-Go if any are true", "Role: plain check", "CHECK"],
  ])("under %j, %j makes a %s", (heading, line, kind) => {
    expect(withLine(line, heading)).toMatchObject({ kind, detail: null });
  });

  it.each(["Role: sometimes", "Role: go live", "Role: criterion"])("%j stays content", (line) => {
    expect(withLine(line, "Go if all are true")).toMatchObject({ kind: "GO_CRITERION", detail: `* ${line}` });
  });

  it("sets only its own item's role: its children keep the section's", () => {
    const doc = "# T\n\n## Ops\n\n- [ ] Payments ready\n  - Role: go criterion\n  - [ ] Card flow\n  - [ ] Refunds\n";
    expect(items(parse(doc)).map((item) => [item.text, item.kind])).toEqual([
      ["Payments ready", "GO_CRITERION"],
      ["Card flow", "CHECK"],
      ["Refunds", "CHECK"],
    ]);
  });

  it("wins over a role chosen for its section in the import preview", () => {
    const doc = "# T\n\n## Ops\n\n- [ ] a\n- [ ] b\n  - Role: no-go condition\n";
    expect(items(parse(doc, { sectionRoles: { "0": "GO_CRITERION" } })).map((item) => [item.text, item.kind])).toEqual([
      ["a", "GO_CRITERION"],
      ["b", "NO_GO_CONDITION"],
    ]);
  });
});

describe("a Level: line", () => {
  it("makes the levels, in order of appearance, when the document declares none", () => {
    const checklist = parse("# T\n\n- [ ] a\n  - Level: Silver\n- [ ] b\n  - Level: Gold\n- [ ] c\n  - Level: silver\n- [ ] d\n");
    expect(checklist.levels).toEqual(["Silver", "Gold"]);
    expect(items(checklist).map((item) => item.requiredLevel)).toEqual(["Silver", "Gold", "Silver", null]);
  });

  it.each([
    ["Level: Level B", "Level B"],
    ["Level: level b", "Level B"],
    ["Level: B", "Level B"],
    ["Level: Z", null],
  ])("must name a level of a document with a level table, even one further down: %j", (line, requiredLevel) => {
    const doc = `# T\n\n## Ops\n\n- [ ] Load test\n  - ${line}\n\n## Table\n\n| Check | Level C | Level B | Level A |\n| - | - | - | - |\n| Backups | | ✅ | ✅ |\n`;
    const checklist = parse(doc);
    expect(checklist.levels).toEqual(["Level C", "Level B", "Level A"]);
    expect(checklist.sections[0]!.items[0]).toMatchObject({ requiredLevel, detail: requiredLevel ? null : `* ${line}` });
  });

  it("must name one of the levels a Levels: paragraph declares, lowest first", () => {
    const doc = "# T\n\nLevels: Bronze, Silver, Gold\n\n- [ ] a\n  - Level: Gold\n- [ ] b\n  - Level: Platinum\n";
    const checklist = parse(doc);
    expect(checklist.levels).toEqual(["Bronze", "Silver", "Gold"]);
    expect(items(checklist).map((item) => [item.requiredLevel, item.detail])).toEqual([
      ["Gold", null],
      [null, "* Level: Platinum"],
    ]);
  });
});

describe("export writes what defines an item back", () => {
  const doc = `# Release

Levels: Level C, Level B, Level A

## Ops

- [ ] Load test (advisory)
  - Level: Level A
- [ ] Dashboards
  - Role: go criterion
  - Evidence: required, 30 days
  - Owner: sre
  - [ ] Alerts
- [ ] Pager \\(optional)

## Go if all are true

- [ ] Backups
  - Evidence: optional, max age 1 day
- [ ] Runbook
  - Role: check

#### Deeper

- [ ] Inherited role
`;

  it("writes the lines that differ from the defaults, in a form the importer reads back", () => {
    const first = parse(doc);
    const exported = exportMarkdown(first);
    expect(exported).toBe(`${EXPORT_MARKER}
# Release

Levels: Level C, Level B, Level A

## Ops

- [ ] Load test (advisory)
  - Level: Level A
- [ ] Dashboards
  - Role: go criterion
  - Evidence: required, max age 30 days
  - Owner: sre
  - [ ] Alerts
- [ ] Pager \\(optional)

## Go if all are true

- [ ] Backups
  - Evidence: optional, max age 1 day
- [ ] Runbook
  - Role: check

### Deeper

- [ ] Inherited role
`);
    const second = parse(exported);
    expect(second.levels).toEqual(first.levels);
    expect(second.sections).toEqual(first.sections);
    expect(items(second).map((i) => [i.text, i.kind, i.severity, i.evidenceRequired, i.evidenceMaxAgeDays, i.requiredLevel, i.owner])).toEqual([
      ["Load test", "CHECK", "ADVISORY", false, null, "Level A", null],
      ["Dashboards", "GO_CRITERION", "BLOCKING", true, 30, null, "sre"],
      ["Alerts", "CHECK", "BLOCKING", false, null, null, null],
      ["Pager \\(optional)", "CHECK", "BLOCKING", false, null, null, null],
      ["Backups", "GO_CRITERION", "BLOCKING", false, 1, null, null],
      ["Runbook", "CHECK", "BLOCKING", false, null, null, null],
      ["Inherited role", "GO_CRITERION", "BLOCKING", false, null, null, null],
    ]);
  });

  it("writes a role wherever the section the importer reads it in gives another, nested past ###### too", () => {
    const item = (text: string, kind: TChecklistItem["kind"]): TChecklistItem => ({
      key: text, text, detail: null, kind, severity: "BLOCKING", evidenceRequired: false, evidenceMaxAgeDays: null, requiredLevel: null,
      status: "OPEN", owner: null, naReason: null, evidenceLinks: [], children: [],
    });
    // Depths 2…7: the seventh is written as ###### and read as a sibling of the sixth, under "Stop criteria".
    let sections = [{ title: "Seven", items: [item("g", "NO_GO_CONDITION")], sections: [] as TChecklist["sections"] }];
    sections = [{ title: "Six", items: [item("f", "CHECK")], sections }];
    sections = [{ title: "Stop criteria", items: [item("e", "NO_GO_CONDITION")], sections }];
    sections = [{ title: "Four", items: [item("d", "GO_CRITERION")], sections }];
    sections = [{ title: "Exit criteria", items: [item("c", "GO_CRITERION")], sections }];
    const exported = exportMarkdown({ title: "T", sections: [{ title: "Two", items: [item("b", "CHECK")], sections }] });
    expect(exported.match(/Role: .*/g)).toEqual(["Role: check"]);
    expect(items(parse(exported)).map((i) => i.kind)).toEqual(["CHECK", "GO_CRITERION", "GO_CRITERION", "NO_GO_CONDITION", "CHECK", "NO_GO_CONDITION"]);
  });

  it("writes the checklist's levels, and a level an item requires that they lack", () => {
    const checklist = parse("# T\n\nLevels: Level C, Level B, Level A\n\n- [ ] a\n  - Level: Level A\n");
    checklist.sections[0]!.items[0]!.requiredLevel = "Level, X";
    const second = parse(exportMarkdown(checklist));
    expect(second.levels).toEqual(["Level C", "Level B", "Level A", "Level, X"]);
    expect(second.sections[0]!.items[0]!.requiredLevel).toBe("Level, X");
  });
});
