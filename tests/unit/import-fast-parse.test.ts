import { createHash } from "node:crypto";
import { readdirSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { generatedChecklist } from "@/bench/lib/checklists";
import type { TChecklistItem } from "@/lib/domain/checklist/types";
import { exportMarkdown } from "@/lib/domain/markdown/export-markdown";
import { parseChecklist, parseChecklistReference, type TParseOptions } from "@/lib/domain/markdown/parse-checklist";
import { parseTree, parseTreeReference } from "@/lib/domain/markdown/parse-tree";
import { hasSeeds, readSeed, SEEDS_DIR } from "@/tests/helpers/seeds";

// The import builds plain parts of a document without micromark and parses the rest in
// stretches (docs/decisions/0011-faster-import.md). Its tree and checklist must be the ones a
// whole-document remark parse gives (the reference) for any input, and the checklists the
// same as before the change: for the seed documents, hashes of the old parser's results.

const MODES: (TParseOptions["mode"] | undefined)[] = [undefined, "tasks", "lists"];
const sha256 = (text: string | Buffer) => createHash("sha256").update(text).digest("hex");

function expectSameAsReference(source: string | Buffer, mode?: TParseOptions["mode"]) {
  const options = mode ? { mode } : {};
  expect(parseChecklist(source, options)).toStrictEqual(parseChecklistReference(source, options));
}

function expectSameTree(source: string) {
  expect(parseTree(source)).toStrictEqual(parseTreeReference(source));
}

// sha256(JSON.stringify(parseChecklist(seed, { mode }))) by the parser before the change, for
// the seed whose bytes have the given sha256 (another version of a seed is only compared with
// the reference).
const OLD_RESULTS: Record<string, { source: string; auto: string; tasks: string; lists: string }> = {
  "action-plan.md": {
    source: "9ed9736981286411f6a4e1458c1c82121313e4cba671645c6063f190b53fd6b1",
    auto: "733cb29c2f71d073d75149ba8731715a798625390f9d73468aab1ef326074300",
    tasks: "a3f4fac81d90e9e33240c56ef6b3ff9e1eb566e58f5aa2c48fc3f1620a418c2d",
    lists: "733cb29c2f71d073d75149ba8731715a798625390f9d73468aab1ef326074300",
  },
  "deployment-checklist.md": {
    source: "4e6667a90a29928e0a7b583661770d6a61d787df86a16be4b9b92e64e58a1817",
    auto: "5a573b3787455faf5cee5fe6be38d62d888276fdc54305d0379a4bf5e3079899",
    tasks: "5a573b3787455faf5cee5fe6be38d62d888276fdc54305d0379a4bf5e3079899",
    lists: "a3e18042fc956886e9fd575294518e6ff9832c8190e02fe0125e2e7cccbcdc8d",
  },
  "readiness-plan-go-no-go.md": {
    source: "d986e010fee1e6d2dc1f1d7e3862255e443a5e21bc20f40fa716c8a8adb41c68",
    auto: "2dc9fd29d9cf605e7197d934fcaecacefe896fca7f41725aeca249564a319fc3",
    tasks: "a3f4fac81d90e9e33240c56ef6b3ff9e1eb566e58f5aa2c48fc3f1620a418c2d",
    lists: "2dc9fd29d9cf605e7197d934fcaecacefe896fca7f41725aeca249564a319fc3",
  },
};
const OLD_GENERATED: Record<number, string> = {
  1: "8a16169f86df47d3432fbb5fd0cf2233c7faf398b38db23e2234c94ac6ee165c",
  30: "b70f8bd0ec5a6cce2ef880f8954d3631bd8e2a428d3fb1914f9d44983831e11e",
  1000: "cafbe4fc9ee63d1fec43ae8ed4a282029ca124b0af49287ea670b880181f93ff",
  5000: "b8b948ef1e5fae6fd152187d12dbcfb9c9bcce6aa3a9299fa205212393f720ac",
};

const seeds = hasSeeds ? readdirSync(SEEDS_DIR).filter((name) => name.endsWith(".md")).sort() : [];

describe.skipIf(!hasSeeds)(`fast import parse: the seed documents (${SEEDS_DIR})`, () => {
  it.each(seeds)("%s: the same tree and checklist as the reference, in every mode", (name) => {
    const source = readSeed(name);
    expectSameTree(source.toString("utf8"));
    for (const mode of MODES) expectSameAsReference(source, mode);
  });

  it.each(seeds)("%s: the same checklist as before the change", (name) => {
    const source = readSeed(name);
    const old = OLD_RESULTS[name];
    if (!old || old.source !== sha256(source)) {
      console.warn(`No result of the old parser for this version of ${name}: compared with the reference only.`);
      return;
    }
    expect(MODES.map((mode) => sha256(JSON.stringify(parseChecklist(source, mode ? { mode } : {}))))).toEqual([old.auto, old.tasks, old.lists]);
  });

  it.each(seeds)("%s, exported and imported again: the same as the reference", (name) => {
    const result = parseChecklist(readSeed(name));
    // A document without items has no export; the tests above compared its error.
    if (!result.ok) return;
    const exported = exportMarkdown(result.checklist);
    expectSameTree(exported);
    expectSameAsReference(exported);
  });
});
if (!hasSeeds) it.skip(`fast import parse: seed documents skipped, ${SEEDS_DIR} is not there`, () => {});

describe("fast import parse: generated checklists", () => {
  it.each([1, 24, 25, 26, 101, 1000, 5000])("%i items: the same as the reference and as before", (size) => {
    const source = generatedChecklist(size);
    expectSameTree(source);
    expectSameAsReference(source);
    if (OLD_GENERATED[size]) expect(sha256(JSON.stringify(parseChecklist(source)))).toBe(OLD_GENERATED[size]);
  });

  it("an exported generated checklist: the same as the reference", () => {
    const result = parseChecklist(generatedChecklist(60));
    if (!result.ok) throw new Error(result.error);
    const exported = exportMarkdown(result.checklist);
    expectSameTree(exported);
    expectSameAsReference(exported);
  });
});

const item = (key: string, text: string, more: Partial<TChecklistItem> = {}): TChecklistItem => ({
  key,
  text,
  detail: null,
  kind: "CHECK",
  severity: "BLOCKING",
  evidenceRequired: false,
  evidenceMaxAgeDays: null,
  requiredLevel: null,
  status: "OPEN",
  owner: null,
  naReason: null,
  evidenceLinks: [],
  children: [],
  ...more,
});
const role = { kind: "CHECK", fromHeading: false } as const;

describe("fast import parse: small documents, expected output written by hand", () => {
  it("a reference link in one section, defined in another after a plain one", () => {
    const doc = "# T\n\n## Links\n\n- [ ] See [the runbook][rb]\n\n## Plain\n\n- [ ] Plain item\n\n## References\n\n[rb]: https://runbook.example\n";
    expect(parseChecklist(doc)).toStrictEqual({
      ok: true,
      checklist: {
        title: "T",
        mode: "tasks",
        levels: [],
        sections: [
          { title: "Links", items: [item("see-the-runbook", "See [the runbook](https://runbook.example)")], sections: [], role },
          { title: "Plain", items: [item("plain-item", "Plain item")], sections: [], role },
        ],
        warnings: [],
      },
    });
  });

  it("a plain task list with code spans, a done item and a blank line between items", () => {
    const doc = "# Release\n\nIntro `x` text.\n\n## Checks\n\n- [ ] First `cfg` check\n- [x] Second & last\n\n- [ ] Third\n";
    expect(parseChecklist(doc)).toStrictEqual({
      ok: true,
      checklist: {
        title: "Release",
        mode: "tasks",
        levels: [],
        sections: [
          {
            title: "Checks",
            items: [item("first-cfg-check", "First `cfg` check"), item("second-last", "Second & last", { status: "DONE" }), item("third", "Third")],
            sections: [],
            role,
          },
        ],
        warnings: [],
      },
    });
  });

  it("a plain list without a title", () => {
    expect(parseChecklist("## Ops\n\n- one\n- two\n")).toStrictEqual({
      ok: true,
      checklist: {
        title: "Ops",
        mode: "lists",
        levels: [],
        sections: [{ title: "Ops", items: [item("one", "one"), item("two", "two")], sections: [], role }],
        warnings: ["The document has no top-level (#) heading; its title is taken from its first section."],
      },
    });
  });

  it("headings and items inside a fenced code block stay code", () => {
    const doc = "# T\n\n```\n# not a heading\n- [ ] not an item\n```\n\n## S\n\n- [ ] real\n";
    expect(parseChecklist(doc)).toStrictEqual({
      ok: true,
      checklist: { title: "T", mode: "tasks", levels: [], sections: [{ title: "S", items: [item("real", "real")], sections: [], role }], warnings: [] },
    });
  });

  it("a fence left open runs to the end of the document, over a heading that looks plain", () => {
    const doc = "# T\n\n- [ ] a\n\n```\n## S\n- [ ] b\n";
    expect(parseChecklist(doc)).toStrictEqual({
      ok: true,
      checklist: { title: "T", mode: "tasks", levels: [], sections: [{ title: "T", items: [item("a", "a")], sections: [], role }], warnings: [] },
    });
  });
});

// Lines as readiness documents and exports write them, and the ones that are almost plain.
const LINES = [
  ...["", "", "", "", "# T", "## Section", "### x `y`", "#### a # b", "#", "#x", "####### x", "## ", "##  two", " # indented", "## trailing #"],
  ...["# a\t", "#\tTab", "## 1. Go if all are true", "## Backup & Recovery", "## Go / No-Go", "Setext", "===", "---", "***", "___", "- - -"],
  ...["- [ ] a", "- [x] B c", "- [X] ü", "* [ ] a", "+ b", "- b", "- [ ] `x` y", "- [ ] `x`", "- `c` d", "- [ ]", "- [ ] ", "- [ ]  two", "-  two"],
  ...["  - nested", "    - deep", "  - [ ] nested task", "  continued", "1. one", "2) two", "- a  ", "- a\\", "- **b**", "- [link](u)", "- www.x.com"],
  ...["- a@b.co", "- <b>", "- a | b", "- 🚀 emoji", "- é", "- \u00a0x", "- [ ] x `a@b.c` y", "- [ ] `` x ``", "- ` a `", "- `  `", "- R&D", "- A & B"],
  ...["- a &amp; b", "- & end", "- a&", "- x &#x41;", "- [ ] Use & `code`", "- `&amp;`", "- [ ] Status: done", "- Owner: Ann", "- Level: Gold", "- ✅ done"],
  ...["Text", "More text here.", "Para `code`", "`code` first", "2024 plan", "text with # hash", "a | b", "|---|---|", "| a | b |", ":-|-:"],
  ...["| Check | Level A |", "| x | ✅ |", "> quote", "> - [ ] quoted", "```", "```js", "~~~", "<div>", "</div>", "<pre>", "</pre>", "<!-- c -->"],
  ...["<!-- open", "-->", "a -->", "<!-->", "<!--->", "<!---->", "<!-- a -->b", "<!-- preflight-export v1: the Status -->", "    indented code"],
  ...["\tTab", "[a]: http://x", "[a]", "[^1]", "[^1]: note", "&amp;", "\\*", "a  ", " lead", "_x_", "*y*", "~~z~~", "http://x.y", "ÿ", "🙂 smile"],
  ...["\u00a0nbsp", "Levels: Bronze, Silver", "`", "a`b", "x ` y ` z", "âœ… mojibake", "a\r", "\r"],
  // Blocks in a list or quote that end differently at the end of a stretch than before a heading.
  ...["  ```", "  ~~~", "-  ``` x", "- ```", "  <div>", "- <div>", "> ```", "> <div>", "-", ">", "1.", "- [ ]", "  - [ ] `x`", "      indented in item", "- <!-- c -->", "  <!-- c -->", "> <!-- open", "  | a | b |", "  |---|---|"],
];
const lineDocument = fc
  .tuple(fc.array(fc.constantFrom(...LINES), { maxLength: 30 }), fc.constantFrom("", "\n", "\n\n"))
  .map(([lines, end]) => lines.join("\n") + end);

// Mostly plain documents, with now and then a character or word that is not.
const word = fc.oneof(
  { weight: 12, arbitrary: fc.constantFrom("check", "the", "Service", "é", "🚀", "2FA", "(32+)", "a.b", "x:", "R&D", "&", "`code`", "`a b`", "` x `", "—") },
  { weight: 1, arbitrary: fc.constantFrom("*", "_", "[", "]", "<", ">", "|", "@", "www.", "http://", "\\", "&amp;", "#", "`", "~", "", " ", "\t", "!", "[x]", "[a]", "[^a]") },
);
const words = fc.array(word, { minLength: 1, maxLength: 6 }).map((list) => list.join(" "));
const plainLine = fc.oneof(
  { weight: 3, arbitrary: fc.constant("") },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom("# ", "## ", "### "), words).map(([hashes, text]) => hashes + text) },
  { weight: 6, arbitrary: fc.tuple(fc.constantFrom("- [ ] ", "- [x] ", "- ", "* ", "  - "), words).map(([marker, text]) => marker + text) },
  { weight: 2, arbitrary: words },
  // A definition anywhere gives the words "[a]" everywhere a link.
  { weight: 1, arbitrary: fc.constantFrom("[a]: https://a.example", "[^a]: A note", "```", "<!-- open", ...LINES) },
);
const plainDocument = fc.array(plainLine, { maxLength: 30 }).map((lines) => `${lines.join("\n")}\n`);

const CHARS = [..."ab #-*+`[]()!<>|@&\\_~:.;\n\n\n  x1é🚀\t=\u00a0"];
const charDocument = fc.array(fc.constantFrom(...CHARS), { maxLength: 80 }).map((chars) => chars.join(""));

// Where a stretch ends matters (found by the properties below and by longer runs of them).
const TRICKY = [
  "-  ``` check\n# check",
  "- a\n  ```\n# h\n",
  "- a\n  ```\n  code\n# h\n- [ ] b\n",
  "> ```\n# h\n",
  "- <div>\n# h\n",
  "- a\n\n      code\n# h\n",
  "```\n# h\n- [ ] b\n",
  "<div>\n# h\n- [ ] b\n",
  "<!-- open\n# h\n-->\n- [ ] b\n",
  "<!-- c -->\n# h\n- [ ] b\n",
  "<!-->\n# h\n- [ ] b\n",
  "-\n# h\n",
  "- [ ] a\n\n# h\n\n- [ ] b",
  "| a |\n|---|\n| b |\n# h\n- [ ] c\n",
  "See [a]\n\n# h\n\n- [ ] b\n\n# i\n\n[a]: https://a.example\n",
];

describe("fast import parse: fuzz against the reference", () => {
  it.each(TRICKY)("%j: the same tree and checklist", (source) => {
    expectSameTree(source);
    for (const mode of MODES) expectSameAsReference(source, mode);
  });

  it.each([
    ["documents of typical and tricky lines", lineDocument],
    ["mostly plain documents", plainDocument],
    ["strings of Markdown's characters", charDocument],
  ])("%s: the same tree and checklist", (_, documents) => {
    fc.assert(
      fc.property(documents, fc.constantFrom(...MODES), (source, mode) => {
        expectSameTree(source);
        expectSameAsReference(source, mode);
      }),
      { numRuns: 300 },
    );
  });
});
