import { describe, expect, it } from "vitest";
import { walkSectionItems, type TChecklist, type TChecklistItem } from "@/lib/domain/checklist/types";
import { exportMarkdown } from "@/lib/domain/markdown/export-markdown";
import { EXPORT_MARKER } from "@/lib/domain/markdown/item-meta";
import { parseChecklist, type TParseOptions } from "@/lib/domain/markdown/parse-checklist";
import { summarizeChecklist } from "@/lib/domain/markdown/summarize-checklist";

function parse(markdown: string, options: TParseOptions = {}): TChecklist {
  const result = parseChecklist(markdown, options);
  if (!result.ok) throw new Error(result.error);
  return result.checklist;
}
const items = (checklist: TChecklist): TChecklistItem[] => [...walkSectionItems(checklist.sections)].map(({ item }) => item);
const only = (markdown: string, options?: TParseOptions) => {
  const all = items(parse(markdown, options));
  expect(all).toHaveLength(1);
  return all[0]!;
};

describe("import fidelity: criteria headings as people write them", () => {
  it.each([
    ["## 1. Go if all are true", "GO_CRITERION"],
    ["## 🛑 No-Go if any are true", "NO_GO_CONDITION"],
    ["### Go criteria", "GO_CRITERION"],
    ["## Go", "GO_CRITERION"],
    ["## ✅ Go when:", "GO_CRITERION"],
    ["## Exit criteria", "GO_CRITERION"],
    ["## Launch criteria", "GO_CRITERION"],
    ["## Go-live criteria", "GO_CRITERION"],
    ["## 3) Definition of Done", "GO_CRITERION"],
    ["## No go conditions", "NO_GO_CONDITION"],
    ["## Stop criteria", "NO_GO_CONDITION"],
    ["## Go-Live Day", "CHECK"],
    ["## Go-Live Checklist", "CHECK"],
    ["## Go / No-Go Criteria", "CHECK"],
    ["## Go/No-Go", "CHECK"],
    ["## Goals", "CHECK"],
    ["## Going further", "CHECK"],
  ])("%s makes %s items", (heading, kind) => {
    expect(only(`# T\n\n${heading}\n\n- [ ] thing\n`).kind).toBe(kind);
  });

  it("lets the importer change a section's role; subsections without a role of their own follow it", () => {
    const doc = "# T\n\n## Launch day\n\n- [ ] a\n\n### Details\n\n- [ ] b\n\n## Go if all are true\n\n- [ ] c\n";
    const before = summarizeChecklist(parse(doc));
    expect(before.sections.map((s) => [s.number, s.title, s.role])).toEqual([
      [0, "Launch day", "CHECK"],
      [2, "Go if all are true", "GO_CRITERION"],
    ]);
    const after = parse(doc, { sectionRoles: { "0": "NO_GO_CONDITION", "2": "CHECK" } });
    expect(items(after).map((i) => [i.text, i.kind])).toEqual([
      ["a", "NO_GO_CONDITION"],
      ["b", "NO_GO_CONDITION"],
      ["c", "CHECK"],
    ]);
  });
});

describe("import fidelity: tables that are checklists", () => {
  it("a level table keeps every other column: the description as detail, the rest as lines", () => {
    const item = only(
      "# T\n\n| Check | Short Description | Level 1 | Level 2 | Owner team | Runbook |\n|---|---|:-:|:-:|---|---|\n| Health endpoint | `/healthz` answers | ✅ | ✅ | SRE | [doc](https://example.com/doc) |\n",
    );
    expect(item).toMatchObject({
      text: "Health endpoint",
      requiredLevel: "Level 1",
      detail: "`/healthz` answers\n\nOwner team: SRE\n\nRunbook: [doc](https://example.com/doc)",
    });
  });

  it.each(["Description", "Details", "Notes", "Comment", "Scope"])("takes the description from a %s column", (header) => {
    expect(only(`# T\n\n| Check | ${header} | Level A |\n|---|---|---|\n| Backups | Nightly | ✅ |\n`).detail).toBe("Nightly");
  });

  it("a table of checks gives one item per row, with status and owner from their columns", () => {
    const doc = `# T

| Item | Status | Owner | Notes |
|---|---|---|---|
| Backups tested | ✅ Done | @alice | weekly |
| DNS cutover | In progress | Bob | |
| Redis | N/A | — | no Redis here |
| Pager rotation | ❌ | TBD | |
| Load test | Not started | | |
`;
    expect(items(parse(doc)).map((i) => [i.text, i.status, i.owner, i.naReason, i.detail])).toEqual([
      ["Backups tested", "DONE", "@alice", null, "weekly"],
      ["DNS cutover", "IN_PROGRESS", "Bob", null, null],
      ["Redis", "NOT_APPLICABLE", null, "no Redis here", "no Redis here"],
      ["Pager rotation", "BLOCKED", null, null, null],
      ["Load test", "OPEN", null, null, null],
    ]);
  });

  it("rows marked with ☐ ☑ ✅ ❌ ⚠️ [ ] are checks, the mark gives the status", () => {
    const doc = "# T\n\n| Done | Check |\n|---|---|\n| ☐ | Rollback tested |\n| ☑ | Alerts wired |\n| [x] | Dashboards |\n| [ ] | Runbook |\n| ⚠️ | Capacity |\n| ❌ | Pen test |\n| ✅ | TLS |\n";
    expect(items(parse(doc)).map((i) => [i.text, i.status])).toEqual([
      ["Rollback tested", "OPEN"],
      ["Alerts wired", "DONE"],
      ["Dashboards", "DONE"],
      ["Runbook", "OPEN"],
      ["Capacity", "IN_PROGRESS"],
      ["Pen test", "BLOCKED"],
      ["TLS", "DONE"],
    ]);
  });

  it("a mark at the start of the check's own cell counts too", () => {
    expect(items(parse("# T\n\n| Criteria | Owner |\n|---|---|\n| ☑ Sign-off recorded | QA |\n")).map((i) => [i.text, i.status, i.owner])).toEqual([
      ["Sign-off recorded", "DONE", "QA"],
    ]);
  });

  it("a table of contacts or metadata stays content", () => {
    const result = parseChecklist(
      "# T\n\n| Name | Role | Email |\n|---|---|---|\n| Ann | SRE | ann@example.com |\n\n| Field | Value |\n|---|---|\n| Service | api |\n| Owner | Bob |\n\n| Step | Command |\n|---|---|\n| 1 | make deploy |\n",
    );
    expect(result).toMatchObject({ ok: false });
  });
});

describe("import fidelity: every task GitHub shows is an item", () => {
  it("takes tasks inside a blockquote", () => {
    expect(items(parse("# T\n\n> **Note**\n> - [ ] Quoted task\n> - [x] Quoted done\n\n- [ ] Outside\n")).map((i) => [i.text, i.status])).toEqual([
      ["Quoted task", "OPEN"],
      ["Quoted done", "DONE"],
      ["Outside", "OPEN"],
    ]);
  });

  it("a task under a plain bullet under a task is a child item; the bullet stays as detail", () => {
    const [parent] = parse("# T\n\n- [ ] Parent\n  - Group\n    - [ ] Child\n    - a note\n").sections[0]!.items;
    expect(parent?.children.map((c) => c.text)).toEqual(["Child"]);
    expect(parent?.detail).toBe("* Group\n  * a note");
  });

  it("a task inside a blockquote under a task is a child item", () => {
    const [parent] = parse("# T\n\n- [ ] Parent\n\n  > - [ ] Quoted child\n").sections[0]!.items;
    expect(parent?.children.map((c) => c.text)).toEqual(["Quoted child"]);
  });
});

describe("import fidelity: owner and state lines", () => {
  it("reads Owner: under an item in any document", () => {
    expect(only("# T\n\n- [ ] Database ready\n  - Owner: dba-team\n").owner).toBe("dba-team");
  });

  it("keeps Status:, Evidence: and N/A: lines as content in a document Preflight did not export", () => {
    const item = only("# T\n\n- [ ] Database ready\n  - Status: Done\n  - Evidence: https://ci.example.com/1\n  - N/A: none\n");
    expect(item).toMatchObject({ status: "OPEN", evidenceLinks: [], naReason: null });
    expect(item.detail).toBe("* Status: Done\n* Evidence: <https://ci.example.com/1>\n* N/A: none");
  });

  it("in lists mode, a Status: line of someone else's document is a child item like any other", () => {
    const [item] = parse("# T\n\n- Database ready\n  - Status: Done\n").sections[0]!.items;
    expect(item).toMatchObject({ status: "OPEN" });
    expect(item?.children.map((c) => c.text)).toEqual(["Status: Done"]);
  });

  it("reads them as state in an export, which says so on its first line", () => {
    const item = only(`${EXPORT_MARKER}\n# T\n\n- [ ] Database ready\n  - Status: Done\n  - Evidence: <https://ci.example.com/1>\n`);
    expect(item).toMatchObject({ status: "DONE", evidenceLinks: ["https://ci.example.com/1"], detail: null });
    expect(exportMarkdown(parse("# T\n\n- [ ] x\n")).split("\n")[0]).toBe(EXPORT_MARKER);
  });
});

describe("import fidelity: what a reader sees", () => {
  it("a ✅ in a code span is text, and the code span keeps it", () => {
    expect(only("# T\n\n- [ ] Mark finished steps with `✅`\n")).toMatchObject({ status: "OPEN", text: "Mark finished steps with `✅`" });
    expect(only("# T\n\n- [ ] Use `:white_check_mark:` in reports\n")).toMatchObject({ status: "OPEN" });
    expect(only("# T\n\n- [ ] Deployed ✅ with `make ✅`\n")).toMatchObject({ status: "DONE", text: "Deployed with `make ✅`" });
  });

  it("resolves reference links at import", () => {
    const item = only('# T\n\n- [ ] Read [the runbook][rb], [docs] and ![logo][img]\n\n[rb]: https://example.com/runbook "Runbook"\n[docs]: <https://example.com/a b>\n[img]: https://example.com/l.png\n');
    expect(item.text).toBe('Read [the runbook](https://example.com/runbook "Runbook"), [docs](<https://example.com/a b>) and ![logo](https://example.com/l.png)');
  });

  it("keeps a backslash or two-space line break as a break, and exports it back", () => {
    const checklist = parse("# T\n\n- [ ] First line\\\n  second line\n- [ ] Two spaces  \n  then more\n- [ ] Soft\n  wrap\n");
    expect(items(checklist).map((i) => i.text)).toEqual(["First line\\\nsecond line", "Two spaces\\\nthen more", "Soft wrap"]);
    expect(items(parse(exportMarkdown(checklist))).map((i) => i.text)).toEqual(items(checklist).map((i) => i.text));
  });

  it("an item that starts with a code block or a heading takes its first line as its title", () => {
    const checklist = parse("# T\n\n- ```sh\n  make deploy\n  ```\n- ## Heading item\n  more\n- > Quoted first\n");
    expect(items(checklist).map((i) => [i.text, i.detail])).toEqual([
      ["make deploy", "```sh\nmake deploy\n```"],
      ["Heading item", "more"],
      ["Quoted first", "> Quoted first"],
    ]);
  });
});

describe("import fidelity: mis-decoded text, through the whole import", () => {
  it("leaves correct French, German and curly quotes alone, with no warning", () => {
    const checklist = parse("# Prêt\n\n- [ ] Vérifier l’état d’être prêt\n- [ ] “école” und Straße\n- [ ] CAFÉ’s menu — ready\n");
    expect(items(checklist).map((i) => i.text)).toEqual(["Vérifier l’état d’être prêt", "“école” und Straße", "CAFÉ’s menu — ready"]);
    expect(checklist.warnings).toEqual([]);
  });

  it("repairs mojibake and says so; a lossy one is named in a warning", () => {
    const checklist = parse("# T\n\n- [ ] Deploy âœ…\n- [ ] Fail âŒ here\n- [ ] Rocket ðŸš€\n");
    expect(items(checklist).map((i) => [i.text, i.status])).toEqual([
      ["Deploy", "DONE"],
      ["Fail ❌ here", "OPEN"],
      ["Rocket 🚀", "OPEN"],
    ]);
    expect(checklist.warnings).toEqual([
      "Repaired 3 piece(s) of mis-decoded text (mojibake).",
      "\"âŒ\" looks like mis-decoded text that lost a byte; replaced with ❌, its only likely reading: check it.",
    ]);
  });
});

describe("import fidelity: more tables as teams write them", () => {
  it("reads traffic-light statuses and skips a numbering column", () => {
    const doc = "# T\n\n| # | Area | Ready |\n|---|---|---|\n| 1 | Database | 🟢 |\n| 2 | Cache | 🟡 |\n| 3 | Queue | 🔴 |\n| 4 | CDN | ⬜ |\n";
    expect(items(parse(doc)).map((i) => [i.text, i.status])).toEqual([
      ["Database", "DONE"],
      ["Cache", "IN_PROGRESS"],
      ["Queue", "BLOCKED"],
      ["CDN", "OPEN"],
    ]);
  });

  it("finds the check column by a header like Task Description", () => {
    expect(items(parse("# T\n\n| Task Description | Owner |\n|---|---|\n| Rotate keys | sec |\n")).map((i) => [i.text, i.owner])).toEqual([["Rotate keys", "sec"]]);
  });
});
