import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { cliActor } from "@/lib/auth/permissions";
import { createDb, type TDb } from "@/lib/db";
import { importTemplate } from "@/lib/data/templates/import-template";
import { appUrl, launchBrowser, signInAs, visible } from "@/tests/e2e/browser";

// An admin adds a sign-off seat in the template editor: the review lists it, the new
// version carries it, and its Markdown says it.
describe("sign-off seats in the template editor", () => {
  let browser: Browser;
  let db: TDb;
  let templateId = "";
  const title = `Seats editor ${crypto.randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    browser = await launchBrowser();
    db = createDb(inject("databaseUrl"));
    const imported = await importTemplate(cliActor("e2e"), { source: `# ${title}\n\n## Checks\n\n- [ ] Tests pass\n` }, db);
    if (!imported.ok) throw new Error(imported.error);
    templateId = imported.data.templateId;
  });

  afterAll(async () => {
    await browser?.close();
    await db?.$disconnect();
  });

  it("previews a document's Go/No-Go table as seats, and says who may sign the rows that name nobody", async () => {
    const page = await (await browser.newContext()).newPage();
    await signInAs(page, "admin");
    await page.goto(appUrl("/templates/import"));
    const source = [
      `# ${title} table`,
      "",
      "- [ ] Load test passed",
      "",
      "## Go/No-Go",
      "",
      "| Function | Owner | Decision |",
      "| --- | --- | --- |",
      "| QA | qa@example.com | Go |",
      "| Security | Bob Lee | |",
    ].join("\n");
    await page.getByRole("textbox", { name: "Or paste it" }).fill(source);
    const preview = page.getByRole("region", { name: "Preview" });
    await visible(preview.getByText("Sign-off: QA (qa@example.com); Security (any member)"));
    await visible(preview.getByText("Any member may sign “Security”: the table names no email address for it.", { exact: false }));
    await visible(preview.getByText("Not imported: the table's 1 decision under “Decision”. Each release is signed off in Preflight."));
  });

  it("adds a Security seat, reviews it and publishes it with the next version", async () => {
    const page = await (await browser.newContext()).newPage();
    await signInAs(page, "admin");
    await page.goto(appUrl(`/templates/${templateId}`));
    await page.getByRole("button", { name: "Edit in the browser" }).click();
    const seats = page.getByRole("group", { name: "Sign-off seats" });
    await visible(seats.getByRole("group", { name: "Seat 1: Release manager" }));
    await seats.getByRole("button", { name: "Add a seat" }).click();
    await seats.getByRole("textbox", { name: "Seat name" }).last().fill("Security");
    await seats.getByRole("textbox", { name: "People who may sign Security" }).fill("sam@example.com");
    await visible(page.getByRole("status").getByText(/^All changes saved/));

    await page.getByRole("button", { name: "Review and publish" }).click();
    const review = page.getByRole("region", { name: "Review before publishing" });
    await visible(review.getByRole("region", { name: "Sign-off (1)" }).getByText("Seat added: Security (users sam@example.com)"));
    await review.getByRole("button", { name: "Publish version 2" }).click();
    await page.waitForURL((url) => url.searchParams.get("version") === "2", { timeout: 20_000 });

    const version = await db.templateVersion.findFirstOrThrow({ where: { templateId, number: 2 } });
    expect((version.signOffPolicy as { seats: { name: string; users: string[] }[] }).seats.map((s) => [s.name, s.users])).toEqual([
      ["Release manager", []],
      ["Security", ["sam@example.com"]],
    ]);
    const markdown = await (await page.request.get(appUrl(`/templates/${templateId}/source?version=2`))).text();
    expect(markdown).toContain("Sign-off: Security (user: sam@example.com)");
  });
});
