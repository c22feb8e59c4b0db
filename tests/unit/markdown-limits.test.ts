import { describe, expect, it } from "vitest";
import { walkSectionItems } from "@/lib/domain/checklist/types";
import { findDeepNesting, MAX_NESTING } from "@/lib/domain/markdown/check-nesting";
import { makeItemKey, newItemKeys } from "@/lib/domain/markdown/item-key";
import { parseChecklist } from "@/lib/domain/markdown/parse-checklist";
import { hasSeeds, readSeed } from "@/tests/helpers/seeds";

const nestedList = (depth: number) => Array.from({ length: depth }, (_, i) => `${"  ".repeat(i)}- [ ] level ${i + 1}`).join("\n");

describe("markdown import: nesting limit, checked before parsing", () => {
  // Each of these took seconds to minutes, or overflowed the stack, in the parser.
  it.each([
    ["200 KB of >", ">".repeat(200_000), 1],
    ["50,000 nested quotes", `${"> ".repeat(50_000)}- [ ] x`, 1],
    ["50,000 nested list markers on one line", `${"- ".repeat(50_000)}[ ] x`, 1],
    ["lists nested by indentation", nestedList(400), MAX_NESTING + 1],
    ["quotes and lists mixed", `# T\n\n${"> - ".repeat(20)}[ ] x`, 3],
    ["lists that stay open across lazy lines", Array.from({ length: 40 }, (_, i) => `${"  ".repeat(i)}- x\nlazy`).join("\n"), 2 * (MAX_NESTING + 1) - 1],
  ])("refuses %s quickly, naming the line", (_label, input, line) => {
    const started = performance.now();
    const result = parseChecklist(input);
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(result).toEqual({ ok: false, error: `Line ${line} nests block quotes or lists more than ${MAX_NESTING} levels deep; the limit is ${MAX_NESTING}.` });
  });

  it(`accepts ${MAX_NESTING} levels`, () => {
    const result = parseChecklist(`# T\n\n${nestedList(MAX_NESTING)}\n`);
    expect(result.ok && [...walkSectionItems(result.checklist.sections)].length).toBe(MAX_NESTING);
    expect(findDeepNesting(`${"> ".repeat(MAX_NESTING)}x`)).toBeNull();
    expect(findDeepNesting(`${"> ".repeat(MAX_NESTING + 1)}x`)).toEqual({ line: 1 });
  });

  it("does not count what only looks like nesting: code, thematic breaks, sibling lists", () => {
    const deepYaml = Array.from({ length: 60 }, (_, i) => `${"  ".repeat(i)}- key${i}:`).join("\n");
    const document = [
      "# T",
      "- [ ] item",
      "  ```yaml",
      deepYaml,
      "  ```",
      "",
      "~~~",
      ">".repeat(100),
      "~~~",
      `${"- ".repeat(40)}`.trim(),
      `${"* ".repeat(40)}`.trim(),
      ...Array.from({ length: 100 }, () => "- [ ] sibling\n  - [ ] child"),
    ].join("\n");
    expect(findDeepNesting(document)).toBeNull();
    expect(parseChecklist(document).ok).toBe(true);
  });

  it.skipIf(!hasSeeds).each(["deployment-checklist.md", "readiness-plan-go-no-go.md", "action-plan.md"])("passes the seed document %s", (name) => {
    expect(findDeepNesting(readSeed(name).toString("utf8"))).toBeNull();
  });
});

describe("markdown import: item keys", () => {
  it("gives identical texts keys in linear time", () => {
    // Counting lookups, not time: before, each key tried every suffix from 2 (12.5 million for 5,000).
    let lookups = 0;
    const keys = newItemKeys();
    const has = keys.taken.has.bind(keys.taken);
    keys.taken.has = (key: string) => {
      lookups += 1;
      return has(key);
    };
    const made = Array.from({ length: 5_000 }, () => makeItemKey("Same", keys));
    expect(made.slice(0, 3)).toEqual(["same", "same-2", "same-3"]);
    expect(new Set(made).size).toBe(5_000);
    expect(lookups).toBeLessThan(3 * 5_000);
  });

  it("gives the keys counting from 2 would, when texts collide with suffixed keys", () => {
    const keys = newItemKeys();
    const made = ["Same", "Same 3", "Same", "Same", "Same 2", "Same", "Same-2"].map((text) => makeItemKey(text, keys));
    expect(made).toEqual(["same", "same-3", "same-2", "same-4", "same-2-2", "same-5", "same-2-3"]);
  });
});

describe("markdown import: long runs of spaces", () => {
  // Patterns like /\s*\n\s*/ and /\s*✅\s*/ backtracked quadratically: each of these took 15–50 s.
  const spaces = " ".repeat(100_000);
  it.each([
    ["an item", `- [ ] a${spaces}b`, { text: `a${spaces}b` }],
    ["a done item", `- [ ] a${spaces}b ✅`, { text: `a${spaces}b`, status: "DONE" }],
    ["an owner", `- [ ] x\n  - Owner: a${spaces}b`, { owner: `a${spaces}b` }],
    ["a heading", `# T\n\n## a${spaces}b ##\n\n- [ ] x`, { text: "x" }],
  ])("in %s parse in linear time", (_label, markdown, expected) => {
    const started = performance.now();
    const result = parseChecklist(markdown);
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(result.ok && [...walkSectionItems(result.checklist.sections)][0]?.item).toMatchObject(expected);
  });
});
