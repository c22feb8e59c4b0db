import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appUrl, launchBrowser, signInAs, visible } from "@/tests/e2e/browser";

describe("dashboard", () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it("greets a newcomer with what it shows and three next steps, until they dismiss it", async () => {
    const page = await (await browser.newContext()).newPage();
    await signInAs(page, "admin");
    await page.goto(appUrl("/dashboard"));
    const welcome = page.getByRole("region", { name: "Every release in flight, whether it can ship, and why." });
    await visible(welcome);
    // The example is a release held back (No-go), the others lead to import and to roles.
    const example = welcome.getByRole("link", { name: /^Open / });
    await visible(example);
    expect(await example.getAttribute("href")).toMatch(/^\/releases\/[0-9a-f-]{36}$/);
    expect(await welcome.getByRole("link", { name: "Import your checklist" }).getAttribute("href")).toBe("/templates/import");
    expect(await welcome.getByRole("link", { name: "Admin" }).getAttribute("href")).toBe("/admin");
    await welcome.getByRole("button", { name: "Dismiss" }).click();
    await expect.poll(() => welcome.count()).toBe(0);
    await page.reload();
    await visible(page.getByRole("heading", { level: 1, name: "Dashboard" }));
    expect(await page.getByRole("region", { name: "Every release in flight, whether it can ship, and why." }).count()).toBe(0);
  });

  it("renders every chart from the seeded data, and a release card opens the release", async () => {
    const page = await (await browser.newContext()).newPage();
    await signInAs(page, "viewer");
    await page.goto(appUrl("/"));
    expect(new URL(page.url()).pathname).toBe("/dashboard");
    const card = page.getByRole("list", { name: "Releases in flight" }).getByRole("listitem", { name: "Checkout 2.4.0" });
    await visible(card.getByText("No-go"));

    const burndown = page.getByRole("figure", { name: "Burndown of Checkout 2.4.0" });
    await visible(burndown.locator("svg.recharts-surface").first());
    // The demo release's history: created, then its items done over a week, each changing the open count or the verdict.
    await expect.poll(() => burndown.locator(".recharts-line-dots circle").count()).toBeGreaterThan(1);
    await visible(page.getByRole("figure", { name: "Verdict history of Checkout 2.4.0" }).locator("svg.recharts-surface").first());

    const owners = page.getByRole("figure", { name: "Open and overdue items per owner" });
    // Teams and people hold open items across the releases in flight (the demo story).
    await expect.poll(() => owners.locator(".recharts-bar-rectangle").count()).toBeGreaterThan(2);
    await visible(owners.getByText("SRE (team)"));
    const sections = page.getByRole("figure", { name: "Sections most often incomplete or waived" });
    await expect.poll(() => sections.locator(".recharts-bar-rectangle").count()).toBeGreaterThan(0);

    const csv = await page.request.get(appUrl("/dashboard/data?chart=owners"));
    expect(await csv.text()).toContain("owner,open,overdue");

    await card.getByRole("link", { name: "Checkout 2.4.0" }).click();
    await page.waitForURL(/\/releases\/[0-9a-f-]{36}$/);
    await visible(page.getByRole("heading", { level: 1, name: "Checkout 2.4.0" }));
    await visible(page.getByRole("figure", { name: "Burndown of Checkout 2.4.0" }).locator("svg.recharts-surface").first());
  });
});
