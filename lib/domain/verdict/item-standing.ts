import { evaluateItem } from "@/lib/domain/verdict/evaluate-item";
import type { TVerdictItem } from "@/lib/domain/verdict/types";

export type TItemStanding = "satisfied" | "waived" | "not_applicable" | "unsatisfied";

/**
 * Where an item stands for the verdict: the one "satisfied" rule (evaluateItem), for every
 * count that is not the verdict itself (dashboard sections and owners, section counters).
 * Done without the evidence it needs, or waived by an expired waiver, is unsatisfied.
 */
export function itemStanding(item: TVerdictItem, now: Date): TItemStanding {
  const outcome = evaluateItem(item, now);
  if (outcome.state === "satisfied") return "satisfied";
  if (outcome.state === "exception") return outcome.via === "WAIVER" ? "waived" : "not_applicable";
  return "unsatisfied";
}
