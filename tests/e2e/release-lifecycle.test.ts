import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { cliActor } from "@/lib/auth/permissions";
import { createDb, type TDb } from "@/lib/db";
import { importRelease } from "@/lib/data/releases/import-release";
import { appUrl, launchBrowser, signInAs, visible, type TDemoRole } from "@/tests/e2e/browser";

// A release manager signs off, ships the release, and its checklist freezes for everyone: a
// member's page loaded before shipping has its write refused by the server; reopening (with
// a reason) makes it workable again. The releases list finds it by state.
describe("release lifecycle", () => {
  let browser: Browser;
  let db: TDb;
  let releasePath = "";

  async function as(role: TDemoRole): Promise<Page> {
    const page = await (await browser.newContext()).newPage();
    await signInAs(page, role);
    return page;
  }

  beforeAll(async () => {
    browser = await launchBrowser();
    db = createDb(inject("databaseUrl"));
    const source = "# Lifecycle e2e\n\n## Checks\n\n- [x] Tests pass\n- [ ] Runbook updated\n  - Owner: sre\n";
    const imported = await importRelease(cliActor("e2e"), { name: "Lifecycle 1.0", service: "lifecycle", version: "1.0", environment: "prod", source }, db);
    if (!imported.ok) throw new Error(imported.error);
    releasePath = `/releases/${imported.data.releaseId}`;
  });

  afterAll(async () => {
    await browser?.close();
    await db?.$disconnect();
  });

  it("ships a signed-off release; the checklist freezes and a stale page's write is refused", async () => {
    const member = await as("member");
    await member.goto(appUrl(releasePath));
    await member.getByRole("checkbox", { name: "Done: Runbook updated" }).check();
    await visible(member.getByRole("region", { name: "Verdict" }).getByRole("heading", { name: "Verdict: Go" }));

    const manager = await as("release manager");
    await manager.goto(appUrl(releasePath));
    const state = manager.getByRole("region", { name: "Release state" });
    await visible(state.getByText("A release ships once it is signed off go."));
    await manager.getByRole("button", { name: "Sign off" }).click();
    await state.getByRole("button", { name: "Mark shipped" }).click();
    await visible(manager.getByRole("status").getByText(/^Shipped on .* The checklist is frozen/));
    expect(await manager.getByRole("checkbox", { name: "Done: Tests pass" }).isDisabled()).toBe(true);
    expect(await manager.getByRole("button", { name: "Sign off" }).count()).toBe(0);
    await visible(state.getByRole("button", { name: "Reopen release" }));

    // The member's page was loaded before the release shipped: the server refuses the change.
    // click, not uncheck(): the server refuses it, and the control may be back before uncheck() looks.
    await member.getByRole("checkbox", { name: "Done: Tests pass" }).click();
    await visible(member.getByText(/This release is shipped: its checklist is frozen/));
    await member.reload();
    expect(await member.getByRole("checkbox", { name: "Done: Tests pass" }).isChecked()).toBe(true);
    expect(await member.getByRole("checkbox", { name: "Done: Tests pass" }).isDisabled()).toBe(true);
    expect(await db.releaseItem.count({ where: { release: { name: "Lifecycle 1.0" }, status: "DONE" } })).toBe(2);
  });

  it("lists it under Shipped, not among active releases, and reopens it with a reason", async () => {
    const manager = await as("release manager");
    await manager.goto(appUrl("/releases"));
    expect(await manager.getByRole("link", { name: "Lifecycle 1.0" }).count()).toBe(0);
    await manager.getByRole("combobox", { name: "State" }).selectOption({ label: "Shipped" });
    await manager.getByRole("button", { name: "Apply" }).click();
    await manager.getByRole("link", { name: "Lifecycle 1.0" }).click();

    const state = manager.getByRole("region", { name: "Release state" });
    await state.getByRole("textbox", { name: "Why reopen the release" }).fill("Hotfix on top of 1.0");
    await state.getByRole("button", { name: "Reopen release" }).click();
    await visible(state.getByRole("button", { name: "Mark shipped" }));
    expect(await manager.getByRole("checkbox", { name: "Done: Tests pass" }).isDisabled()).toBe(false);
    const events = await db.auditEvent.findMany({ where: { release: { name: "Lifecycle 1.0" } }, orderBy: { seq: "asc" }, select: { action: true } });
    expect(events.map((e) => e.action).slice(-3)).toEqual(["release.sign-off", "release.ship", "release.reopen"]);
  });
});
