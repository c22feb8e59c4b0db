"use client";

import { useCallback, useEffect, useMemo, useState, useSyncExternalStore, startTransition } from "react";
import { useWindowVirtualizer } from "@tanstack/react-virtual";
import { useChecklist, type TItemPermissions } from "@/components/release/checklist-context";
import { ItemRow } from "@/components/release/item-row";
import { SectionProgress } from "@/components/release/release-live";
import { InlineNodes } from "@/components/ui/markdown-nodes";
import type { TChecklistItem, TChecklistSection } from "@/lib/data/releases/release-checklist";

// The release page's items (docs/decisions/0012-release-page-by-revision.md). The server draws
// the first FIRST_ROWS items, so the page shows at once whatever the release's size; the rest
// are drawn in the browser after it starts. Up to DRAW_ALL_UP_TO items are all in the page (find
// in page works); beyond, only the rows near the screen are (a 5 000-item release scrolls
// like a 50-item one), the rest drawn as you scroll, move with the keyboard or follow a link.
export const FIRST_ROWS = 60;
export const DRAW_ALL_UP_TO = 1_000;

const noSubscribe = () => () => {};
/** False on the server and while the page hydrates, true after: both renders agree. */
function useIsHydrated(): boolean {
  const hydrated = useSyncExternalStore(noSubscribe, () => true, () => false);
  const [ready, setReady] = useState(false);
  // Drawing every other row waits for a transition: typing and clicking stay responsive.
  useEffect(() => {
    if (hydrated) startTransition(() => setReady(true));
  }, [hydrated]);
  return ready;
}

function countItems(items: TChecklistItem[]): number {
  return items.reduce((sum, item) => sum + 1 + countItems(item.children), 0);
}
function countAll(sections: TChecklistSection[]): number {
  return sections.reduce((sum, s) => sum + countItems(s.items) + countAll(s.sections), 0);
}

/** The first `limit` items in checklist order (parents before children); sections left empty go. */
function firstItems(sections: TChecklistSection[], limit: number): TChecklistSection[] {
  let left = limit;
  const takeItems = (items: TChecklistItem[]): TChecklistItem[] => {
    const kept: TChecklistItem[] = [];
    for (const item of items) {
      if (left <= 0) break;
      left -= 1;
      kept.push({ ...item, children: takeItems(item.children) });
    }
    return kept;
  };
  const takeSections = (list: TChecklistSection[]): TChecklistSection[] => {
    const kept: TChecklistSection[] = [];
    for (const section of list) {
      if (left <= 0) break;
      const items = takeItems(section.items);
      kept.push({ ...section, items, sections: takeSections(section.sections) });
    }
    return kept;
  };
  return takeSections(sections);
}

function Section({ section, level, can }: { section: TChecklistSection; level: number; can: TItemPermissions }) {
  const Heading = (level <= 2 ? "h2" : level === 3 ? "h3" : "h4") as "h2";
  return (
    <section aria-label={section.title} className="mt-6">
      <div className="flex items-baseline justify-between gap-4 border-b border-slate-200 pb-1">
        <Heading className="font-semibold text-slate-900">
          <InlineNodes nodes={section.titleNodes} />
        </Heading>
        <SectionProgress blockingKeys={section.blockingKeys} />
      </div>
      <ul className="divide-y divide-slate-100">
        {section.items.map((item) => (
          <ItemRow key={item.id} item={item} can={can} />
        ))}
      </ul>
      {section.sections.map((child) => (
        <Section key={child.id} section={child} level={level + 1} can={can} />
      ))}
    </section>
  );
}

export function ChecklistItems() {
  const { sections, permissions } = useChecklist();
  const total = useMemo(() => countAll(sections), [sections]);
  const isReady = useIsHydrated();
  const shown = useMemo(() => (isReady || total <= FIRST_ROWS ? sections : firstItems(sections, FIRST_ROWS)), [isReady, total, sections]);

  if (sections.length === 0) return <p className="mt-6 text-sm text-slate-600">No items match this filter.</p>;
  if (isReady && total > DRAW_ALL_UP_TO) return <ScrolledChecklist sections={sections} total={total} can={permissions} />;
  return (
    <>
      {shown.map((section) => (
        <Section key={section.id} section={section} level={2} can={permissions} />
      ))}
      {shown !== sections ? (
        <p role="status" className="mt-4 text-sm text-slate-600">
          {`Showing the first ${FIRST_ROWS} of ${total} items; the rest are on their way.`}
        </p>
      ) : null}
    </>
  );
}

// Many items: one flat list of section headings and items, drawn near the screen only.

type TRow = { kind: "section"; section: TChecklistSection; level: number } | { kind: "item"; item: TChecklistItem; position: number };

function flatten(sections: TChecklistSection[]): TRow[] {
  const rows: TRow[] = [];
  let position = 0;
  const walk = (list: TChecklistSection[], level: number) => {
    for (const section of list) {
      rows.push({ kind: "section", section, level });
      // Top-level items are rows; an item's sub-items are drawn inside its row.
      for (const item of section.items) rows.push({ kind: "item", item, position: (position += 1) });
      walk(section.sections, level + 1);
    }
  };
  walk(sections, 2);
  return rows;
}

function ScrolledChecklist({ sections, total, can }: { sections: TChecklistSection[]; total: number; can: TItemPermissions }) {
  const rows = useMemo(() => flatten(sections), [sections]);
  const count = rows.filter((row) => row.kind === "item").length;
  const [offset, setOffset] = useState(0);
  const virtualizer = useWindowVirtualizer({
    count: rows.length,
    estimateSize: (index) => (rows[index]!.kind === "section" ? 56 : 76),
    overscan: 12,
    scrollMargin: offset,
  });

  // The list's distance from the top of the page (what sits above it: header, banner, filters).
  const measureOffset = useCallback((list: HTMLDivElement | null) => {
    if (list) setOffset(list.getBoundingClientRect().top + window.scrollY);
  }, []);

  // A link to an item (the banner's reasons, a shared URL) draws it, then scrolls it into view.
  useEffect(() => {
    const go = () => {
      const key = decodeURIComponent(window.location.hash.replace(/^#item-/, ""));
      if (!window.location.hash.startsWith("#item-")) return;
      const index = rows.findIndex((row) => row.kind === "item" && (row.item.key === key || containsKey(row.item, key)));
      if (index < 0) return;
      virtualizer.scrollToIndex(index, { align: "start" });
      requestAnimationFrame(() => document.getElementById(`item-${key}`)?.scrollIntoView({ block: "start" }));
    };
    go();
    window.addEventListener("hashchange", go);
    return () => window.removeEventListener("hashchange", go);
  }, [rows, virtualizer]);

  const items = virtualizer.getVirtualItems();
  return (
    <div>
      <p className="sr-only">
        {`${total} items. Items are drawn as you scroll; use the filters above to narrow them.`}
      </p>
      <div ref={measureOffset} style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
        <div style={{ position: "absolute", top: 0, left: 0, width: "100%", transform: `translateY(${(items[0]?.start ?? 0) - virtualizer.options.scrollMargin}px)` }}>
          {items.map((virtual) => {
            const row = rows[virtual.index]!;
            return (
              <div key={virtual.key} data-index={virtual.index} ref={virtualizer.measureElement}>
                {row.kind === "section" ? (
                  <SectionHeading section={row.section} level={row.level} />
                ) : (
                  <ul className="border-b border-slate-100">
                    <ItemRow item={row.item} can={can} position={row.position} count={count} />
                  </ul>
                )}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}

function containsKey(item: TChecklistItem, key: string): boolean {
  return item.children.some((child) => child.key === key || containsKey(child, key));
}

function SectionHeading({ section, level }: { section: TChecklistSection; level: number }) {
  const Heading = (level <= 2 ? "h2" : level === 3 ? "h3" : "h4") as "h2";
  return (
    <div className="mt-6 flex items-baseline justify-between gap-4 border-b border-slate-200 pb-1">
      <Heading className="font-semibold text-slate-900">
        <InlineNodes nodes={section.titleNodes} />
      </Heading>
      <SectionProgress blockingKeys={section.blockingKeys} />
    </div>
  );
}
