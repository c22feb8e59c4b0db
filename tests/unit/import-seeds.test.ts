import { describe, expect, it } from "vitest";
import { parseChecklist } from "@/lib/domain/markdown/parse-checklist";
import { summarizeChecklist } from "@/lib/domain/markdown/summarize-checklist";
import { hasSeeds, readSeed } from "@/tests/helpers/seeds";

function summaryOf(name: string) {
  const result = parseChecklist(readSeed(name));
  if (!result.ok) throw new Error(result.error);
  return summarizeChecklist(result.checklist);
}

const sectionCounts = (sections: ReturnType<typeof summaryOf>["sections"]): [string, number][] =>
  sections.flatMap((s) => [[s.title, s.items.length] as [string, number], ...sectionCounts(s.sections)]);

// Expectations written by hand from reading each document.
describe.skipIf(!hasSeeds)("importing the seed documents", () => {
  it("deployment-checklist.md: 149 unticked task items in 17 sections, code block ignored", () => {
    const summary = summaryOf("deployment-checklist.md");
    expect(summary).toMatchObject({
      title: "Production Deployment Checklist",
      mode: "tasks",
      items: 149,
      topLevelItems: 149,
      maxDepth: 1,
      done: 0,
      criteria: { go: 0, noGo: 0 },
      levels: [],
      warnings: [],
    });
    expect(sectionCounts(summary.sections)).toEqual([
      ["Security", 15],
      ["Database", 8],
      ["Redis", 7],
      ["Infrastructure", 10],
      ["Application Configuration", 8],
      ["Celery/Worker Configuration", 7],
      ["CI/CD", 11],
      ["Monitoring & Observability", 13],
      ["Performance", 8],
      ["Backup & Recovery", 7],
      ["Compliance & Legal", 7],
      ["Documentation", 7],
      ["Testing", 8],
      ["Pre-Deployment", 8],
      ["Post-Deployment", 10],
      ["Ongoing Maintenance", 8],
      ["Cost Optimization", 7],
    ]);
    expect(summary.sections[0]?.items[0]?.text).toBe("Change `SECRET_KEY` to a strong, random value (32+ characters)");
  });

  it("readiness-plan-go-no-go.md: a plan without task items, with go and no-go criteria", () => {
    const summary = summaryOf("readiness-plan-go-no-go.md");
    expect(summary).toMatchObject({
      title: "Production Readiness Plan (1–2 Weeks)",
      mode: "lists",
      items: 32,
      topLevelItems: 24,
      maxDepth: 2,
      done: 0,
      criteria: { go: 4, noGo: 4 },
    });
    expect(sectionCounts(summary.sections)).toEqual([
      ["Week 1 — Stabilize and Prove Core Flows", 0],
      ["1) CI as a gate (must pass)", 3],
      ["2) Deterministic operator onboarding", 2],
      ["3) Preflight before deploy", 1],
      ["4) Release checklist for every deployment", 3],
      ["Week 2 — Operability and Risk Reduction", 0],
      ["5) Observability baseline", 2],
      ["6) Security and config hardening", 3],
      ["7) Runbooks and rollback readiness", 2],
      ["Go / No-Go Criteria", 0],
      ["Go if all are true", 4],
      ["No-Go if any are true", 4],
    ]);
    const preflight = summary.sections[0]?.sections[2]?.items[0];
    expect(preflight?.text).toBe("Use `scripts/prod_preflight.sh` to check:");
    expect(preflight?.children.map((c) => c.text)).toHaveLength(5);
    const noGo = summary.sections[2]?.sections[1]?.items.map((i) => i.kind);
    expect(noGo).toEqual(["NO_GO_CONDITION", "NO_GO_CONDITION", "NO_GO_CONDITION", "NO_GO_CONDITION"]);
  });

  it("action-plan.md: nine bullets in three sections, code blocks kept as detail", () => {
    const result = parseChecklist(readSeed("action-plan.md"));
    if (!result.ok) throw new Error(result.error);
    const summary = summarizeChecklist(result.checklist);
    expect(summary).toMatchObject({ title: "Production Action Plan", mode: "lists", items: 9, topLevelItems: 9, maxDepth: 1 });
    expect(sectionCounts(summary.sections).map(([, n]) => n)).toEqual([4, 2, 3]);
    const alembic = result.checklist.sections[0]?.items[1];
    expect(alembic?.text).toBe("**Create an Alembic migration project:**");
    expect(alembic?.detail).toContain("```bash\ncd backend\npoetry run alembic init migrations");
  });

  it("imports a plan as tasks only when asked, and then explains why nothing was found", () => {
    const result = parseChecklist(readSeed("action-plan.md"), { mode: "tasks" });
    expect(result).toEqual({ ok: false, error: expect.stringMatching(/no task items.*lists mode/) });
  });
});
