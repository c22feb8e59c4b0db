import { describe, expect, it } from "vitest";
import { INLINE_LIMITS, parseInlineMarkdown, parseMarkdownBlocks, plainInlineText, replaceShortcodes } from "@/lib/domain/markdown/inline-markdown";

const text = (value: string) => ({ type: "text", value });
const link = (href: string, label: string) => ({ type: "link", href, children: [text(label)] });

describe("inline markdown: what a reader sees of an item text or a title", () => {
  it("formats emphasis, strong, strikethrough and code spans", () => {
    expect(parseInlineMarkdown("Change `SECRET_KEY` to a **strong**, *random* value ~~soon~~")).toEqual([
      text("Change "),
      { type: "inlineCode", value: "SECRET_KEY" },
      text(" to a "),
      { type: "strong", children: [text("strong")] },
      text(", "),
      { type: "emphasis", children: [text("random")] },
      text(" value "),
      { type: "delete", children: [text("soon")] },
    ]);
    expect(plainInlineText("Change `SECRET_KEY` to a strong, random value (32+ characters)")).toBe("Change SECRET_KEY to a strong, random value (32+ characters)");
  });

  it("keeps http, https and mailto links, written or autolinked", () => {
    expect(parseInlineMarkdown("[runbook](https://wiki.example.com/r) [ci](http://ci.example.com) [mail](mailto:ops@example.com)")).toEqual([
      link("https://wiki.example.com/r", "runbook"),
      text(" "),
      link("http://ci.example.com", "ci"),
      text(" "),
      link("mailto:ops@example.com", "mail"),
    ]);
    expect(parseInlineMarkdown("<https://a.example> www.example.com ops@example.com")).toEqual([
      link("https://a.example", "https://a.example"),
      text(" "),
      link("http://www.example.com", "www.example.com"),
      text(" "),
      link("mailto:ops@example.com", "ops@example.com"),
    ]);
    expect(plainInlineText("See the [**runbook**](https://x.example)")).toBe("See the runbook");
  });

  it.each([
    ["[run](javascript:alert(1))", "run"],
    ["[run](JaVaScRiPt:alert(1))", "run"],
    ["[run](&#106;avascript:alert(1))", "run"],
    ["[run](java\tscript:alert(1))", "[run](java\tscript:alert(1))"],
    ["[run](vbscript:msgbox(1))", "run"],
    ["[run](data:text/html,<script>alert(1)</script>)", "run"],
    ["[run](/relative/path)", "run"],
    ["[run](page.html)", "run"],
    ["[run](#anchor)", "run"],
    ["[run](//evil.example)", "run"],
    ["<javascript:alert(1)>", "javascript:alert(1)"],
  ])("does not link %s, and keeps its text", (source, shown) => {
    const nodes = parseInlineMarkdown(source);
    expect(JSON.stringify(nodes)).not.toContain('"link"');
    expect(plainInlineText(source)).toBe(shown);
  });

  it("shows raw HTML as the text it is", () => {
    expect(parseInlineMarkdown("<script>alert(1)</script> Script item")).toEqual([text("<script>alert(1)</script> Script item")]);
    expect(parseInlineMarkdown('<img src=x onerror="alert(1)"> Image item')).toEqual([text('<img src=x onerror="alert(1)"> Image item')]);
    expect(parseInlineMarkdown("a <b>bold</b> <!-- c -->")).toEqual([text("a <b>bold</b> <!-- c -->")]);
  });

  it("shows an image as its alt text", () => {
    expect(parseInlineMarkdown("![build *badge*](https://x.example/b.svg) passes")).toEqual([text("build badge passes")]);
  });

  it("turns GitHub shortcodes into emoji, but not in code spans", () => {
    expect(plainInlineText(":rocket: launch :white_check_mark: :warning: :x: :+1:")).toBe("🚀 launch ✅ ⚠️ ❌ 👍");
    expect(plainInlineText(":x::warning: back to back")).toBe("❌⚠️ back to back");
    expect(parseInlineMarkdown("`:rocket:` stays :rocket:")).toEqual([{ type: "inlineCode", value: ":rocket:" }, text(" stays 🚀")]);
    expect(plainInlineText("[:rocket: go](https://x.example)")).toBe("🚀 go");
  });

  it("leaves unknown names, and names an object has but gemoji does not, as written", () => {
    expect(replaceShortcodes(":not_an_emoji: :constructor: :toString: :hasOwnProperty: a:b 10:30:00")).toBe(
      ":not_an_emoji: :constructor: :toString: :hasOwnProperty: a:b 10:30:00",
    );
    expect(replaceShortcodes(":unknown:rocket:")).toBe(":unknown🚀");
  });

  it("keeps hard breaks, a backslash or two spaces at a line's end", () => {
    expect(parseInlineMarkdown("first\\\nsecond  \nthird")).toEqual([text("first"), { type: "break" }, text("second"), { type: "break" }, text("third")]);
    expect(plainInlineText("first\\\nsecond")).toBe("first second");
  });

  it.each(["# Not a heading", "- not a list", "1. not a list", "> not a quote", "    not code", "---", "```js", "[x]: https://not.a.definition"])(
    "reads %j as text, never as a block",
    (source) => {
      expect(plainInlineText(source)).toBe(source.trim());
    },
  );

  it("reads a setext underline as text, and a blank line as a break", () => {
    expect(parseInlineMarkdown("Title\n===")).toEqual([text("Title\n===")]);
    expect(plainInlineText("one\n\ntwo")).toBe("one two");
  });

  it("returns plain text as it is, and nothing for nothing", () => {
    expect(parseInlineMarkdown("Tests pass in CI")).toEqual([text("Tests pass in CI")]);
    expect(parseInlineMarkdown("")).toEqual([]);
    expect(plainInlineText("  padded  ")).toBe("padded");
  });

  it("gives the same tree again for the same text (it may be cached)", () => {
    expect(parseInlineMarkdown("a **b** `c`")).toEqual(parseInlineMarkdown("a **b** `c`"));
  });

  // micromark takes quadratic time on these (100 KB of "*a_" took minutes): past the limits
  // they are shown as written. Finishing is the check.
  it.each([
    ["50,000 asterisks", "*".repeat(50_000)],
    ["50,000 open brackets", "[".repeat(50_000)],
    ['100 KB of "*a_"', "*a_".repeat(33_334)],
    ['100 KB of "_*"', "_*".repeat(50_000)],
    ['100 KB of "[a]("', "[a](".repeat(25_000)],
    ["100 KB of lines", "a\n".repeat(50_000)],
    ["100 KB of backslashes", "\\".repeat(100_000)],
    ["100 KB of colons", ":a".repeat(50_000)],
  ])("handles %s", (_label, source) => {
    const shown = plainInlineText(source);
    expect(shown.length).toBeGreaterThan(0);
  });

  it("still formats a text just within the limits", () => {
    const source = `${"*a_".repeat(INLINE_LIMITS.marks / 2 - 2)} **bold**`;
    expect(parseInlineMarkdown(source).at(-1)).toEqual({ type: "strong", children: [text("bold")] });
    expect(parseInlineMarkdown(`${"*a_".repeat(INLINE_LIMITS.marks)} **bold**`).at(-1)).toEqual(text(`${"*a_".repeat(INLINE_LIMITS.marks)} **bold**`));
  });
});

describe("markdown blocks: an item's details", () => {
  it("reads paragraphs, lists, task lists, code, quotes, tables and rules", () => {
    const source = [
      "Rotate the key in the **secret manager**.",
      "",
      "- [ ] tell `#ops`",
      "- [x] done",
      "- plain",
      "",
      "3. three",
      "",
      "> quoted *line*",
      "",
      "```sh",
      "rm -rf <script>",
      "```",
      "",
      "| Check | Link |",
      "| --- | --- |",
      "| `curl` \\| jq | [dash](https://d.example) |",
      "",
      "---",
    ].join("\n");
    expect(parseMarkdownBlocks(source)).toEqual([
      { type: "paragraph", children: [text("Rotate the key in the "), { type: "strong", children: [text("secret manager")] }, text(".")] },
      {
        type: "list",
        isOrdered: false,
        start: null,
        items: [
          { checked: false, children: [{ type: "paragraph", children: [text("tell "), { type: "inlineCode", value: "#ops" }] }] },
          { checked: true, children: [{ type: "paragraph", children: [text("done")] }] },
          { checked: null, children: [{ type: "paragraph", children: [text("plain")] }] },
        ],
      },
      { type: "list", isOrdered: true, start: 3, items: [{ checked: null, children: [{ type: "paragraph", children: [text("three")] }] }] },
      { type: "blockquote", children: [{ type: "paragraph", children: [text("quoted "), { type: "emphasis", children: [text("line")] }] }] },
      { type: "code", value: "rm -rf <script>" },
      {
        type: "table",
        head: [[text("Check")], [text("Link")]],
        rows: [[[{ type: "inlineCode", value: "curl" }, text(" | jq")], [link("https://d.example", "dash")]]],
      },
      { type: "thematicBreak" },
    ]);
  });

  it("demotes headings to bold paragraphs and shows HTML blocks as text", () => {
    expect(parseMarkdownBlocks("## Steps *now*\n\n<div onclick=\"alert(1)\">x</div>")).toEqual([
      { type: "paragraph", children: [{ type: "strong", children: [text("Steps "), { type: "emphasis", children: [text("now")] }] }] },
      { type: "paragraph", children: [text('<div onclick="alert(1)">x</div>')] },
    ]);
  });

  it("applies the inline rules in blocks: unsafe links are text, hard breaks and emoji stay", () => {
    expect(parseMarkdownBlocks("- [x](javascript:alert(1)) :rocket:\n- a\\\n  b")).toEqual([
      {
        type: "list",
        isOrdered: false,
        start: null,
        items: [
          { checked: null, children: [{ type: "paragraph", children: [text("x 🚀")] }] },
          { checked: null, children: [{ type: "paragraph", children: [text("a"), { type: "break" }, text("b")] }] },
        ],
      },
    ]);
  });

  it.each([
    ["100 KB of >", ">".repeat(100_000)],
    ["50,000 nested quotes", `${"> ".repeat(50_000)}x`],
    ["50,000 list markers", `${"- ".repeat(50_000)}x`],
    ["25,000 setext headings", "a\n=\n".repeat(25_000)],
    ["a paragraph of 100 KB of *a_", "*a_".repeat(33_334)],
    ["300 paragraphs of *a_", Array.from({ length: 300 }, (_, i) => `${"*a_".repeat(100)} ${i}`).join("\n\n")],
    ["100 KB of pipes", "|".repeat(100_000)],
  ])("handles %s", (_label, source) => {
    expect(parseMarkdownBlocks(source).length).toBeGreaterThan(0);
  });
});
