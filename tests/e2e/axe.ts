import axe from "axe-core";
import type { Page } from "playwright-core";

type TViolation = { id: string; impact: string | null; help: string; nodes: { target: unknown }[] };

/**
 * Serious and critical accessibility violations on the current page, as axe-core reports them.
 * A page mid-render (a client-side navigation or a server action's refresh swaps the page's
 * <title> out and back) is given up to 5 s to have its title before a missing one counts:
 * the check is run again once it has one, so a page that never gets a title still fails.
 */
export async function seriousViolations(page: Page): Promise<string[]> {
  const first = await runAxe(page);
  if (!first.some((violation) => violation.includes("document-title"))) return first;
  const titled = await page.waitForFunction(() => document.title.trim() !== "", undefined, { timeout: 5_000 }).then(
    () => true,
    () => false,
  );
  return titled ? runAxe(page) : first;
}

async function runAxe(page: Page): Promise<string[]> {
  await page.evaluate(axe.source);
  const violations = await page.evaluate(async () => {
    const result = await (window as unknown as { axe: { run: (context: Document) => Promise<{ violations: TViolation[] }> } }).axe.run(document);
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => JSON.stringify(n.target)).slice(0, 3) }));
  });
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.impact}: ${v.id} (${v.help}) at ${v.targets.join(", ")}`);
}
