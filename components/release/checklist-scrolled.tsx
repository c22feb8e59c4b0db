"use client";

import { useCallback, useEffect, useMemo, useState } from "react";
import { useWindowVirtualizer } from "@tanstack/react-virtual";
import type { TItemPermissions } from "@/components/release/checklist-context";
import { ItemRow } from "@/components/release/item-row";
import { SectionHeading } from "@/components/release/section-heading";
import type { TChecklistItem, TChecklistSection } from "@/lib/data/releases/release-checklist";

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

export function ScrolledChecklist({ sections, total, can }: { sections: TChecklistSection[]; total: number; can: TItemPermissions }) {
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
                  <SectionHeading section={row.section} level={row.level} className="mt-6" />
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
