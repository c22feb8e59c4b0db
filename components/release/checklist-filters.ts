import type { TChecklistItem, TChecklistSection } from "@/lib/data/releases/release-checklist";
import { isOwnedBy } from "@/lib/domain/owners/owners";

// The release page's item filters (links with ?filter=…), applied where the checklist is drawn.

export const ITEM_FILTERS = {
  all: { label: "All items", keep: () => true },
  blocking: { label: "Blocking only", keep: (i: TChecklistItem) => i.isBlocking },
  open: { label: "Not satisfied", keep: (i: TChecklistItem) => !i.isSatisfied },
  // Owned by me or by a team I am in (lib/domain/owners/owners.ts).
  mine: { label: "Mine", keep: (i: TChecklistItem, me: readonly string[]) => isOwnedBy(i.owner, me) },
  stale: { label: "Stale evidence", keep: (i: TChecklistItem) => i.isEvidenceStale },
} as const;
export type TItemFilter = keyof typeof ITEM_FILTERS;

export function isItemFilter(value: string | undefined): value is TItemFilter {
  return !!value && Object.hasOwn(ITEM_FILTERS, value);
}

function filterItems(items: TChecklistItem[], keep: (i: TChecklistItem) => boolean): TChecklistItem[] {
  return items.flatMap((item) => {
    const children = filterItems(item.children, keep);
    return keep(item) || children.length > 0 ? [{ ...item, children }] : [];
  });
}

/** The sections with only the items `keep` keeps (and their parents); empty sections go. */
function keepItems(sections: TChecklistSection[], keep: (i: TChecklistItem) => boolean): TChecklistSection[] {
  return sections
    .map((s) => ({ ...s, items: filterItems(s.items, keep), sections: keepItems(s.sections, keep) }))
    .filter((s) => s.items.length > 0 || s.sections.length > 0);
}

export function filterChecklist(sections: TChecklistSection[], filter: TItemFilter, me: readonly string[]): TChecklistSection[] {
  return filter === "all" ? sections : keepItems(sections, (item) => ITEM_FILTERS[filter].keep(item, me));
}

/** The items whose text holds `query` (any case), with their parents; "" keeps everything. */
export function searchChecklist(sections: TChecklistSection[], query: string): TChecklistSection[] {
  const needle = query.trim().toLocaleLowerCase();
  return needle ? keepItems(sections, (item) => item.label.toLocaleLowerCase().includes(needle)) : sections;
}
