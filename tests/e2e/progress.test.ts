import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appUrl, launchBrowser, signInAs, visible } from "@/tests/e2e/browser";

// Long work shows progress: a large template's import says what it is checking and saving
// while the server works (held back here so the states can be seen), and an audit export
// counts what it has downloaded and says what it saved.
describe("feedback on long work", () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await (await browser.newContext({ acceptDownloads: true })).newPage();
    await signInAs(page, "admin");
  });

  afterAll(async () => {
    await browser?.close();
  });

  it("shows the stages of a large template's import, and a waiting publish button", async () => {
    const sections = Array.from({ length: 20 }, (_, s) => [`## Area ${s + 1}`, "", ...Array.from({ length: 100 }, (_, i) => `- [ ] Progress check ${s + 1}.${i + 1} is done`), ""].join("\n"));
    const source = ["# Progress e2e checklist", "", ...sections].join("\n");
    await page.goto(appUrl("/templates/import"));
    // The server's answers (preview, publish) are held back a moment, as on a slow network.
    await page.route("**/templates/import", async (route) => {
      if (route.request().method() === "POST") await new Promise((resolve) => setTimeout(resolve, 1_500));
      await route.continue();
    });
    await page.getByLabel("Markdown file").setInputFiles({ name: "progress.md", mimeType: "text/markdown", buffer: Buffer.from(source) });
    await visible(page.getByText(/^Checking 20 sections and about 2,000 items…$/));
    await visible(page.getByRole("progressbar", { name: "Import progress" }));
    await visible(page.getByRole("region", { name: "Preview" }).getByText(/2000 items/));

    await page.getByRole("button", { name: "Publish template" }).click();
    const waiting = page.getByRole("button", { name: "Publishing…" });
    await visible(waiting);
    expect(await waiting.isDisabled()).toBe(true);
    expect(await waiting.getAttribute("aria-busy")).toBe("true");
    await visible(page.getByText(/^Saving 2,000 items…$/));
    await visible(page.getByRole("progressbar", { name: "Publish progress" }));
    await page.waitForURL(/\/templates\/[0-9a-f-]{36}$/, { timeout: 30_000 });
    await page.unroute("**/templates/import");
  });

  it("counts an audit export as it downloads, then says what it saved", async () => {
    await page.goto(appUrl("/audit"));
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("navigation", { name: "Export" }).getByRole("link", { name: "Export CSV" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe("preflight-audit.csv");
    await visible(page.getByText(/^Exported [\d,]+ events \(.+\) as preflight-audit\.csv\.$/));
  });
});
