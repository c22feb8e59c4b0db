import { timeSerial } from "@/bench/lib/stats";
import { row, type TScenario } from "@/bench/lib/types";
import { ITEM_STATUSES } from "@/lib/domain/checklist/types";
import { computeVerdict } from "@/lib/domain/verdict/compute-verdict";
import type { TVerdictItem } from "@/lib/domain/verdict/types";

const DAY = 86_400_000;

/** 5 000 items of every kind, status, evidence rule and waiver, as a big release has them. */
export function verdictItems(count: number, now: Date): TVerdictItem[] {
  return Array.from({ length: count }, (_, i) => {
    const status = ITEM_STATUSES[i % ITEM_STATUSES.length]!;
    return {
      key: `check-${i}`,
      text: `Check ${i}`,
      kind: i % 50 === 0 ? "NO_GO_CONDITION" : i % 40 === 0 ? "GO_CRITERION" : "CHECK",
      severity: i % 7 === 0 ? "ADVISORY" : "BLOCKING",
      status,
      evidenceRequired: i % 3 === 0,
      evidenceMaxAgeDays: i % 6 === 0 ? 30 : null,
      requiredLevel: i % 5 === 0 ? "L2" : null,
      naReason: status === "NOT_APPLICABLE" ? "not here" : null,
      evidence: i % 3 === 0 ? [{ addedAt: new Date(now.getTime() - (i % 60) * DAY), expiresAt: null }] : [],
      waivers: status === "WAIVED" ? [{ expiresAt: new Date(now.getTime() + (i % 20) * DAY - 5 * DAY), revokedAt: null }] : [],
    };
  });
}

export const verdictScenario: TScenario = {
  id: "verdict",
  title: "Verdict for 5 000 items",
  async run({ quick }) {
    const now = new Date();
    const items = verdictItems(5_000, now);
    const summary = await timeSerial(() => computeVerdict({ items, levels: ["L1", "L2", "L3"], targetLevel: "L2", now }), { runs: quick ? 50 : 300, warmup: 20 });
    return [row("Verdict", "computeVerdict, 5 000 items", summary, { target: "p95 ≤ 5 ms", met: summary.p95 <= 5 })];
  },
};
