import { parseInlineMarkdown, parseMarkdownBlocks } from "@/lib/domain/markdown/inline-markdown";
import { BlockNodes, renderInlineNodes } from "@/components/ui/markdown-nodes";

export { renderInlineNodes } from "@/components/ui/markdown-nodes";

// No "use client": server pages and client components both render Markdown with these. The
// trees hold only safe nodes (see parseInlineMarkdown); React escapes every text, no HTML is set.

/** An item text or a title, formatted: `code`, **strong**, links and the rest of inline Markdown. */
export function InlineMarkdown({ source, isInsideLink = false }: { source: string; isInsideLink?: boolean }) {
  return <>{renderInlineNodes(parseInlineMarkdown(source), isInsideLink)}</>;
}

/** An item's details: Markdown with paragraphs, lists, code blocks, quotes and tables, formatted. */
export function MarkdownBlock({ source, className = "" }: { source: string; className?: string }) {
  return <BlockNodes blocks={parseMarkdownBlocks(source)} className={className} />;
}
