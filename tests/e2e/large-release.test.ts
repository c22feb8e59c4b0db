import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { cliActor } from "@/lib/auth/permissions";
import { createDb, type TDb } from "@/lib/db";
import { importRelease } from "@/lib/data/releases/import-release";
import { appUrl, launchBrowser, signInAs, visible } from "@/tests/e2e/browser";

const ITEMS = 500;
const SOURCE = `# Big release\n\n${Array.from({ length: 10 }, (_, s) => `## Area ${s + 1}\n\n${Array.from({ length: ITEMS / 10 }, (_, i) => `- [ ] Check ${s * 50 + i + 1}`).join("\n")}`).join("\n\n")}\n`;

// Timing lives in bench/; this proves the shape: server-rendered rows, and a toggle that
// changes one row and the banner without re-rendering the page.
describe(`a release with ${ITEMS} items`, () => {
  let browser: Browser;
  let db: TDb;
  let releasePath: string;

  beforeAll(async () => {
    browser = await launchBrowser();
    db = createDb(inject("databaseUrl"));
    const imported = await importRelease(cliActor("e2e"), { name: "Big release", service: "big", version: "1", environment: "prod", source: SOURCE }, db);
    if (!imported.ok) throw new Error(imported.error);
    releasePath = `/releases/${imported.data.releaseId}`;
  });

  afterAll(async () => {
    await browser?.close();
    await db?.$disconnect();
  });

  it("renders every item on the server", async () => {
    const page = await (await browser.newContext()).newPage();
    await signInAs(page, "member");
    const response = await page.request.get(appUrl(releasePath));
    const html = await response.text();
    expect(html).toContain("Check 1<");
    expect(html).toContain(`Check ${ITEMS}<`);
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
