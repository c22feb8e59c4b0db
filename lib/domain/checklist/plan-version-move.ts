import { pickItemDefinition, type TItemDefinition } from "@/lib/domain/checklist/types";

// Moving a release to a newer version of its template, item by stable key: items whose key
// is in both keep their row (and so their state, evidence, waivers and comments) and take
// the new definition; items only in the release go; items only in the new version come,
// open. The plan is what the release page shows before the move and what the move does.

export type TMoveItem = TItemDefinition & { id: string };
export type TVersionMovePlan = {
  added: TItemDefinition[];
  removed: TMoveItem[];
  /** Kept items whose definition (text, role, severity, evidence rules, level) changes. */
  changed: { id: string; before: TItemDefinition; after: TItemDefinition }[];
  /** Kept items, by key: the release row that carries each over. */
  keptIds: Map<string, string>;
};

const sameDefinition = (a: TItemDefinition, b: TItemDefinition) => JSON.stringify(pickItemDefinition(a)) === JSON.stringify(pickItemDefinition(b));

export function planVersionMove(releaseItems: TMoveItem[], versionItems: TItemDefinition[]): TVersionMovePlan {
  const current = new Map(releaseItems.map((item) => [item.key, item]));
  const next = new Set(versionItems.map((item) => item.key));
  const keptIds = new Map<string, string>();
  const added: TItemDefinition[] = [];
  const changed: TVersionMovePlan["changed"] = [];
  for (const item of versionItems) {
    const was = current.get(item.key);
    if (!was) {
      added.push(pickItemDefinition(item));
      continue;
    }
    keptIds.set(item.key, was.id);
    if (!sameDefinition(was, item)) changed.push({ id: was.id, before: pickItemDefinition(was), after: pickItemDefinition(item) });
  }
  return { added, removed: releaseItems.filter((item) => !next.has(item.key)), changed, keptIds };
}
