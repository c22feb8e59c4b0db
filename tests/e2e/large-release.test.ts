import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { cliActor } from "@/lib/auth/permissions";
import { createDb, type TDb } from "@/lib/db";
import { importRelease } from "@/lib/data/releases/import-release";
import { cancelRelease } from "@/lib/data/releases/release-lifecycle";
import { appUrl, launchBrowser, signInAs, visible } from "@/tests/e2e/browser";

const ITEMS = 500;
const HUGE = 5_000;
/** `items` items in ten areas of "Check N". */
const source = (items: number) =>
  `# Big release\n\n${Array.from({ length: 10 }, (_, s) => `## Area ${s + 1}\n\n${Array.from({ length: items / 10 }, (_, i) => `- [ ] Check ${s * (items / 10) + i + 1}`).join("\n")}`).join("\n\n")}\n`;

// Timing lives in bench/; this proves the shape (docs/decisions/0012-release-page-by-revision.md):
// the server draws the first rows, the browser the rest; a toggle changes one row and the
// banner without re-rendering the page; thousands of items are drawn as they scroll into view.
describe(`a release with ${ITEMS} items, and one with ${HUGE}`, () => {
  let browser: Browser;
  let db: TDb;
  let releasePath: string;
  let hugePath: string;

  beforeAll(async () => {
    browser = await launchBrowser();
    db = createDb(inject("databaseUrl"));
    for (const [items, name] of [[ITEMS, "Big release"], [HUGE, "Huge release"]] as const) {
      const imported = await importRelease(cliActor("e2e"), { name, service: "big", version: String(items), environment: "prod", source: source(items) }, db);
      if (!imported.ok) throw new Error(imported.error);
      if (items === ITEMS) releasePath = `/releases/${imported.data.releaseId}`;
      else hugePath = `/releases/${imported.data.releaseId}`;
    }
  });

  afterAll(async () => {
    // Out of flight: other files count the dashboard's releases.
    for (const path of [releasePath, hugePath]) if (path) await cancelRelease(cliActor("e2e"), { releaseId: path.split("/").pop()!, reason: "e2e done" }, db);
    await browser?.close();
    await db?.$disconnect();
  });

  it("sends the first rows drawn and the rest as data; the browser draws every item", async () => {
    const page = await (await browser.newContext()).newPage();
    await signInAs(page, "member");
    const html = await (await page.request.get(appUrl(releasePath))).text();
    expect(html).toContain('aria-label="Check 1"');
    expect(html).not.toContain(`aria-label="Check ${ITEMS}"`);
    expect(html).toContain(`Showing the first 60 of ${ITEMS} items`);
    await page.goto(appUrl(releasePath));
    await visible(page.getByRole("listitem", { name: `Check ${ITEMS}`, exact: true }));
    expect(await page.getByRole("listitem", { name: /^Check \d+$/ }).count()).toBe(ITEMS);
    await expect.poll(() => page.getByText(/Showing the first/).count()).toBe(0);
  });

  it(`draws only the rows near the screen for ${HUGE} items, and any item on demand`, async () => {
    const page = await (await browser.newContext()).newPage();
    await signInAs(page, "member");
    await page.goto(appUrl(hugePath));
    await visible(page.getByRole("checkbox", { name: "Done: Check 1", exact: true }));
    await expect.poll(() => page.getByRole("listitem").count()).toBeLessThan(150);
    // The banner's reasons link to items far below: following one draws it.
    await page.goto(appUrl(`${hugePath}#item-${encodeURIComponent("check-4321")}`));
    const far = page.getByRole("checkbox", { name: "Done: Check 4321", exact: true });
    await visible(far);
    await far.check();
    await visible(page.getByRole("region", { name: "Verdict" }).getByText(`1 of ${HUGE} blocking items satisfied`));
    // Scrolling to the end draws the last item, still a few rows at a time.
    // (Rows are measured as they are drawn, so the page's height settles as it scrolls.)
    const lastRow = page.getByRole("listitem", { name: `Check ${HUGE}`, exact: true });
    await expect
      .poll(async () => {
        await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
        return lastRow.count();
      })
      .toBe(1);
    await visible(lastRow);
    expect(await page.getByRole("listitem").count()).toBeLessThan(150);
    const last = page.getByRole("listitem", { name: `Check ${HUGE}`, exact: true });
    expect(await last.getAttribute("aria-setsize")).toBe(String(HUGE));
    expect(await last.getAttribute("aria-posinset")).toBe(String(HUGE));
  });

  it("toggles an item with one server action and no page re-render", async () => {
    const page = await (await browser.newContext()).newPage();
    await signInAs(page, "member");
    await page.goto(appUrl(releasePath));
    await visible(page.getByRole("checkbox", { name: `Done: Check ${ITEMS}`, exact: true }));
    await page.waitForLoadState("networkidle");
    // Mark a far-away row's DOM node: a re-render of the page would replace it.
    await page.getByRole("listitem", { name: "Check 250", exact: true }).evaluate((node) => Object.assign(node, { untouched: true }));
    const requests: string[] = [];
    page.on("request", (request) => {
      const headers = request.headers();
      // Link prefetches (the nav links scrolled into view) are not re-renders of this page.
      if (headers["next-router-prefetch"]) return;
      requests.push(`${request.method()} ${headers["next-action"] ? "action" : headers["rsc"] ? `rsc ${request.url()}` : request.url()}`);
    });

    await page.getByRole("checkbox", { name: "Done: Check 1", exact: true }).check();
    await visible(page.getByRole("region", { name: "Verdict" }).getByText(`1 of ${ITEMS} blocking items satisfied`));

    expect(requests).toEqual(["POST action"]);
    expect(await page.getByRole("listitem", { name: "Check 250", exact: true }).evaluate((node) => "untouched" in node)).toBe(true);
  });
});
