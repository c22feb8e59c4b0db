import { z } from "zod";
import { ITEM_KINDS, type TChecklistItem, type TChecklistSection, type TItemKind } from "@/lib/domain/checklist/types";

// The import preview shows each section's role (plain checks, go criteria, no-go conditions)
// and lets the importer change it before publishing. A choice is sent back by section number:
// the section's place in the parsed tree, counted depth first from 0, which the same document
// always gives the same way. A section's role applies to its items (but those with their own
// "Role:" line) and to the subsections whose own heading names no role.

export type TSectionRoles = Record<string, TItemKind>;

export const ZSectionRoles = z.record(z.string().regex(/^\d{1,5}$/), z.enum(ITEM_KINDS));

type THasOwnRole = (item: TChecklistItem) => boolean;

function withKind(items: TChecklistItem[], kind: TItemKind, hasOwnRole: THasOwnRole): TChecklistItem[] {
  return items.map((item) => ({ ...item, kind: hasOwnRole(item) ? item.kind : kind, children: withKind(item.children, kind, hasOwnRole) }));
}

export function applySectionRoles(sections: TChecklistSection[], roles: TSectionRoles, hasOwnRole: THasOwnRole = () => false): TChecklistSection[] {
  if (Object.keys(roles).length === 0) return sections;
  let number = 0;
  const visit = (list: TChecklistSection[], inherited: TItemKind): TChecklistSection[] =>
    list.map((section) => {
      const chosen = roles[String(number++)];
      const own = section.role?.fromHeading ? section.role.kind : undefined;
      const kind = chosen ?? own ?? inherited;
      const fromHeading = chosen !== undefined || Boolean(section.role?.fromHeading);
      return { ...section, role: { kind, fromHeading }, items: withKind(section.items, kind, hasOwnRole), sections: visit(section.sections, kind) };
    });
  return visit(sections, "CHECK");
}
