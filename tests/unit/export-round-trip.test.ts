import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { storableText } from "@/lib/data/text";
import { ITEM_KINDS, SEVERITIES, walkSectionItems, type TChecklist, type TChecklistItem, type TItemStatus } from "@/lib/domain/checklist/types";
import { exportMarkdown } from "@/lib/domain/markdown/export-markdown";
import { toOneLine } from "@/lib/domain/markdown/inline-text";
import { UNTITLED_ITEM } from "@/lib/domain/markdown/item-builder";
import { MAX_EVIDENCE_AGE_DAYS, writeSeverityMarker } from "@/lib/domain/markdown/item-meta";
import { parseChecklist } from "@/lib/domain/markdown/parse-checklist";
import { hasMojibakeLookalikes } from "@/lib/domain/markdown/repair-mojibake";

// Whatever people type into an owner, an N/A reason or an evidence link, export → import
// gives back the same field, and the document keeps its structure (no new heading, item or
// sub-bullet). Values are taken as the database stores them (lib/data/text.ts): NUL and lone
// surrogates are already U+FFFD there, and a file cannot carry them anyway.

function item(overrides: Partial<TChecklistItem>): TChecklistItem {
  return {
    key: "k",
    text: "Check",
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
    ...overrides,
  };
}

/** The item under test, with a child and a sibling that must come back as they were. */
function roundTrip(overrides: Partial<TChecklistItem>) {
  const checklist: Pick<TChecklist, "title" | "sections"> = {
    title: "Release",
    sections: [
      {
        title: "Ops",
        items: [item({ ...overrides, children: [item({ text: "Child", owner: "child-owner" })] }), item({ text: "Sibling", status: "DONE" })],
        sections: [],
      },
    ],
  };
  const result = parseChecklist(exportMarkdown(checklist));
  if (!result.ok) throw new Error(result.error);
  const { sections } = result.checklist;
  expect(sections.map((section) => section.title)).toEqual(["Ops"]);
  const [read, sibling, ...rest] = sections[0]!.items;
  expect(rest).toEqual([]);
  expect([sibling?.text, sibling?.status, sibling?.owner]).toEqual(["Sibling", "DONE", null]);
  expect(read!.children.map((child) => [child.text, child.owner, child.children.length])).toEqual([["Child", "child-owner", 0]]);
  expect(read!.detail).toBeNull();
  return read!;
}

const DANGEROUS = [
  "\n", "\r", "\r\n", "\n\n", "\t", " ", "  ", "\u00a0", "\u2028", "\u000b", "\u000c", "\ufeff", "\u0085",
  "#", "## Notes", "- [x] ", "- [ ] ", "* ", "1. ", "> ", "```", "~~~", "---", "===",
  "`", "<", ">", "*", "_", "[", "]", "(", ")", "|", "\\", "&", "&amp;", "&#10;", "&#x20;", "~", "$", "!", ":",
  "<b>", "<!--", "-->", "<https://x.example>", "https://x.example", "[a](b)", "\\*",
  "Owner: ", "N/A: ", "Status: Blocked", "Origin: release only", "CI: ", "Evidence: ", "✅", ":white_check_mark:",
  " (advisory)", "(Optional)", "Role: check", "Level: ", "Levels: ", "Evidence: required, 30 days", ",",
  "🚀", "é", "Ã©", "âœ…", "Ã", "ç", "ã", "日本語", "\u0301", "x", "sre",
];
const dangerous = fc.array(fc.constantFrom(...DANGEROUS), { minLength: 1, maxLength: 12 }).map((parts) => parts.join(""));
const anyText = fc
  .oneof(fc.string({ minLength: 1 }), fc.string({ unit: "binary", minLength: 1 }), fc.string({ unit: "grapheme", minLength: 1 }), dangerous, dangerous)
  .map(storableText);

describe("markdown export escapes what people type", () => {
  it("marks an item added to one release only, and reads the mark back instead of making it a sub-item", () => {
    const markdown = exportMarkdown({ title: "R", sections: [{ title: "Ops", items: [item({ text: "Hotfix smoke test", releaseOnly: true, status: "BLOCKED" })], sections: [] }] });
    expect(markdown).toContain("- [ ] Hotfix smoke test\n  - Origin: release only\n  - Status: Blocked");
    const read = roundTrip({ releaseOnly: true, owner: "sre" });
    expect([read.releaseOnly, read.owner]).toEqual([true, "sre"]);
    // Outside an export the line is content, as any other line would be.
    const plain = parseChecklist("# R\n\n## Ops\n\n- [ ] Check\n  - Origin: release only\n");
    expect(plain.ok && plain.checklist.sections[0]!.items[0]!.releaseOnly).toBeFalsy();
  });

  it("round-trips an item's CI check, read in any document", () => {
    expect(roundTrip({ ciCheck: "integration-tests" }).ciCheck).toBe("integration-tests");
    const plain = parseChecklist("# R\n\n## Ops\n\n- [ ] Check\n  - CI: e2e *suite*\n");
    expect(plain.ok && plain.checklist.sections[0]!.items[0]!).toMatchObject({ ciCheck: "e2e *suite*", children: [] });
  });

  it("keeps the owner from the issue as one owner", () => {
    const owner = "sre\n\n## Notes\n\n- [x] Shipped\n  - Owner: mallory";
    expect(roundTrip({ owner }).owner).toBe(owner);
  });

  it("writes plain values as they are", () => {
    const exported = exportMarkdown({ title: "R", sections: [{ title: "S", items: [item({ owner: "alice@example.com", naReason: "No Redis here (see ADR-7).", status: "NOT_APPLICABLE" })], sections: [] }] });
    expect(exported).toContain("  - Owner: alice@example.com\n  - N/A: No Redis here (see ADR-7).\n");
  });

  it("round-trips any owner", () => {
    fc.assert(
      fc.property(anyText, (owner) => {
        expect(roundTrip({ owner }).owner).toBe(owner);
      }),
      { numRuns: 500 },
    );
  });

  it("round-trips any N/A reason, with the status and an owner around it", () => {
    fc.assert(
      fc.property(anyText, anyText, (naReason, owner) => {
        const read = roundTrip({ status: "NOT_APPLICABLE", naReason, owner });
        expect([read.status, read.naReason, read.owner]).toEqual(["NOT_APPLICABLE" satisfies TItemStatus, naReason, owner]);
      }),
      { numRuns: 500 },
    );
  });

  it("round-trips any http(s) evidence link", () => {
    const link = fc.tuple(fc.constantFrom("https://", "http://", "HTTPS://"), fc.oneof(fc.webUrl().map((url) => url.replace(/^https?:\/\//, "")), anyText), fc.oneof(fc.constant(""), anyText));
    fc.assert(
      fc.property(fc.array(link.map(([scheme, rest, tail]) => storableText(scheme + rest + tail)), { minLength: 1, maxLength: 3 }), (evidenceLinks) => {
        expect(roundTrip({ evidenceLinks }).evidenceLinks).toEqual(evidenceLinks);
      }),
      { numRuns: 500 },
    );
  });

  // Item texts are markdown (the importer keeps "`code`" and "**bold**" as written) and are
  // read on one line but for hard breaks: other line breaks and the whitespace around them
  // become one space, the ends are trimmed. The guarantee: a text that came from an import
  // comes back unchanged, and a text without a hard break comes back as that normalisation
  // of it. Left out: ✅ and :white_check_mark:, which the importer reads as "done", and runs
  // of characters it repairs as mis-decoded text. An advisory item comes back advisory, its
  // text without the "(advisory)" the export adds; a blocking item whose words end like that
  // marker comes back blocking, the marker's "(" escaped.
  it("round-trips any item text, as the importer normalises it, and its severity", () => {
    fc.assert(
      fc.property(anyText, fc.constantFrom(...SEVERITIES), (text, severity) => {
        const line = toOneLine(text);
        fc.pre(!/\u2705|:white_check_mark:/u.test(line) && !hasMojibakeLookalikes(line));
        const read = roundTrip({ text, severity });
        expect(read.severity).toBe(severity);
        const imported = read.text;
        expect(roundTrip({ text: imported, severity }).text).toBe(imported);
        const expected = severity === "BLOCKING" ? writeSeverityMarker(line || UNTITLED_ITEM, severity) : line || UNTITLED_ITEM;
        if (!/(?:\\| {2,})[ \t]*(?:\r\n|\r|\n)/.test(text)) expect(imported).toBe(expected);
      }),
      { numRuns: 500 },
    );
  });

  // Found by the property above: a line after a hard break started a block of the item's.
  it.each(["a\\\n> quote", "a\\\n## Notes", "a\\\n- [x] done", "a\\\n===", "a\\\n* b", "a\\\n1. one", "a\\\n```"])("keeps %j one item text, advisory or not", (text) => {
    for (const severity of SEVERITIES) {
      const read = roundTrip({ text, severity });
      expect([read.text, read.severity]).toEqual([text, severity]);
    }
  });

  // Role, severity, evidence rule, level and owner, in sections whose headings give roles of
  // their own or none (then the one around them), with the checklist's levels in their order.
  it("round-trips what defines an item, and the checklist's levels", () => {
    const SECTION_TITLES = ["Ops", "Go if all are true", "No-Go if any are true", "Go / No-Go Criteria", "Exit criteria"];
    const definition = fc.record({
      kind: fc.constantFrom(...ITEM_KINDS),
      severity: fc.constantFrom(...SEVERITIES),
      evidenceRequired: fc.boolean(),
      evidenceMaxAgeDays: fc.option(fc.integer({ min: 1, max: MAX_EVIDENCE_AGE_DAYS })),
      level: fc.nat(),
      owner: fc.option(anyText),
    });
    const levelName = anyText.filter((name) => name.trim() !== "");
    fc.assert(
      fc.property(
        fc.uniqueArray(levelName, { maxLength: 4 }),
        fc.constantFrom(...SECTION_TITLES),
        fc.constantFrom(...SECTION_TITLES),
        fc.array(definition, { minLength: 3, maxLength: 6 }),
        (levels, outer, inner, definitions) => {
          const defined = definitions.map(({ level, ...rest }, i) =>
            item({ ...rest, text: `Item ${i}`, requiredLevel: level % (levels.length + 1) < levels.length ? levels[level % (levels.length + 1)]! : null }),
          );
          const [parent, child, ...rest] = defined as [TChecklistItem, TChecklistItem, ...TChecklistItem[]];
          const checklist = {
            title: "Release",
            levels,
            sections: [{ title: outer, items: [{ ...parent, children: [child] }], sections: [{ title: inner, items: rest, sections: [] }] }],
          };
          const exported = exportMarkdown(checklist);
          const result = parseChecklist(exported);
          if (!result.ok) throw new Error(result.error);
          const pick = (i: TChecklistItem) => [i.text, i.kind, i.severity, i.evidenceRequired, i.evidenceMaxAgeDays, i.requiredLevel, i.owner, i.detail];
          expect([...walkSectionItems(result.checklist.sections)].map(({ item: read }) => pick(read))).toEqual(
            [parent, child, ...rest].map(pick),
          );
          expect(result.checklist.levels).toEqual(levels);
          expect(exportMarkdown(result.checklist)).toBe(exported);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("keeps a title or section title with line breaks to its one heading", () => {
    const exported = exportMarkdown({ title: "R\n\n## Injected\n\n- [x] item", sections: [{ title: "S\n- [ ] injected", items: [item({})], sections: [] }] });
    const result = parseChecklist(exported);
    if (!result.ok) throw new Error(result.error);
    expect(result.checklist.title).toBe("R ## Injected - [x] item");
    expect(result.checklist.sections.map((section) => [section.title, section.items.length, section.sections.length])).toEqual([["S - [ ] injected", 1, 0]]);
  });

  // Found by the properties above: an e-mail address right after an escape crashed the importer.
  it.each([
    ["- [ ] \\_@0.A", "\\_@0.A", "0-a"],
    ["- [ ] *a* \\_@0.A b", "*a* \\_@0.A b", "a-0-a-b"],
    ["| Check | Level A |\n| - | - |\n| x\\_@a.co | ✅ |", "x\\_@a.co", "x-a-co"],
  ])("reads %j, which GFM leaves partly without source positions", (markdown, text, key) => {
    const result = parseChecklist(`# T\n\n${markdown}\n`);
    expect(result.ok && result.checklist.sections[0]!.items.map((read) => [read.text, read.key])).toEqual([[text, key]]);
  });

  it("reads such a heading and owner too", () => {
    const result = parseChecklist("# \\_@0.A ##\n\n- [ ] x\n  - Owner: \\_@0.A\n");
    expect(result).toMatchObject({ ok: true, checklist: { title: "\\_@0.A", sections: [{ items: [{ owner: "_@0.A" }] }] } });
  });
});
