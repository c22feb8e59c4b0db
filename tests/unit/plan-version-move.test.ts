import { describe, expect, it } from "vitest";
import type { TItemDefinition } from "@/lib/domain/checklist/types";
import { planVersionMove } from "@/lib/domain/checklist/plan-version-move";

const definition = (key: string, text = key, extra: Partial<TItemDefinition> = {}): TItemDefinition => ({
  key,
  text,
  detail: null,
  kind: "CHECK",
  severity: "BLOCKING",
  evidenceRequired: false,
  evidenceMaxAgeDays: null,
  requiredLevel: null,
  ciCheck: null,
  ...extra,
});

describe("planning a move to a newer template version", () => {
  it("keeps items by key, adds the new ones, removes the gone ones, and names definition changes", () => {
    const release = [
      { id: "1", ...definition("tests", "Tests pass") },
      { id: "2", ...definition("runbook", "Runbook") },
      { id: "3", ...definition("legacy", "Legacy check") },
    ];
    const plan = planVersionMove(release, [definition("tests", "Tests pass"), definition("runbook", "Runbook", { severity: "ADVISORY" }), definition("slo", "SLOs set")]);
    expect(plan.added.map((i) => i.key)).toEqual(["slo"]);
    expect(plan.removed.map((i) => i.id)).toEqual(["3"]);
    expect(plan.changed).toEqual([{ id: "2", before: definition("runbook", "Runbook"), after: definition("runbook", "Runbook", { severity: "ADVISORY" }) }]);
    expect([...plan.keptIds]).toEqual([
      ["tests", "1"],
      ["runbook", "2"],
    ]);
  });

  it("plans nothing for the same items", () => {
    const plan = planVersionMove([{ id: "1", ...definition("a") }], [definition("a")]);
    expect([plan.added, plan.removed, plan.changed]).toEqual([[], [], []]);
  });
});
