import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ReasonMessage } from "@/components/release/reason-message";
import { InlineMarkdown, MarkdownBlock } from "@/components/ui/inline-markdown";

const inline = (source: string, isInsideLink = false) => renderToStaticMarkup(createElement(InlineMarkdown, { source, isInsideLink }));
const block = (source: string) => renderToStaticMarkup(createElement(MarkdownBlock, { source }));

describe("rendering Markdown as React elements", () => {
  it("renders inline Markdown as elements", () => {
    expect(inline("Change `SECRET_KEY` to a **strong**, *random* ~~weak~~ value\\\nnow :rocket:")).toBe(
      'Change <code class="rounded bg-slate-100 px-1 font-mono text-[0.9em]">SECRET_KEY</code> to a <strong>strong</strong>, <em>random</em> <del>weak</del> value<br/>now 🚀',
    );
  });

  it("renders safe links with their attributes, and unsafe ones as text", () => {
    expect(inline("[runbook](https://wiki.example.com/r?a=1&b=2) [bad](javascript:alert(1)) [rel](/x)")).toBe(
      '<a href="https://wiki.example.com/r?a=1&amp;b=2" rel="noreferrer noopener" target="_blank" class="underline">runbook</a> bad rel',
    );
    // A quote in the address stays inside the attribute: React escapes it.
    expect(inline('[q](https://x.example/"onmouseover="alert(1))')).toBe(
      '<a href="https://x.example/&quot;onmouseover=&quot;alert(1)" rel="noreferrer noopener" target="_blank" class="underline">q</a>',
    );
  });

  it("renders no link inside a link", () => {
    expect(inline("see [runbook](https://x.example)", true)).toBe("see runbook");
  });

  it("escapes raw HTML: no element comes from the text", () => {
    const html = inline('<script>alert(1)</script><img src=x onerror="alert(1)"><a href="javascript:alert(1)">x</a>');
    expect(html).toBe("&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&lt;a href=&quot;javascript:alert(1)&quot;&gt;x&lt;/a&gt;");
    expect(html).not.toMatch(/<(script|img|a)\b/);
  });

  it("renders details as blocks: lists, task items, code, quotes, tables, headings as bold paragraphs", () => {
    const html = block(
      [
        "# Steps",
        "",
        "- [ ] open",
        "- [x] done",
        "",
        "2. second",
        "",
        "> quote",
        "",
        "```",
        "<script>alert(1)</script>",
        "```",
        "",
        "| A | B |",
        "| - | - |",
        "| 1 | [l](https://l.example) |",
        "",
        "<iframe src=javascript:alert(1)></iframe>",
      ].join("\n"),
    );
    expect(html).toContain("<p><strong>Steps</strong></p>");
    expect(html).toContain(
      '<ul class="list-disc space-y-0.5 pl-5"><li class="list-none"><span aria-hidden="true" class="mr-1">☐</span><span class="sr-only">Not done: </span>open</li>' +
        '<li class="list-none"><span aria-hidden="true" class="mr-1">☑</span><span class="sr-only">Done: </span>done</li></ul>',
    );
    expect(html).toContain('<ol start="2" class="list-decimal space-y-0.5 pl-5"><li>second</li></ol>');
    expect(html).toContain('<blockquote class="space-y-2 border-l-2 border-slate-300 pl-3 text-slate-600"><p>quote</p></blockquote>');
    expect(html).toContain("<pre class=\"overflow-x-auto rounded bg-slate-100 p-2 font-mono text-[0.9em]\"><code>&lt;script&gt;alert(1)&lt;/script&gt;</code></pre>");
    expect(html).toContain('<th scope="col" class="border-b border-slate-300 px-2 py-1 font-semibold">A</th>');
    expect(html).toContain('<td class="px-2 py-1 align-top"><a href="https://l.example" rel="noreferrer noopener" target="_blank" class="underline">l</a></td>');
    expect(html).toContain("<p>&lt;iframe src=javascript:alert(1)&gt;&lt;/iframe&gt;</p>");
    expect(html).not.toMatch(/<(h[1-6]|script|iframe)\b/);
  });

  it("renders a verdict reason with the item's text formatted and our words as they are", () => {
    const render = (itemText: string | null) => renderToStaticMarkup(createElement(ReasonMessage, { message: "Blocked: “Rotate `KEY` *now*”.", itemText }));
    expect(render("Rotate `KEY` *now*")).toBe(
      'Blocked: “Rotate <code class="rounded bg-slate-100 px-1 font-mono text-[0.9em]">KEY</code> <em>now</em>”.',
    );
    expect(render(null)).toBe("Blocked: “Rotate `KEY` *now*”.");
  });
});
