"use client";

import { createContext, useContext, useDeferredValue, useMemo, useState } from "react";
import type { TChecklistItem, TChecklistSection } from "@/lib/data/releases/release-checklist";
import type { TInlineNode } from "@/lib/domain/markdown/inline-markdown";
import { filterChecklist, searchChecklist, type TItemFilter } from "@/components/release/checklist-filters";

/** What the person looking may do to items (their role, and whether the release is still open). */
export type TItemPermissions = { canUpdate: boolean; canAddEvidence: boolean; canComment: boolean; canWaive: boolean };

type TChecklist = {
  /** The sections to show (the page's filter applied). */
  sections: TChecklistSection[];
  permissions: TItemPermissions;
  /** Every item's text, parsed, by key: the banner's reasons name items a filter may hide. */
  titles: Map<string, TInlineNode[]>;
  /** What the item search holds (ChecklistSearch). */
  query: string;
  setQuery: (query: string) => void;
};

const ChecklistContext = createContext<TChecklist | null>(null);

function collectTitles(sections: TChecklistSection[], into: Map<string, TInlineNode[]>) {
  const visit = (items: TChecklistItem[]) => {
    for (const item of items) {
      into.set(item.key, item.textNodes);
      visit(item.children);
    }
  };
  for (const section of sections) {
    visit(section.items);
    collectTitles(section.sections, into);
  }
  return into;
}

/**
 * The release page's checklist, sent once as data (docs/decisions/0012-release-page-by-revision.md)
 * and read by the item list and the verdict banner.
 */
export function ChecklistProvider({
  data,
  filter,
  me,
  permissions,
  children,
}: {
  /**
   * Every section as JSON (`JSON.stringify(TChecklistSection[])`): one string crosses from the
   * server as is, where an object tree of thousands of items costs React's serialiser a walk
   * of every node on every render. The filter is applied here, so the banner still names hidden items.
   */
  data: string;
  filter: TItemFilter;
  /** The owner keys of the person looking (for "Mine"). */
  me: string[];
  permissions: TItemPermissions;
  children: React.ReactNode;
}) {
  const sections = useMemo(() => JSON.parse(data) as TChecklistSection[], [data]);
  const [query, setQuery] = useState("");
  // Typing stays responsive on thousands of items: the list follows a moment later.
  const deferred = useDeferredValue(query);
  const filtered = useMemo(() => filterChecklist(sections, filter, me), [sections, filter, me]);
  const titles = useMemo(() => collectTitles(sections, new Map()), [sections]);
  const shown = useMemo(() => searchChecklist(filtered, deferred), [filtered, deferred]);
  const value = useMemo(() => ({ sections: shown, permissions, titles, query, setQuery }), [shown, permissions, titles, query]);
  return <ChecklistContext.Provider value={value}>{children}</ChecklistContext.Provider>;
}

export function useChecklist(): TChecklist {
  const checklist = useContext(ChecklistContext);
  if (!checklist) throw new Error("useChecklist outside ChecklistProvider");
  return checklist;
}
