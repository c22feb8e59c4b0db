export type TDiffItem = { key: string; text: string; kind: string; severity: string };
export type TVersionDiff = { added: TDiffItem[]; removed: TDiffItem[]; changed: { key: string; before: TDiffItem; after: TDiffItem }[] };

/** What changed between two template versions, item by stable key. */
export function diffVersions(before: TDiffItem[], after: TDiffItem[]): TVersionDiff {
  const old = new Map(before.map((item) => [item.key, item]));
  const next = new Map(after.map((item) => [item.key, item]));
  return {
    added: after.filter((item) => !old.has(item.key)),
    removed: before.filter((item) => !next.has(item.key)),
    changed: after.flatMap((item) => {
      const previous = old.get(item.key);
      if (!previous) return [];
      const isSame = previous.text === item.text && previous.kind === item.kind && previous.severity === item.severity;
      return isSame ? [] : [{ key: item.key, before: previous, after: item }];
    }),
  };
}
