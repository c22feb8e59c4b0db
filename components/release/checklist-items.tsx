"use client";

import { useEffect, useMemo, useState, startTransition } from "react";
import dynamic from "next/dynamic";
import { useChecklist, type TItemPermissions } from "@/components/release/checklist-context";
import { ItemRow } from "@/components/release/item-row";
import { SectionHeading } from "@/components/release/section-heading";
import type { TChecklistItem, TChecklistSection } from "@/lib/data/releases/release-checklist";

// The release page's items (docs/decisions/0012-release-page-by-revision.md). The server draws
// the first FIRST_ROWS items, so the page shows at once whatever the release's size; the rest
// are drawn in the browser after it starts. Up to DRAW_ALL_UP_TO items are all in the page (find
// in page works); beyond, only the rows near the screen are (a 5 000-item release scrolls
// like a 50-item one), the rest drawn as you scroll, move with the keyboard or follow a link.
export const FIRST_ROWS = 60;
// Loaded only for a release that needs it: most pages never ship the virtualiser.
const ScrolledChecklist = dynamic(() => import("@/components/release/checklist-scrolled").then((m) => m.ScrolledChecklist), {
  ssr: false,
  loading: () => <p role="status" className="mt-6 text-sm text-slate-600">Loading the items…</p>,
});
export const DRAW_ALL_UP_TO = 1_000;

/** False on the server and while the page hydrates (both renders agree), true after. */
function useIsHydrated(): boolean {
  const [ready, setReady] = useState(false);
  // Effects run in the browser only, after hydration. Drawing every other row waits for a
  // transition: typing and clicking stay responsive.
  useEffect(() => startTransition(() => setReady(true)), []);
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
  return (
    <section aria-label={section.title} className="mt-6">
      <SectionHeading section={section} level={level} />
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

  if (sections.length === 0) return <p className="mt-6 text-sm text-slate-600">No items match. Clear the search or choose All items.</p>;
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
