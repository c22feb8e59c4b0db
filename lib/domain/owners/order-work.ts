// The order of a person's work: overdue first, then by due date, then what has no due date.

/** Due before today (both as YYYY-MM-DD, UTC): overdue, as the dashboard counts it. */
export function isOverdue(dueDate: string | null, today: string): boolean {
  return !!dueDate && dueDate < today;
}

export function compareWork<T extends { dueDate: string | null }>(a: T, b: T, today: string): number {
  const rank = (item: T) => (isOverdue(item.dueDate, today) ? 0 : item.dueDate ? 1 : 2);
  return rank(a) - rank(b) || (a.dueDate ?? "").localeCompare(b.dueDate ?? "");
}

/** A sorted copy; items equal in urgency keep their order (release, then checklist order). */
export function orderWork<T extends { dueDate: string | null }>(items: readonly T[], today: string): T[] {
  return [...items].sort((a, b) => compareWork(a, b, today));
}
