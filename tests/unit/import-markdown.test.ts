import fc from "fast-check";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { walkSectionItems, type TChecklist } from "@/lib/domain/checklist/types";
import { MAX_ITEMS, parseChecklist } from "@/lib/domain/markdown/parse-checklist";
import { summarizeChecklist } from "@/lib/domain/markdown/summarize-checklist";

function parse(markdown: string, mode?: "tasks" | "lists"): TChecklist {
  const result = parseChecklist(markdown, { mode });
  if (!result.ok) throw new Error(result.error);
  return result.checklist;
}
const items = (checklist: TChecklist) => [...walkSectionItems(checklist.sections)].map(({ item }) => item);
const texts = (checklist: TChecklist) => items(checklist).map((item) => item.text);

describe("markdown import: task documents", () => {
  const doc = `# Launch checklist

Intro paragraph, not an item.

## Security

- [ ] Rotate secrets
  - [x] Database password
  - [ ] API keys
  - a plain note under the item
- [x] TLS everywhere
* [ ] Other marker works too
1. [ ] Ordered task

\`\`\`yaml
- [ ] not an item: inside a code fence
\`\`\`

- plain bullet in a task document: not an item
  - [ ] but a task nested in it is

### Nested section

- [ ] Deep item ✅
`;

  it("takes only task items, nests child tasks, and keeps the rest as detail", () => {
    const checklist = parse(doc);
    expect(checklist.mode).toBe("tasks");
    expect(checklist.title).toBe("Launch checklist");
    expect(texts(checklist)).toEqual([
      "Rotate secrets",
      "Database password",
      "API keys",
      "TLS everywhere",
      "Other marker works too",
      "Ordered task",
      "but a task nested in it is",
      "Deep item",
    ]);
    const rotate = checklist.sections[0]?.items[0];
    expect(rotate?.children.map((c) => c.text)).toEqual(["Database password", "API keys"]);
    expect(rotate?.detail).toBe("* a plain note under the item");
    expect(checklist.sections[0]?.sections[0]?.title).toBe("Nested section");
  });

  it("marks [x] and ✅ items done, and removes the mark from the text", () => {
    const states = Object.fromEntries(items(parse(doc)).map((item) => [item.text, item.status]));
    expect(states).toMatchObject({ "TLS everywhere": "DONE", "Database password": "DONE", "Deep item": "DONE", "API keys": "OPEN" });
  });

  it("keeps code blocks inside an item as its detail", () => {
    const checklist = parse("# T\n\n- [ ] Run migrations\n\n  ```sh\n  npm run db:migrate\n  ```\n");
    expect(items(checklist)[0]?.detail).toBe("```sh\nnpm run db:migrate\n```");
  });

  it("puts items before the first section heading in a section named after the title", () => {
    expect(parse("# Ops\n\n- [ ] First\n\n## Later\n\n- [ ] Second\n").sections.map((s) => s.title)).toEqual(["Ops", "Later"]);
  });

  it("drops sections with no items", () => {
    expect(parse("# T\n\n## Empty\n\nJust text.\n\n## Full\n\n- [ ] x\n").sections.map((s) => s.title)).toEqual(["Full"]);
  });
});

describe("markdown import: plans without task items", () => {
  it("makes every list item an item, nested ones children", () => {
    const checklist = parse("# Plan\n\n## Steps\n\n- One\n  - One A\n  - One B\n- Two\n\n  Two's detail.\n");
    expect(checklist.mode).toBe("lists");
    expect(summarizeChecklist(checklist)).toMatchObject({ items: 4, topLevelItems: 2, maxDepth: 2 });
    expect(items(checklist)[3]).toMatchObject({ text: "Two", detail: "Two's detail." });
  });

  it("can be forced to lists mode even when task items exist", () => {
    expect(texts(parse("# T\n\n- [ ] task\n- plain\n", "lists"))).toEqual(["task", "plain"]);
  });
});

describe("markdown import: go and no-go sections", () => {
  it.each([
    ["Go if all are true", "GO_CRITERION"],
    ["Definition of Done", "GO_CRITERION"],
    ["No-Go if any are true", "NO_GO_CONDITION"],
    ["No go conditions", "NO_GO_CONDITION"],
    ["Go / No-Go Criteria", "CHECK"],
    ["Goals", "CHECK"],
  ])("a section titled %j makes %s items", (title, kind) => {
    expect(items(parse(`# T\n\n## ${title}\n\n- [ ] thing\n`))[0]?.kind).toBe(kind);
  });

  it("passes the kind down to nested sections", () => {
    expect(items(parse("# T\n\n## No-Go if any are true\n\n### Data\n\n- [ ] data loss\n"))[0]?.kind).toBe("NO_GO_CONDITION");
  });
});

describe("markdown import: check tables with maturity levels", () => {
  const table = `# Maturity

## Checks

| Check | Description | Level C | Level B | Level A |
| --- | --- | :-: | :-: | :-: |
| Health endpoint | \`/healthz\` answers | ✅ | ✅ | ✅ |
| Load test | Tested at 2x peak |  | :white_check_mark: | ✅ |
| Chaos drills | Quarterly |  |  | ✅ |
| Wishlist | Nice to have |  |  |  |
`;

  it("imports one item per row with the lowest level that requires it", () => {
    const checklist = parse(table);
    expect(checklist.levels).toEqual(["Level C", "Level B", "Level A"]);
    expect(items(checklist).map((i) => [i.text, i.requiredLevel, i.detail])).toEqual([
      ["Health endpoint", "Level C", "`/healthz` answers"],
      ["Load test", "Level B", "Tested at 2x peak"],
      ["Chaos drills", "Level A", "Quarterly"],
      ["Wishlist", null, "Nice to have"],
    ]);
  });

  it("ignores tables without level columns", () => {
    const result = parseChecklist("# T\n\n| a | b |\n| - | - |\n| 1 | 2 |\n");
    expect(result.ok).toBe(false);
  });
});

describe("markdown import: mojibake", () => {
  const misdecode = (text: string, encoding: string) => iconv.decode(Buffer.from(text, "utf8"), encoding);

  it.each(["win1252", "macintosh"])("repairs UTF-8 read as %s", (encoding) => {
    const checklist = parse(misdecode("# Launch ✅ plan\n\n- [ ] Café menu — ready ✅\n", encoding));
    expect(checklist.title).toBe("Launch ✅ plan");
    expect(items(checklist)[0]).toMatchObject({ text: "Café menu — ready", status: "DONE" });
    expect(checklist.warnings.join()).toMatch(/Repaired/);
  });

  it("repairs the rocket emoji from Windows-1252", () => {
    expect(parse("# ðŸš€ Launch\n\n- [ ] go\n").title).toBe("🚀 Launch");
  });

  it("leaves correct text alone", () => {
    const checklist = parse("# Café — “naïve” ✅\n\n- [ ] Größe prüfen\n");
    expect(checklist.title).toBe("Café — “naïve” ✅");
    expect(texts(checklist)).toEqual(["Größe prüfen"]);
    expect(checklist.warnings).toEqual([]);
  });
});

describe("markdown import: bad input changes nothing and says why", () => {
  it.each([
    ["empty", "", /empty/],
    ["binary", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]), /binary/],
    ["not UTF-8", Buffer.from([0x66, 0xff, 0xfe, 0x41]), /not UTF-8/],
    ["over 1 MB", "- [ ] x\n".repeat(140_000), /limit is 1 MB/],
    ["no items", "# Title\n\nJust prose.\n", /No checklist items found/],
  ])("%s", (_label, input, message) => {
    const result = parseChecklist(input as string);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(message);
  });

  it(`refuses more than ${MAX_ITEMS} items`, () => {
    const result = parseChecklist(`# Big\n\n${"- [ ] x\n".repeat(MAX_ITEMS + 1)}`);
    expect(result).toEqual({ ok: false, error: `The document has ${MAX_ITEMS + 1} items; the limit is ${MAX_ITEMS}.` });
  });

  it("gives every item a unique key", () => {
    const keys = items(parse("# T\n\n- [ ] Same\n- [ ] Same\n- [ ] Same!\n")).map((i) => i.key);
    expect(keys).toEqual(["same", "same-2", "same-3"]);
  });
});

describe("markdown import: fuzz", () => {
  const fragment = fc.constantFrom(
    "# Title",
    "## Section",
    "### Sub",
    "- [ ] task",
    "- [x] done",
    "  - [ ] nested",
    "- plain",
    "    - deep",
    "1. ordered",
    "```",
    "~~~",
    "| a | Level B |",
    "| - | - |",
    "| x | ✅ |",
    "> quote",
    "✅",
    "âœ…",
    "",
    "text with `code`",
    "<div>",
    "[link](http://x)",
  );
  const doc = fc.oneof(
    fc.array(fragment, { maxLength: 40 }).map((lines) => lines.join("\n")),
    fc.string({ maxLength: 400 }),
    fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes)),
  );

  it("never throws: returns items or a clear error", () => {
    fc.assert(
      fc.property(doc, (input) => {
        const result = parseChecklist(input);
        if (result.ok) expect(summarizeChecklist(result.checklist).items).toBeGreaterThan(0);
        else expect(result.error).toMatch(/\S/);
      }),
      { numRuns: 400 },
    );
  });
});
