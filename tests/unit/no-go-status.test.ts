import { parse as parseCsv } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { exportCsv } from "@/lib/domain/checklist/export-csv";
import { ITEM_KINDS, ITEM_STATUSES, itemStatusLabel, walkSectionItems, type TChecklist } from "@/lib/domain/checklist/types";
import { exportMarkdown } from "@/lib/domain/markdown/export-markdown";
import { EXPORT_MARKER, parseItemMeta } from "@/lib/domain/markdown/item-meta";
import { parseChecklist } from "@/lib/domain/markdown/parse-checklist";

function parse(markdown: string): TChecklist {
  const result = parseChecklist(markdown);
  if (!result.ok) throw new Error(result.error);
  return result.checklist;
}
const items = (checklist: TChecklist) => [...walkSectionItems(checklist.sections)].map(({ item }) => item);

const doc = `${EXPORT_MARKER}
# Release 4.2 readiness

## Operations

- [ ] Pager rotation set
  - Status: Blocked
- [x] Dashboards exist

## No-Go if any are true

- [ ] Open sev-1 incidents
  - Status: Holds
- [x] Unreviewed data migration
- [ ] Error budget exhausted
  - Status: Does not hold
- [ ] Vendor outage
  - Status: In progress
`;

describe("no-go conditions: Holds / Does not hold", () => {
  it("names a no-go condition's statuses as a question that holds or not, and other items' as before", () => {
    expect(ITEM_STATUSES.map((s) => itemStatusLabel(s, "NO_GO_CONDITION"))).toEqual([
      "Open",
      "In progress",
      "Does not hold",
      "Holds",
      "Not applicable",
      "Waived",
    ]);
    for (const kind of ["CHECK", "GO_CRITERION"] as const) {
      expect(ITEM_STATUSES.map((s) => itemStatusLabel(s, kind))).toEqual(["Open", "In progress", "Done", "Blocked", "Not applicable", "Waived"]);
    }
    expect(itemStatusLabel("BLOCKED", "CHECK")).toBe("Blocked");
    expect(itemStatusLabel("BLOCKED", "NO_GO_CONDITION")).toBe("Holds");
  });

  it.each([
    ["Status: Holds", "BLOCKED"],
    ["Status: holds", "BLOCKED"],
    ["Status: HOLDS", "BLOCKED"],
    ["Status: Does not hold", "DONE"],
    ["Status: does NOT  hold", "DONE"],
    ["Status: Blocked", "BLOCKED"],
    ["Status: Done", "DONE"],
    ["Status: in progress", "IN_PROGRESS"],
  ] as const)("reads %j as %s", (line, status) => {
    expect(parseItemMeta(line, { readState: true })).toEqual({ status });
  });

  it("leaves a status it does not know as ordinary content", () => {
    expect(parseItemMeta("Status: Holds water", { readState: true })).toBeNull();
  });

  it("imports the words as the stored statuses", () => {
    expect(items(parse(doc)).map((i) => [i.text, i.kind, i.status])).toEqual([
      ["Pager rotation set", "CHECK", "BLOCKED"],
      ["Dashboards exist", "CHECK", "DONE"],
      ["Open sev-1 incidents", "NO_GO_CONDITION", "BLOCKED"],
      ["Unreviewed data migration", "NO_GO_CONDITION", "DONE"],
      ["Error budget exhausted", "NO_GO_CONDITION", "DONE"],
      ["Vendor outage", "NO_GO_CONDITION", "IN_PROGRESS"],
    ]);
  });

  it("exports a no-go condition that holds as `Status: Holds` and one that does not hold as ticked, and reads both back", () => {
    const first = parse(doc);
    const exported = exportMarkdown(first);
    expect(exported).toContain("- [ ] Open sev-1 incidents\n  - Status: Holds\n");
    expect(exported).toContain("- [x] Unreviewed data migration\n");
    expect(exported).toContain("- [x] Error budget exhausted\n");
    expect(exported).toContain("- [ ] Pager rotation set\n  - Status: Blocked\n");
    expect(exported).not.toMatch(/Status: (Done|Does not hold)/);
    const second = parse(exported);
    expect(items(second).map((i) => i.status)).toEqual(["BLOCKED", "DONE", "BLOCKED", "DONE", "DONE", "IN_PROGRESS"]);
    expect(second.sections).toEqual(first.sections);
    expect(exportMarkdown(second)).toBe(exported);
  });

  it("shows the words in the CSV next to the stored status", () => {
    const rows = parseCsv(exportCsv(parse(doc)), { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => [r.text, r.status, r.status_label])).toEqual([
      ["Pager rotation set", "BLOCKED", "Blocked"],
      ["Dashboards exist", "DONE", "Done"],
      ["Open sev-1 incidents", "BLOCKED", "Holds"],
      ["Unreviewed data migration", "DONE", "Does not hold"],
      ["Error budget exhausted", "DONE", "Does not hold"],
      ["Vendor outage", "IN_PROGRESS", "In progress"],
    ]);
  });

  it("reads back every status of every kind of item through its exported label", () => {
    for (const kind of ITEM_KINDS) {
      for (const status of ITEM_STATUSES) {
        expect(parseItemMeta(`Status: ${itemStatusLabel(status, kind)}`, { readState: true })).toEqual({ status });
      }
    }
  });
});
