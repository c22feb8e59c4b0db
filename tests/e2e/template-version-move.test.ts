import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { cliActor } from "@/lib/auth/permissions";
import { createDb, type TDb } from "@/lib/db";
import { importRelease } from "@/lib/data/releases/import-release";
import { importTemplate } from "@/lib/data/templates/import-template";
import { appUrl, launchBrowser, signInAs, visible } from "@/tests/e2e/browser";

// A template gets a new version while a release is under way; the release manager sees what
// moving would do and moves the release: ticked items stay ticked, the new item appears.
describe("moving a release to a newer template version", () => {
  let browser: Browser;
  let db: TDb;
  let releasePath = "";

  beforeAll(async () => {
    browser = await launchBrowser();
    db = createDb(inject("databaseUrl"));
    const source = "# Move e2e checklist\n\n## Checks\n\n- [x] Move tests pass\n- [ ] Move legacy step\n";
    const imported = await importRelease(cliActor("e2e"), { name: "Move 1.0", service: "move", version: "1.0", environment: "prod", source }, db);
    if (!imported.ok) throw new Error(imported.error);
    releasePath = `/releases/${imported.data.releaseId}`;
    const { templateId } = await db.templateVersion.findUniqueOrThrow({ where: { id: imported.data.templateVersionId } });
    const next = await importTemplate(cliActor("e2e"), { source: "# Move e2e checklist\n\n## Checks\n\n- [ ] Move tests pass\n- [ ] Move SLOs defined\n", templateId }, db);
    if (!next.ok) throw new Error(next.error);
  });

  afterAll(async () => {
    await browser?.close();
    await db?.$disconnect();
  });

  it("shows what would change and keeps the state of unchanged items", async () => {
    const page = await (await browser.newContext()).newPage();
    await signInAs(page, "release manager");
    await page.goto(appUrl(releasePath));
    const panel = page.getByRole("region", { name: "Template version" });
    await visible(panel.getByText("This release uses version 1."));
    await visible(panel.getByText("Move SLOs defined"));
    await visible(panel.getByText("Move legacy step"));
    await panel.getByRole("button", { name: "Move to version 2" }).click();
    await visible(page.getByRole("checkbox", { name: "Done: Move SLOs defined" }));
    expect(await page.getByRole("checkbox", { name: "Done: Move tests pass" }).isChecked()).toBe(true);
    expect(await page.getByRole("checkbox", { name: "Done: Move legacy step" }).count()).toBe(0);
    expect(await page.getByRole("region", { name: "Template version" }).count()).toBe(0);
  });
});
