import { endSentence } from "@/lib/domain/text/end-sentence";
import { isEvidenceValid } from "@/lib/domain/verdict/evidence-expiry";
import type { TReason, TVerdictItem } from "@/lib/domain/verdict/types";

export type TItemOutcome =
  | { state: "satisfied" }
  | { state: "exception"; via: "WAIVER" | "NOT_APPLICABLE" }
  | { state: "blocked" | "not_done"; reason: TReason };

/** `sentence` is written without its final full stop: an item text can already end one. */
function hold(item: TVerdictItem, category: TReason["category"], code: TReason["code"], sentence: string): TItemOutcome {
  return { state: category, reason: { itemKey: item.key, itemText: item.text, code, category, message: endSentence(sentence) } };
}

function hasValidEvidence(item: TVerdictItem, now: Date): boolean {
  return item.evidence.some((e) => isEvidenceValid(e, item.evidenceMaxAgeDays, now));
}

/** Whether a waiver still waives its item: not revoked, not expired. */
export function isWaiverActive(waiver: TVerdictItem["waivers"][number], now: Date): boolean {
  return waiver.revokedAt === null && (waiver.expiresAt === null || waiver.expiresAt > now);
}

/** Whether one item is satisfied for the release, and if not, why in words a person can act on. */
export function evaluateItem(item: TVerdictItem, now: Date): TItemOutcome {
  const isNoGo = item.kind === "NO_GO_CONDITION";
  const quoted = `“${item.text}”`;
  switch (item.status) {
    case "BLOCKED":
      return isNoGo
        ? hold(item, "blocked", "NO_GO_CONDITION_HOLDS", `No-go condition holds: ${quoted}`)
        : hold(item, "blocked", "BLOCKED", `Blocked: ${quoted}`);
    case "DONE":
      if (!item.evidenceRequired || hasValidEvidence(item, now)) return { state: "satisfied" };
      if (item.evidence.length === 0) {
        return hold(item, "not_done", "EVIDENCE_MISSING", `${quoted} is marked done but has no evidence; attach evidence`);
      }
      return hold(
        item,
        "not_done",
        "EVIDENCE_STALE",
        item.evidenceMaxAgeDays === null
          ? `The evidence for ${quoted} has expired; attach fresh evidence`
          : `The evidence for ${quoted} has expired or is older than ${item.evidenceMaxAgeDays} days; attach fresh evidence`,
      );
    case "NOT_APPLICABLE":
      if (!item.naReason?.trim()) {
        return hold(item, "not_done", "NA_REASON_MISSING", `${quoted} is marked not applicable without a reason; give one`);
      }
      return { state: "exception", via: "NOT_APPLICABLE" };
    case "WAIVED":
      if (isNoGo) {
        return hold(item, "not_done", "NO_GO_CANNOT_BE_WAIVED", `A no-go condition cannot be waived: confirm that ${quoted} does not hold`);
      }
      if (item.waivers.some((w) => isWaiverActive(w, now))) {
        return { state: "exception", via: "WAIVER" };
      }
      return hold(item, "not_done", "WAIVER_INVALID", `The waiver for ${quoted} has expired or was revoked; renew it or complete the item`);
    case "IN_PROGRESS":
      return isNoGo
        ? hold(item, "not_done", "NOT_CONFIRMED", `Not yet confirmed that this does not hold: ${quoted}`)
        : hold(item, "not_done", "IN_PROGRESS", `In progress, not done yet: ${quoted}`);
    case "OPEN":
      return isNoGo
        ? hold(item, "not_done", "NOT_CONFIRMED", `Not yet confirmed that this does not hold: ${quoted}`)
        : hold(item, "not_done", "NOT_DONE", `Not done yet: ${quoted}`);
  }
}
