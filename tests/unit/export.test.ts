import { parse as parseCsv } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { exportCsv } from "@/lib/domain/checklist/export-csv";
import type { TChecklist } from "@/lib/domain/checklist/types";
import { exportMarkdown } from "@/lib/domain/markdown/export-markdown";
import { EXPORT_MARKER } from "@/lib/domain/markdown/item-meta";
import { parseChecklist } from "@/lib/domain/markdown/parse-checklist";
import { hasSeeds, readSeed } from "@/tests/helpers/seeds";

function parse(input: string | Buffer): TChecklist {
  const result = parseChecklist(input);
  if (!result.ok) throw new Error(result.error);
  return result.checklist;
}

const release = `${EXPORT_MARKER}
# Release 4.2 readiness

Levels: Level C, Level B, Level A

## Operations

- [x] Dashboards exist
  - Owner: sre-team
  - Evidence: required, max age 30 days
  - Evidence: <https://grafana.example.com/d/abc>
- [ ] Pager rotation set (advisory)
  - Status: Blocked
  - Owner: alice@example.com
- [ ] Redis backups
  - Role: go criterion
  - Level: Level B
  - Status: Not applicable
  - N/A: This service has no Redis
- [ ] Rollback rehearsed

  \`\`\`sh
  ./rollback.sh --dry-run
  \`\`\`

  - Status: Waived
  - [x] Staging rollback
  - [ ] Production rollback

## No-Go if any are true

- [x] Open sev-1 incidents
`;

describe("export", () => {
  it("reads back states, owners, N/A reasons and evidence from its own sub-bullets", () => {
    const checklist = parse(release);
    const ops = checklist.sections[0]!.items;
    expect(ops.map((i) => [i.text, i.status, i.owner, i.naReason, i.evidenceLinks])).toEqual([
      ["Dashboards exist", "DONE", "sre-team", null, ["https://grafana.example.com/d/abc"]],
      ["Pager rotation set", "BLOCKED", "alice@example.com", null, []],
      ["Redis backups", "NOT_APPLICABLE", null, "This service has no Redis", []],
      ["Rollback rehearsed", "WAIVED", null, null, []],
    ]);
    expect(ops[3]?.detail).toBe("```sh\n./rollback.sh --dry-run\n```");
    expect(ops[3]?.children.map((c) => c.status)).toEqual(["DONE", "OPEN"]);
  });

  it("reads back what defines an item: role, severity, evidence rule, level", () => {
    const checklist = parse(release);
    expect(checklist.levels).toEqual(["Level C", "Level B", "Level A"]);
    expect(checklist.sections[0]!.items.map((i) => [i.kind, i.severity, i.evidenceRequired, i.evidenceMaxAgeDays, i.requiredLevel])).toEqual([
      ["CHECK", "BLOCKING", true, 30, null],
      ["CHECK", "ADVISORY", false, null, null],
      ["GO_CRITERION", "BLOCKING", false, null, "Level B"],
      ["CHECK", "BLOCKING", false, null, null],
    ]);
  });

  it("markdown → import → export → import gives the same structure and states", () => {
    const first = parse(release);
    const exported = exportMarkdown(first);
    const second = parse(exported);
    expect(second.title).toBe(first.title);
    expect(second.levels).toEqual(first.levels);
    expect(second.sections).toEqual(first.sections);
    expect(exportMarkdown(second)).toBe(exported);
  });

  it.skipIf(!hasSeeds).each(["deployment-checklist.md", "readiness-plan-go-no-go.md", "action-plan.md"])(
    "round-trips the seed document %s",
    (name) => {
      const first = parse(readSeed(name));
      const second = parse(exportMarkdown(first));
      expect(second.title).toBe(first.title);
      expect(second.levels).toEqual(first.levels);
      expect(second.sections).toEqual(first.sections);
    },
  );

  it("writes one CSV row per item with its section path and parent", () => {
    const rows = parseCsv(exportCsv(parse(release)), { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(7);
    expect(rows[0]).toMatchObject({
      section: "Operations",
      text: "Dashboards exist",
      status: "DONE",
      owner: "sre-team",
      evidence: "https://grafana.example.com/d/abc",
      depth: "1",
    });
    expect(rows[4]).toMatchObject({ text: "Staging rollback", parent_key: "rollback-rehearsed", depth: "2" });
    expect(rows[6]).toMatchObject({ section: "No-Go if any are true", kind: "NO_GO_CONDITION", status: "DONE" });
  });

  it("quotes CSV fields that hold commas, quotes and newlines", () => {
    const checklist = parse('# T\n\n- [ ] Say "hi", then leave\n');
    const rows = parseCsv(exportCsv(checklist), { columns: true }) as Record<string, string>[];
    expect(rows[0]?.text).toBe('Say "hi", then leave');
  });
});
