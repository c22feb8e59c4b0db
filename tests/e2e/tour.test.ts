import { mkdir } from "node:fs/promises";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { cliActor } from "@/lib/auth/permissions";
import { createDb, type TDb } from "@/lib/db";
import { importRelease } from "@/lib/data/releases/import-release";
import { cancelRelease } from "@/lib/data/releases/release-lifecycle";
import { importTemplate } from "@/lib/data/templates/import-template";
import { openTemplateDraft } from "@/lib/data/templates/open-template-draft";
import { seriousViolations } from "@/tests/e2e/axe";
import { appUrl, launchBrowser, signInAs, visible, type TDemoRole } from "@/tests/e2e/browser";

// Every page, in both themes, as the demo users see it: axe finds no serious or critical
// violation; at phone width (390 px) the dashboard, a release and its sign-off fit without
// scrolling sideways and a release manager can sign off; screenshots at 1280 and 390 px in
// both themes are kept under test-results/screenshots (not committed).
const SCREENSHOTS = path.join(process.cwd(), "test-results", "screenshots");
const THEMES = ["light", "dark"] as const;
type TTheme = (typeof THEMES)[number];

describe("a tour of every page", () => {
  let browser: Browser;
  let db: TDb;
  const contexts: BrowserContext[] = [];
  const ids = { release: "", signedOff: "", template: "", draft: "" };

  async function as(role: TDemoRole | null, theme: TTheme, width = 1280): Promise<Page> {
    const context = await browser.newContext({ colorScheme: theme, viewport: { width, height: width > 500 ? 900 : 844 } });
    contexts.push(context);
    const page = await context.newPage();
    if (role) await signInAs(page, role);
    return page;
  }

  async function open(page: Page, pathname: string): Promise<void> {
    const response = await page.goto(appUrl(pathname));
    expect(response?.status(), pathname).toBeLessThan(400);
    await visible(page.getByRole("heading", { level: 1 }).first());
    await page.waitForLoadState("networkidle");
  }

  beforeAll(async () => {
    browser = await launchBrowser();
    db = createDb(inject("databaseUrl"));
    ids.release = (await db.release.findFirstOrThrow({ where: { name: "Checkout 2.4.0" } })).id;
    ids.signedOff = (await db.release.findFirstOrThrow({ where: { name: "Search 1.0.0" } })).id;
    ids.template = (await db.checklistTemplate.findFirstOrThrow({ where: { name: "Web service production readiness" } })).id;
    // The template editor, on a template of its own (a template has one draft at most).
    const source = "# Tour editor\n\nSign-off: Security (users: sam@example.com)\n\n## Checks\n\n- [ ] First check\n";
    const template = await importTemplate(cliActor("tour"), { source }, db);
    if (!template.ok) throw new Error(template.error);
    const draft = await openTemplateDraft(cliActor("tour"), { templateId: template.data.templateId }, db);
    if (!draft.ok) throw new Error(draft.error);
    ids.draft = draft.data.draftId;
    await mkdir(SCREENSHOTS, { recursive: true });
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await db?.$disconnect();
  });

  const pages = () => [
    "/dashboard",
    "/releases",
    "/releases/new",
    `/releases/${ids.release}`,
    `/releases/${ids.signedOff}`,
    `/releases/${ids.release}/history`,
    `/releases/${ids.release}/history?at=5`,
    `/releases/${ids.signedOff}/report`,
    "/my-work",
    "/templates",
    `/templates/${ids.template}`,
    "/templates/import",
    `/templates/drafts/${ids.draft}`,
    "/audit",
    "/admin",
    "/admin/teams",
    "/admin/tokens",
    "/admin/webhooks",
    "/api-docs",
  ];

  for (const theme of THEMES) {
    it(`has no serious or critical axe violation on any page in the ${theme} theme`, async () => {
      const found: string[] = [];
      const signedOut = await as(null, theme);
      await open(signedOut, "/sign-in");
      found.push(...(await seriousViolations(signedOut)).map((v) => `/sign-in: ${v}`));
      const admin = await as("admin", theme);
      expect(await admin.evaluate(() => window.matchMedia("(prefers-color-scheme: dark)").matches)).toBe(theme === "dark");
      for (const pathname of pages()) {
        await open(admin, pathname);
        found.push(...(await seriousViolations(admin)).map((v) => `${pathname}: ${v}`));
      }
      expect(found).toEqual([]);
    }, 240_000);
  }

  for (const theme of THEMES) {
    for (const width of [1280, 390]) {
      it(`takes screenshots of the dashboard, a release and a sign-off at ${width} px in the ${theme} theme`, async () => {
        const page = await as("release manager", theme, width);
        const shots: [string, string][] = [
          ["dashboard", "/dashboard"],
          ["release", `/releases/${ids.release}`],
          ["sign-off", `/releases/${ids.signedOff}`],
          ["sign-off-report", `/releases/${ids.signedOff}/report`],
        ];
        for (const [name, pathname] of shots) {
          await open(page, pathname);
          if (name === "sign-off") await page.getByRole("complementary", { name: "Sign-off" }).scrollIntoViewIfNeeded();
          const file = path.join(SCREENSHOTS, `${name}-${width}-${theme}.png`);
          await page.screenshot({ path: file, fullPage: name !== "sign-off" });
          // At phone width nothing scrolls sideways.
          if (width === 390) {
            const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
            expect(overflow, `${pathname} is ${overflow} px wider than the screen`).toBeLessThanOrEqual(0);
          }
        }
      }, 120_000);
    }
  }

  it("lets a release manager review the verdict and sign off on a 390 px screen", async () => {
    const source = "# Phone e2e\n\n## Checks\n\n- [x] Tests pass\n- [x] Runbook updated\n";
    const imported = await importRelease(cliActor("e2e"), { name: "Phone 1.0", service: "phone", version: "1.0", environment: "prod", source }, db);
    if (!imported.ok) throw new Error(imported.error);
    const page = await as("release manager", "light", 390);
    await open(page, `/releases/${imported.data.releaseId}`);
    await visible(page.getByRole("region", { name: "Verdict" }).getByRole("heading", { name: "Verdict: Go" }));
    const signOff = page.getByRole("button", { name: "Sign off" });
    await signOff.scrollIntoViewIfNeeded();
    const box = (await signOff.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    await signOff.click();
    await visible(page.getByRole("region", { name: "Release state" }).getByRole("button", { name: "Mark shipped" }));
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    must(await cancelRelease(cliActor("e2e"), { releaseId: imported.data.releaseId, reason: "e2e done" }, db));
  });
});

function must(result: { ok: boolean; error?: string }) {
  if (!result.ok) throw new Error(result.error);
}
