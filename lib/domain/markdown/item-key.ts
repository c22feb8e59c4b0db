/**
 * The keys given so far in one checklist, and for each base the suffix to try next: keys
 * only ever get taken, so every suffix below it is still taken and need not be tried again.
 */
export type TItemKeys = { taken: Set<string>; nextSuffix: Map<string, number> };

export function newItemKeys(): TItemKeys {
  return { taken: new Set(), nextSuffix: new Map() };
}

/**
 * A stable, readable key for an item, unique within its checklist: its text as a slug, with
 * "-2", "-3"… for repeats. Resuming the count per base keeps thousands of identical texts
 * linear (counting from 2 each time took seconds) and gives the same keys.
 */
export function makeItemKey(plainText: string, keys: TItemKeys): string {
  const base =
    plainText
      .normalize("NFKD")
      .replace(/\p{M}/gu, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 60)
      .replace(/-+$/, "") || "item";
  let key = base;
  if (keys.taken.has(key)) {
    let n = keys.nextSuffix.get(base) ?? 2;
    while (keys.taken.has(`${base}-${n}`)) n += 1;
    key = `${base}-${n}`;
    keys.nextSuffix.set(base, n + 1);
  }
  keys.taken.add(key);
  return key;
}
