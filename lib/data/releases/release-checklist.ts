import "server-only";
import type { TItemView, TSectionView } from "@/lib/data/releases/get-release-view";
import { parseInlineMarkdown, parseMarkdownBlocks, plainTextOf, type TBlockNode, type TInlineNode } from "@/lib/domain/markdown/inline-markdown";
import { ownerLabel, resolveOwner, type TOwnerIndex } from "@/lib/domain/owners/owners";

/**
 * The release page's checklist as its client component receives it
 * (docs/decisions/0012-release-page-by-revision.md): Markdown parsed here into trees (the
 * browser ships no parser), owners named, nothing rendered. Every role gets the same rows;
 * what a person may do is applied where they are drawn.
 */
export type TChecklistItem = Omit<TItemView, "children" | "text" | "detail"> & {
  /** The text as a reader sees it, without Markdown: it names the item's controls. */
  label: string;
  textNodes: TInlineNode[];
  detailBlocks: TBlockNode[] | null;
  /** "Owner: Ada", "Owner: SRE (team)", or null when nobody owns it. */
  ownerText: string | null;
  children: TChecklistItem[];
};
export type TChecklistSection = { id: string; titleNodes: TInlineNode[]; title: string; blockingKeys: string[]; items: TChecklistItem[]; sections: TChecklistSection[] };

// Texts repeat across releases of one template and across renders of one revision: each is
// parsed once. Bounded by entries; emptied when full (a miss only costs a parse).
const MEMO_LIMIT = 50_000;
const inlineMemo = new Map<string, TInlineNode[]>();
const blockMemo = new Map<string, TBlockNode[]>();

function memo<T>(cache: Map<string, T>, source: string, parse: (source: string) => T): T {
  let value = cache.get(source);
  if (value === undefined) {
    if (cache.size >= MEMO_LIMIT) cache.clear();
    value = parse(source);
    cache.set(source, value);
  }
  return value;
}

function toItem(item: TItemView, owners: TOwnerIndex): TChecklistItem {
  const { children, text, detail, ...rest } = item;
  const textNodes = memo(inlineMemo, text, parseInlineMarkdown);
  return {
    ...rest,
    label: plainTextOf(textNodes),
    textNodes,
    detailBlocks: detail ? memo(blockMemo, detail, parseMarkdownBlocks) : null,
    ownerText: item.owner ? ownerLabel(resolveOwner(item.owner, owners)) : null,
    children: children.map((child) => toItem(child, owners)),
  };
}

export function toChecklist(sections: TSectionView[], owners: TOwnerIndex): TChecklistSection[] {
  return sections.map((section) => {
    const titleNodes = memo(inlineMemo, section.title, parseInlineMarkdown);
    return {
      id: section.id,
      titleNodes,
      title: plainTextOf(titleNodes),
      blockingKeys: section.blockingKeys,
      items: section.items.map((item) => toItem(item, owners)),
      sections: toChecklist(section.sections, owners),
    };
  });
}
