import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appUrl, launchBrowser, signInAs, visible, type TDemoRole } from "@/tests/e2e/browser";
import { seriousViolations } from "@/tests/e2e/axe";

const TEMPLATE = `# E2E web checklist

## Checks

- [ ] Tests pass in CI
- [ ] Feature flags configured

## No-Go if any are true

- [ ] Open sev-1 incident
`;

// The daily use, as people do it: an admin imports a template, a release manager creates
// a release, a member works the items, the manager signs off, a change voids the sign-off.
describe("release workflow", () => {
  let browser: Browser;
  let releaseUrl = "";
  const pages: Page[] = [];
  async function as(role: TDemoRole): Promise<Page> {
    const context = await browser.newContext();
    const page = await context.newPage();
    pages.push(page);
    await signInAs(page, role);
    return page;
  }
  const banner = (page: Page) => page.getByRole("region", { name: "Verdict" });

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it("an admin imports a template from markdown, with a preview before saving", async () => {
    const page = await as("admin");
    await page.goto(appUrl("/templates/import"));
    await page.getByRole("textbox", { name: "Or paste it" }).fill(TEMPLATE);
    const preview = page.getByRole("region", { name: "Preview" });
    await visible(preview.getByText("E2E web checklist: 3 items (3 top-level), tasks mode, 1 no-go conditions"));
    await page.getByRole("radio", { name: "Every list item" }).check();
    await visible(preview.getByText(/lists mode/));
    await page.getByRole("radio", { name: "Detect" }).check();
    await page.getByRole("button", { name: "Publish template" }).click();
    await page.waitForURL(/\/templates\/[0-9a-f-]{36}$/);
    await visible(page.getByRole("heading", { level: 1, name: "E2E web checklist" }));
  });

  it("a release manager creates a release from it", async () => {
    const page = await as("release manager");
    await page.getByRole("link", { name: "New release" }).click();
    await page.getByRole("combobox", { name: "Template" }).selectOption({ label: "E2E web checklist — version 1 (3 items)" });
    await page.getByRole("textbox", { name: "Release name" }).fill("Web 3.0.0");
    await page.getByRole("textbox", { name: "Service" }).fill("web");
    await page.getByRole("textbox", { name: "Version" }).fill("3.0.0");
    await page.getByRole("button", { name: "Create release" }).click();
    await page.waitForURL(/\/releases\/[0-9a-f-]{36}$/);
    releaseUrl = page.url();
    await visible(banner(page).getByRole("heading", { name: "Verdict: No-go" }));
  });

  it("a member works the items and the verdict turns to go live, without a reload", async () => {
    const page = await as("member");
    await page.goto(releaseUrl);
    await page.waitForLoadState("networkidle");
    await page.evaluate(() => Object.assign(window, { sameDocumentMarker: true }));

    await page.getByRole("checkbox", { name: "Done: Tests pass in CI" }).check();
    await page.getByRole("combobox", { name: "Status of Feature flags configured" }).selectOption("NOT_APPLICABLE");
    await page.getByRole("textbox", { name: "Why “Feature flags configured” does not apply" }).fill("No flags in this release");
    await page.getByRole("button", { name: "Mark not applicable" }).click();
    await visible(banner(page).getByText("Not yet confirmed that this does not hold: “Open sev-1 incident”."));
    await page.getByRole("checkbox", { name: "Does not hold: Open sev-1 incident" }).check();

    await visible(banner(page).getByRole("heading", { name: "Verdict: Go with exceptions" }));
    await visible(banner(page).getByRole("link", { name: "Not applicable: Feature flags configured" }));
    expect(await page.evaluate(() => "sameDocumentMarker" in window)).toBe(true);

    const item = page.getByRole("listitem", { name: "Tests pass in CI" });
    await item.getByText("Details, evidence and comments").click();
    await item.getByRole("textbox", { name: "Evidence link for Tests pass in CI" }).fill("https://ci.example.com/web/991");
    await item.getByRole("button", { name: "Add evidence to Tests pass in CI" }).click();
    await visible(page.getByRole("listitem", { name: "Tests pass in CI" }).getByRole("link", { name: "https://ci.example.com/web/991" }));
  });

  it("a second write to a stale item gets a conflict that shows the other person's state in the control, not an overwrite", async () => {
    const first = await as("member");
    const second = await as("admin");
    await first.goto(releaseUrl);
    await second.goto(releaseUrl);
    await first.getByRole("combobox", { name: "Status of Feature flags configured" }).selectOption("IN_PROGRESS");
    await visible(first.getByRole("region", { name: "Verdict" }).getByRole("heading", { name: "Verdict: No-go" }));
    // click, not check(): the server refuses the change, and the control may be back before check() looks.
    await second.getByRole("checkbox", { name: "Done: Feature flags configured" }).click();
    const alert = second.getByRole("listitem", { name: "Feature flags configured" }).getByRole("alert");
    await visible(alert.getByText(/Someone else changed “Feature flags configured” since you loaded it: it is now in progress/));
    // The control shows what the server holds now, agreeing with the message.
    await expect.poll(() => second.getByRole("combobox", { name: "Status of Feature flags configured" }).inputValue()).toBe("IN_PROGRESS");
    expect(await second.getByRole("checkbox", { name: "Done: Feature flags configured" }).isChecked()).toBe(false);
    // The message spans the row: the item's text keeps its width.
    const textBox = await second.getByRole("listitem", { name: "Feature flags configured" }).getByText("Feature flags configured", { exact: true }).boundingBox();
    expect(textBox?.width ?? 0).toBeGreaterThan(100);
    // With the current state shown, the next change is made knowingly and is saved.
    await second.getByRole("combobox", { name: "Status of Feature flags configured" }).selectOption("OPEN");
    await expect.poll(async () => {
      await first.reload();
      return first.getByRole("combobox", { name: "Status of Feature flags configured" }).inputValue();
    }, { timeout: 10_000 }).toBe("OPEN");
    expect(await second.getByRole("listitem", { name: "Feature flags configured" }).getByRole("alert").count()).toBe(0);
    await first.getByRole("checkbox", { name: "Done: Feature flags configured" }).check();
    await visible(first.getByRole("region", { name: "Verdict" }).getByRole("heading", { name: "Verdict: Go" }));
  });

  it("ticking an item then saving its owner is saved: a person's own edits never conflict", async () => {
    const page = await as("member");
    await page.goto(releaseUrl);
    await page.getByRole("checkbox", { name: "Done: Tests pass in CI" }).uncheck();
    await visible(banner(page).getByRole("heading", { name: "Verdict: No-go" }));
    await page.getByRole("checkbox", { name: "Done: Tests pass in CI" }).check();
    const item = page.getByRole("listitem", { name: "Tests pass in CI" });
    await item.getByText("Details, evidence and comments").click();
    await item.getByRole("combobox", { name: "Owner of Tests pass in CI" }).fill("web-team");
    await item.getByRole("button", { name: "Save owner and due date of Tests pass in CI" }).click();
    await visible(item.getByRole("status").getByText("Saved."));
    expect(await item.getByRole("alert").count()).toBe(0);
    await visible(banner(page).getByRole("heading", { name: "Verdict: Go" }));
  });

  it("the release manager signs go; unticking an item voids it on the same page, without a reload", async () => {
    const manager = await as("release manager");
    await manager.goto(releaseUrl);
    await manager.evaluate(() => Object.assign(window, { sameDocumentMarker: true }));
    await manager.getByRole("radio", { name: "Go", exact: true }).check();
    await manager.getByRole("textbox", { name: "Sign-off comment" }).fill("Ship it");
    await manager.getByRole("button", { name: "Sign off" }).click();
    const signOffs = manager.getByRole("list", { name: "Sign-offs" });
    await visible(signOffs.getByText("Go by Rémi Release Manager"));
    const status = manager.getByTestId("release-status");
    await expect.poll(() => status.textContent()).toBe("signed off");

    // The manager unticks an item: the card and the header change at once.
    await manager.getByRole("checkbox", { name: "Done: Tests pass in CI" }).uncheck();
    await visible(banner(manager).getByRole("heading", { name: "Verdict: No-go" }));
    await visible(signOffs.getByText("Go by Rémi Release Manager — no longer valid"));
    await visible(manager.getByText(/Invalidated: Status of “Tests pass in CI” set to open \(changed by demo-release-manager@preflight.local\)/));
    await expect.poll(() => status.textContent()).toBe("in review");
    const checks = manager.getByRole("region", { name: "Checks" });
    await visible(checks.getByText("1/2 blocking satisfied"));
    expect(await manager.evaluate(() => "sameDocumentMarker" in window)).toBe(true);

    // Done again, so no open item of web-team is left for the dashboard's owners (one database for the suite).
    await manager.getByRole("checkbox", { name: "Done: Tests pass in CI" }).check();
    await visible(checks.getByText("2/2 blocking satisfied"));
  });

  it("a viewer sees everything and can change nothing", async () => {
    const viewer = await as("viewer");
    await viewer.goto(releaseUrl);
    await visible(banner(viewer));
    expect(await viewer.getByRole("checkbox", { name: "Done: Tests pass in CI" }).isDisabled()).toBe(true);
    expect(await viewer.getByRole("combobox", { name: "Status of Tests pass in CI" }).count()).toBe(0);
    expect(await viewer.getByRole("button", { name: "Sign off" }).count()).toBe(0);
    await viewer.getByRole("listitem", { name: "Tests pass in CI" }).getByText("Details, evidence and comments").click();
    expect(await viewer.getByRole("button", { name: "Add evidence to Tests pass in CI" }).count()).toBe(0);
    await visible(viewer.getByRole("link", { name: "https://ci.example.com/web/991" }));
    const exported = await viewer.request.get(`${releaseUrl}/export?format=md`);
    expect(exported.status()).toBe(200);
    expect(await exported.text()).toContain("- Evidence: <https://ci.example.com/web/991>");
  });

  it("a viewer reads the history, filters it, travels back to before the sign-off and exports CSV", async () => {
    const viewer = await as("viewer");
    await viewer.goto(releaseUrl);
    await viewer.getByRole("link", { name: "History" }).click();
    await visible(viewer.getByRole("heading", { level: 1, name: "History: Web 3.0.0" }));
    await visible(viewer.getByText(/signed off GO as Release manager with the verdict go/).first());

    await viewer.getByRole("combobox", { name: "Kind of change" }).selectOption("release.");
    await viewer.getByRole("button", { name: "Filter" }).click();
    await viewer.waitForURL((url) => url.searchParams.get("action") === "release.");
    const rows = viewer.getByRole("table", { name: "Audit events, newest first" }).getByRole("row");
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(3); // header, the sign-off, the creation
    const signOffSeq = Number(await rows.nth(1).getByRole("link").textContent());

    await viewer.goto(`${releaseUrl}/history`);
    await viewer.getByRole("combobox", { name: "Item" }).selectOption({ label: "Tests pass in CI" });
    await viewer.getByRole("button", { name: "Filter" }).click();
    await viewer.waitForURL((url) => !!url.searchParams.get("itemId"));
    const itemTable = viewer.getByRole("table", { name: "Audit events, newest first" });
    await visible(itemTable);
    await expect.poll(async () => (await itemTable.getByRole("row").allTextContents()).slice(1).every((t) => t.includes("Tests pass in CI")), { timeout: 10_000 }).toBe(true);
    const texts = await itemTable.getByRole("row").allTextContents();
    expect(texts.length).toBeGreaterThan(2);
    expect(texts.slice(1).every((text) => text.includes("Tests pass in CI"))).toBe(true);

    await viewer.goto(`${releaseUrl}/history?at=${signOffSeq - 1}&compare=${signOffSeq}`);
    const before = viewer.getByRole("region", { name: `As of event ${signOffSeq - 1}` });
    await visible(before.getByText("None."));
    await visible(viewer.getByRole("region", { name: `As of event ${signOffSeq}` }).getByText(/Go by demo-release-manager@preflight.local .* — valid/));

    await viewer.goto(appUrl("/audit?q=Tests+pass+in+CI"));
    const csv = await viewer.request.get(appUrl("/audit/export?q=Tests+pass+in+CI&format=csv"));
    expect(csv.status()).toBe(200);
    const lines = (await csv.text()).trim().split("\n");
    expect(lines[0]).toBe("seq,created_at,actor,action,entity_type,entity_id,release_id,before,after,request_id,ip,user_agent,prev_hash,hash");
    expect(lines.length).toBeGreaterThan(2);
  });

  it("has no serious accessibility violations on the releases list, a release, the import page and the audit pages", async () => {
    const context = await browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    await signInAs(page, "admin");
    const found: string[] = [];
    for (const path of ["/releases", new URL(releaseUrl).pathname, "/templates/import", "/audit", `${new URL(releaseUrl).pathname}/history?at=3`]) {
      await page.goto(appUrl(path));
      await page.waitForLoadState("networkidle");
      found.push(...(await seriousViolations(page)).map((v) => `${path}: ${v}`));
    }
    expect(found).toEqual([]);
    await context.close();
  });
});
