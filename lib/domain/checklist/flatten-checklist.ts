import { randomUUID } from "node:crypto";
import type { TChecklistItem, TChecklistSection } from "@/lib/domain/checklist/types";

// Trees ↔ rows. Rows carry ids made here, so a whole checklist is inserted with two
// multi-row statements (parents precede children in each). Positions count in document
// order across the whole checklist (a section's own items before its subsections), so
// ordering all items by position reads them as the document does; siblings keep their order.

export type TSectionRow = { id: string; parentId: string | null; position: number; title: string };
export type TItemRow = Omit<TChecklistItem, "children"> & {
  id: string;
  sectionId: string;
  parentId: string | null;
  position: number;
};

export function flattenChecklist(sections: TChecklistSection[]): { sections: TSectionRow[]; items: TItemRow[] } {
  const sectionRows: TSectionRow[] = [];
  const itemRows: TItemRow[] = [];
  const addItems = (items: TChecklistItem[], sectionId: string, parentId: string | null) => {
    for (const { children, ...item } of items) {
      const id = randomUUID();
      itemRows.push({ ...item, id, sectionId, parentId, position: itemRows.length });
      addItems(children, sectionId, id);
    }
  };
  const addSections = (list: TChecklistSection[], parentId: string | null) => {
    for (const section of list) {
      const id = randomUUID();
      sectionRows.push({ id, parentId, position: sectionRows.length, title: section.title });
      addItems(section.items, id, null);
      addSections(section.sections, id);
    }
  };
  addSections(sections, null);
  return { sections: sectionRows, items: itemRows };
}

export function buildChecklistTree(sections: TSectionRow[], items: TItemRow[]): TChecklistSection[] {
  const byPosition = <T extends { position: number }>(a: T, b: T) => a.position - b.position;
  const itemsOf = (sectionId: string, parentId: string | null): TChecklistItem[] =>
    items
      .filter((item) => item.sectionId === sectionId && item.parentId === parentId)
      .sort(byPosition)
      .map(({ id, sectionId: _s, parentId: _p, position: _pos, ...item }) => ({ ...item, children: itemsOf(sectionId, id) }));
  const sectionsOf = (parentId: string | null): TChecklistSection[] =>
    sections
      .filter((section) => section.parentId === parentId)
      .sort(byPosition)
      .map((section) => ({ title: section.title, items: itemsOf(section.id, null), sections: sectionsOf(section.id) }));
  return sectionsOf(null);
}
