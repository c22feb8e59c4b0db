import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { cliActor } from "@/lib/auth/permissions";
import { TEST_CLOCK_COOKIE } from "@/lib/clock";
import { createDb, type TDb } from "@/lib/db";
import { cancelRelease } from "@/lib/data/releases/release-lifecycle";
import { seriousViolations } from "@/tests/e2e/axe";
import { appUrl, launchBrowser, signInAs, visible } from "@/tests/e2e/browser";

// An admin builds a checklist in the browser (nothing typed is lost on a reload, a second tab
// gets a conflict instead of overwriting), reviews and publishes it; a release of it is
// satisfied, and eight days later (the test moves the server's clock) the evidence that may
// be at most seven days old no longer satisfies its item, and the verdict says why.
describe("the template editor", () => {
  let browser: Browser;
  let db: TDb;
  const title = `Editor e2e checklist ${crypto.randomUUID().slice(0, 8)}`;
  const contexts: BrowserContext[] = [];
  let releaseId = "";

  const newPage = async () => {
    const context = await browser.newContext();
    contexts.push(context);
    return context.newPage();
  };
  const saved = (page: Page) => visible(page.getByRole("status").getByText(/^All changes saved/));
  const itemOrder = (page: Page) => page.getByRole("list", { name: "Items in Operations" }).getByRole("textbox", { name: "Item text" }).evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));

  beforeAll(async () => {
    browser = await launchBrowser();
    db = createDb(inject("databaseUrl"));
  });

  afterAll(async () => {
    // Out of flight, so that the dashboard's counts do not depend on the order of the files.
    if (releaseId) await cancelRelease(cliActor("e2e"), { releaseId, reason: "e2e done" }, db);
    await Promise.all(contexts.map((c) => c.close()));
    await browser?.close();
    await db?.$disconnect();
  });

  it("builds a template from scratch, keeps it across a reload, reorders by keyboard and drag, and publishes after a review", async () => {
    const page = await newPage();
    await signInAs(page, "admin");
    await page.goto(appUrl("/templates"));
    await page.getByRole("button", { name: "New template" }).click();
    await visible(page.getByRole("heading", { level: 1, name: "New template" }));
    await visible(page.getByText("This checklist is empty."));

    await page.getByRole("textbox", { name: "Checklist title" }).fill(title);
    await page.getByRole("textbox", { name: /^Description/ }).fill("Built in the browser by the e2e suite.");
    await page.getByRole("button", { name: "Add a section" }).click();
    await page.getByRole("textbox", { name: "Section title" }).fill("Operations");
    const section = page.getByRole("region", { name: "Section Operations" });
    for (const text of ["Dashboards reviewed", "Load test passed", "Runbook written"]) {
      await section.getByRole("button", { name: "Add an item to Operations" }).click();
      await section.getByRole("textbox", { name: "Item text" }).last().fill(text);
    }
    await section.getByRole("combobox", { name: "Severity of “Dashboards reviewed”" }).selectOption("ADVISORY");
    await section.getByRole("button", { name: "More settings for “Load test passed”" }).click();
    await section.getByRole("checkbox", { name: "Evidence required" }).check();
    await section.getByRole("spinbutton", { name: "Maximum evidence age (days)" }).fill("7");
    await saved(page);

    // Nothing is lost on a reload: the draft is on the server.
    await page.reload();
    await visible(page.getByRole("heading", { level: 1, name: "New template" }));
    expect(await page.getByRole("textbox", { name: "Checklist title" }).inputValue()).toBe(title);
    expect(await itemOrder(page)).toEqual(["Dashboards reviewed", "Load test passed", "Runbook written"]);
    await visible(page.getByText("Evidence ≤ 7 d"));
    await page.getByRole("button", { name: "More settings for “Load test passed”" }).click();
    expect(await seriousViolations(page)).toEqual([]);

    // Keyboard: the handle moves its item with ↑/↓.
    await page.getByRole("button", { name: "Move “Runbook written”", exact: true }).focus();
    await page.keyboard.press("ArrowUp");
    expect(await itemOrder(page)).toEqual(["Dashboards reviewed", "Runbook written", "Load test passed"]);
    await visible(page.getByText("Moved to position 2 of 3."));
    expect(await page.evaluate(() => document.activeElement?.getAttribute("aria-label"))).toBe("Move “Runbook written”");
    // Drag and drop: the handle dropped on an item takes its place.
    await page.getByRole("button", { name: "Move “Dashboards reviewed”", exact: true }).dragTo(page.getByRole("listitem", { name: "Load test passed" }));
    expect(await itemOrder(page)).toEqual(["Runbook written", "Load test passed", "Dashboards reviewed"]);
    await saved(page);

    // A second tab of the same draft saves first: this one gets a conflict, not an overwrite.
    const other = await newPage();
    await signInAs(other, "admin");
    await other.goto(page.url());
    await other.getByRole("textbox", { name: "Checklist title" }).fill(`${title} (theirs)`);
    await saved(other);
    await page.getByRole("textbox", { name: "Section title" }).fill("Operations and on-call");
    const conflict = page.getByRole("alert").filter({ hasText: "after you opened it" });
    await visible(conflict);
    await conflict.getByRole("button", { name: "Load their draft (drop my changes)" }).click();
    await visible(page.getByRole("heading", { level: 1, name: "New template" }));
    expect(await page.getByRole("textbox", { name: "Checklist title" }).inputValue()).toBe(`${title} (theirs)`);
    expect(await page.getByRole("textbox", { name: "Section title" }).inputValue()).toBe("Operations");
    await page.getByRole("textbox", { name: "Checklist title" }).fill(title);
    await saved(page);

    // Without dragging, an item's settings move it to another section.
    await page.getByRole("button", { name: "Add a section" }).click();
    await page.getByRole("textbox", { name: "Section title" }).last().fill("Rollout");
    await page.getByRole("button", { name: "More settings for “Runbook written”" }).click();
    await page.getByRole("listitem", { name: "Runbook written" }).getByRole("combobox", { name: "Section" }).selectOption({ label: "Rollout" });
    await visible(page.getByText("Moved to the end of “Rollout”."));
    expect(await itemOrder(page)).toEqual(["Load test passed", "Dashboards reviewed"]);
    expect(await page.getByRole("list", { name: "Items in Rollout" }).getByRole("textbox", { name: "Item text" }).inputValue()).toBe("Runbook written");
    expect(await page.evaluate(() => document.activeElement?.getAttribute("aria-label"))).toBe("Move “Runbook written”");
    await saved(page);

    // Review: a blank item stops the publish and says where it is.
    await page.getByRole("button", { name: "Add an item to Operations" }).click();
    await page.getByRole("button", { name: "Review and publish" }).click();
    const review = page.getByRole("region", { name: "Review before publishing" });
    await visible(review.getByText("An item has no text."));
    expect(await review.getByRole("button", { name: "Publish the template" }).isDisabled()).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole("button", { name: "Remove “untitled item”" }).click();
    await page.getByRole("button", { name: "Review and publish" }).click();
    await visible(review.getByRole("heading", { name: "Added (3)" }));
    await review.getByRole("button", { name: "Publish the template" }).click();

    await visible(page.getByRole("heading", { level: 1, name: title }));
    expect(new URL(page.url()).searchParams.get("version")).toBe("1");
    await visible(page.getByText("· Evidence required, at most 7 days old"));
    await visible(page.getByRole("listitem").filter({ hasText: "Dashboards reviewed" }).getByText("· Advisory"));
    await visible(page.getByText("Built in the browser by the e2e suite. · Version 1"));
    const markdown = await (await page.request.get(appUrl(await page.getByRole("link", { name: "Markdown of version 1" }).getAttribute("href") ?? ""))).text();
    expect(markdown).toContain("- [ ] Dashboards reviewed (advisory)");
    expect(markdown).toContain("- [ ] Load test passed\n  - Evidence: required, max age 7 days");
  });

  it("judges the release made from it at the clock's time: evidence older than 7 days no longer satisfies its item", async () => {
    const version = await db.templateVersion.findFirstOrThrow({ where: { title }, select: { id: true } });
    const page = await newPage();
    await signInAs(page, "release manager");
    await page.goto(appUrl("/releases/new"));
    await page.getByRole("combobox", { name: "Template" }).selectOption({ label: `${title} — version 1 (3 items)` });
    await page.getByRole("textbox", { name: "Release name" }).fill("Editor 1.0");
    await page.getByRole("textbox", { name: "Service" }).fill("editor-e2e");
    await page.getByRole("textbox", { name: "Version" }).fill("1.0");
    await page.getByRole("button", { name: "Create release" }).click();
    const banner = page.getByRole("region", { name: "Verdict" });
    await visible(banner.getByRole("heading", { name: "Verdict: No-go" }));
    releaseId = new URL(page.url()).pathname.split("/").at(-1)!;
    expect((await db.release.findUniqueOrThrow({ where: { id: releaseId } })).templateVersionId).toBe(version.id);

    const loadTest = page.getByRole("listitem", { name: "Load test passed" });
    await loadTest.getByText("Details, evidence and comments").click();
    await loadTest.getByRole("textbox", { name: "Evidence link for Load test passed" }).fill("https://ci.example.com/load/7");
    await loadTest.getByRole("button", { name: "Add evidence to Load test passed" }).click();
    await visible(loadTest.getByRole("link", { name: "https://ci.example.com/load/7" }));
    await page.getByRole("checkbox", { name: "Done: Load test passed" }).click();
    await page.getByRole("checkbox", { name: "Done: Runbook written" }).click();
    // The advisory item stays open: it does not hold the release.
    await visible(banner.getByRole("heading", { name: /^Verdict: Go/ }));
    await visible(loadTest.getByText("Evidence expires in 7 days"));

    // Eight days later, as far as the server can tell.
    const later = new Date(Date.now() + 8 * 86_400_000).toISOString();
    await page.context().addCookies([{ name: TEST_CLOCK_COOKIE, value: later, url: appUrl("/") }]);
    await page.reload();
    await visible(banner.getByRole("heading", { name: "Verdict: No-go" }));
    await visible(banner.getByText(/The evidence for “Load test passed” has expired or is older than 7 days; attach fresh evidence/));
    expect(await page.getByRole("checkbox", { name: "Done: Load test passed" }).isChecked()).toBe(true);
  });
});
