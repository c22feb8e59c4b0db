import { ITEM_STATUSES, type TItemStatus } from "@/lib/domain/checklist/types";
import { evaluateItem } from "@/lib/domain/verdict/evaluate-item";
import type { TException, TReason, TVerdict, TVerdictInput, TVerdictItem } from "@/lib/domain/verdict/types";

/** Items required only above the release's target level are advisory for it. */
function isAboveTarget(item: TVerdictItem, levels: string[], targetLevel: string | null): boolean {
  if (!item.requiredLevel || !targetLevel) return false;
  const required = levels.indexOf(item.requiredLevel);
  const target = levels.indexOf(targetLevel);
  return required >= 0 && target >= 0 && required > target;
}

export function isBlockingFor(item: TVerdictItem, levels: string[], targetLevel: string | null): boolean {
  if (isAboveTarget(item, levels, targetLevel)) return false;
  return item.kind !== "CHECK" || item.severity === "BLOCKING";
}

/**
 * The go/no-go verdict of a release: NO_GO while any blocking item or go criterion is
 * unsatisfied or any no-go condition holds; GO_WITH_EXCEPTIONS when everything blocking is
 * satisfied but some only by waiver or N/A; GO otherwise. Pure: "now" is an input.
 * Reasons come most serious first (no-go conditions that hold, other blocked items, then
 * unfinished ones), each group in the order of `items`, which callers give in checklist order.
 */
export function computeVerdict({ items, levels, targetLevel, now }: TVerdictInput): TVerdict {
  const holding: TReason[] = [];
  const blocked: TReason[] = [];
  const notDone: TReason[] = [];
  const advisories: TReason[] = [];
  const exceptions: TException[] = [];
  const byStatus = Object.fromEntries(ITEM_STATUSES.map((s) => [s, 0])) as Record<TItemStatus, number>;
  let blocking = 0;
  let satisfied = 0;

  for (const item of items) {
    byStatus[item.status] += 1;
    const outcome = evaluateItem(item, now);
    if (!isBlockingFor(item, levels, targetLevel)) {
      if (outcome.state === "blocked" || outcome.state === "not_done") advisories.push(outcome.reason);
      continue;
    }
    blocking += 1;
    if (outcome.state === "satisfied") satisfied += 1;
    else if (outcome.state === "exception") exceptions.push({ itemKey: item.key, itemText: item.text, via: outcome.via });
    else if (outcome.state === "not_done") notDone.push(outcome.reason);
    else (outcome.reason.code === "NO_GO_CONDITION_HOLDS" ? holding : blocked).push(outcome.reason);
  }

  const reasons = [...holding, ...blocked, ...notDone];
  if (items.length === 0) {
    reasons.push({
      itemKey: null,
      itemText: null,
      code: "EMPTY_CHECKLIST",
      category: "not_done",
      message: "The checklist has no items: nothing shows the release is ready.",
    });
  }
  const verdict = reasons.length > 0 ? "NO_GO" : exceptions.length > 0 ? "GO_WITH_EXCEPTIONS" : "GO";
  const done = satisfied + exceptions.length;
  return {
    verdict,
    reasons,
    advisories,
    exceptions,
    counts: {
      total: items.length,
      blocking,
      advisory: items.length - blocking,
      satisfied,
      exceptions: exceptions.length,
      blocked: holding.length + blocked.length,
      notDone: notDone.length,
      byStatus,
    },
    progress: { satisfied: done, total: blocking, percent: blocking === 0 ? (items.length > 0 ? 100 : 0) : Math.floor((100 * done) / blocking) },
  };
}
