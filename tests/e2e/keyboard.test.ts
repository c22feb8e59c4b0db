import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { cliActor } from "@/lib/auth/permissions";
import { createDb, type TDb } from "@/lib/db";
import { importRelease } from "@/lib/data/releases/import-release";
import { cancelRelease } from "@/lib/data/releases/release-lifecycle";
import { appUrl, launchBrowser, signInAs, visible } from "@/tests/e2e/browser";

const SOURCE = "# Keys\n\n## Before launch\n\n- [ ] Alerts page the on-call\n- [ ] Runbook reviewed\n\n## Launch\n\n- [ ] Dashboards show traffic\n";

/** The accessible name of the item row holding focus, if any. */
const focusedItem = (page: import("playwright-core").Page) => page.evaluate(() => document.activeElement?.closest("li[id^='item-']")?.getAttribute("aria-label") ?? null);

describe("the release page from the keyboard", () => {
  let browser: Browser;
  let db: TDb;
  let releaseId: string;

  beforeAll(async () => {
    browser = await launchBrowser();
    db = createDb(inject("databaseUrl"));
    const imported = await importRelease(cliActor("e2e"), { name: "Keys 1.0", service: "keys", version: "1.0", environment: "prod", source: SOURCE }, db);
    if (!imported.ok) throw new Error(imported.error);
    releaseId = imported.data.releaseId;
  });

  afterAll(async () => {
    if (releaseId) await cancelRelease(cliActor("e2e"), { releaseId, reason: "e2e done" }, db);
    await browser?.close();
    await db?.$disconnect();
  });

  it("moves with j and k, ticks with x, searches with / and lists the shortcuts with ?", async () => {
    const page = await (await browser.newContext()).newPage();
    await signInAs(page, "member");
    await page.goto(appUrl(`/releases/${releaseId}`));
    await visible(page.getByRole("checkbox", { name: "Done: Dashboards show traffic", exact: true }));
    await page.waitForLoadState("networkidle");

    await page.keyboard.press("?");
    const dialog = page.getByRole("dialog", { name: "Keyboard shortcuts" });
    await visible(dialog);
    expect(await dialog.getByRole("definition").allTextContents()).toContain("Tick or untick the current item");
    await page.keyboard.press("Escape");
    await expect.poll(() => dialog.isVisible()).toBe(false);

    await page.keyboard.press("j");
    expect(await focusedItem(page)).toBe("Alerts page the on-call");
    await page.keyboard.press("j");
    await page.keyboard.press("j");
    expect(await focusedItem(page)).toBe("Dashboards show traffic");
    await page.keyboard.press("k");
    expect(await focusedItem(page)).toBe("Runbook reviewed");
    // The focused row is drawn with a visible outline.
    expect(await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle)).not.toBe("none");

    await page.keyboard.press("x");
    await visible(page.getByRole("region", { name: "Verdict" }).getByText("1 of 3 blocking items satisfied"));
    expect(await page.getByRole("checkbox", { name: "Done: Runbook reviewed", exact: true }).isChecked()).toBe(true);

    await page.keyboard.press("/");
    const search = page.getByRole("searchbox", { name: "Search the items" });
    expect(await search.evaluate((node) => node === document.activeElement)).toBe(true);
    // Typed into the search, "j" is text, not a move.
    await page.keyboard.type("dash");
    await expect.poll(() => page.getByRole("listitem", { name: /^(Alerts|Runbook|Dashboards)/ }).count()).toBe(1);
    await visible(page.getByRole("listitem", { name: "Dashboards show traffic", exact: true }));
    await search.fill("nothing like this");
    await visible(page.getByText("No items match. Clear the search or choose All items."));
  });
});
