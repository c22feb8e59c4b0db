import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { cliActor, type TActor } from "@/lib/auth/permissions";
import { createDb, type TDb } from "@/lib/db";
import { grantWaiver } from "@/lib/data/releases/grant-waiver";
import { cancelRelease } from "@/lib/data/releases/release-lifecycle";
import { importRelease } from "@/lib/data/releases/import-release";
import { appUrl, launchBrowser, signInAs, visible, type TDemoRole } from "@/tests/e2e/browser";

// An admin makes a team and adds a member; the member finds the team's item in My work.
// A release manager revokes a waiver and the verdict turns from go with exceptions to no-go.
describe("teams, My work and revoking a waiver", () => {
  let browser: Browser;
  let db: TDb;
  let waiverRelease = "";
  let manager: TActor;
  const created: string[] = [];

  async function as(role: TDemoRole): Promise<Page> {
    const page = await (await browser.newContext()).newPage();
    await signInAs(page, role);
    return page;
  }

  beforeAll(async () => {
    browser = await launchBrowser();
    db = createDb(inject("databaseUrl"));
    const base = { service: "guild", environment: "prod" };
    const owned = await importRelease(cliActor("e2e"), { ...base, name: "Guild 1.0", version: "1.0", source: "# Guild\n\n- [ ] Guild capacity review\n  - Owner: team:E2E Guild\n" }, db);
    if (!owned.ok) throw new Error(owned.error);
    const waived = await importRelease(cliActor("e2e"), { ...base, name: "Waiver 1.0", version: "w1", source: "# Waivers\n\n- [x] Tests pass\n- [ ] Pen test booked\n" }, db);
    if (!waived.ok) throw new Error(waived.error);
    waiverRelease = `/releases/${waived.data.releaseId}`;
    created.push(owned.data.releaseId, waived.data.releaseId);
    const user = await db.user.findUniqueOrThrow({ where: { email: "demo-release-manager@preflight.local" } });
    manager = { id: user.id, label: user.email, role: user.role };
    const item = await db.releaseItem.findFirstOrThrow({ where: { releaseId: waived.data.releaseId, key: "pen-test-booked" } });
    const expiresOn = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
    const granted = await grantWaiver(manager, { itemId: item.id, expectedVersion: item.version, reason: "Vendor slot next month", compensatingControl: "Internal scan", expiresOn }, db);
    if (!granted.ok) throw new Error(granted.error);
  });

  afterAll(async () => {
    // The e2e files share one database: out of flight, these releases change no other file's dashboard counts.
    for (const releaseId of created) await cancelRelease(manager, { releaseId, reason: "e2e done" }, db);
    await browser?.close();
    await db?.$disconnect();
  });

  it("an admin creates a team and adds a member, who then finds the team's item in My work", async () => {
    const admin = await as("admin");
    await admin.goto(appUrl("/admin/teams"));
    await admin.getByRole("textbox", { name: "Team name" }).fill("E2E Guild");
    await admin.getByRole("button", { name: "Create team" }).click();
    await visible(admin.getByText("Created the team E2E Guild."));
    const member = await db.user.findUniqueOrThrow({ where: { email: "demo-member@preflight.local" } });
    await admin.getByRole("combobox", { name: "Add a member to E2E Guild" }).selectOption(member.id);
    await admin.getByRole("button", { name: "Add to E2E Guild" }).click();
    await visible(admin.getByRole("button", { name: "Remove demo-member@preflight.local from E2E Guild" }));

    const page = await as("member");
    await page.goto(appUrl("/my-work"));
    await visible(page.getByRole("link", { name: /Guild capacity review/ }));
  });

  it("revoking a waiver changes the verdict, without a reload", async () => {
    const page = await as("release manager");
    await page.goto(appUrl(waiverRelease));
    const banner = page.getByRole("region", { name: "Verdict" });
    await visible(banner.getByRole("heading", { name: "Verdict: Go with exceptions" }));
    const row = page.getByRole("listitem", { name: "Pen test booked" });
    await row.getByText("Details, evidence and comments").first().click();
    await row.getByRole("textbox", { name: "Why revoke the waiver on “Pen test booked”" }).fill("Vendor cancelled the slot");
    await row.getByRole("button", { name: "Revoke waiver on “Pen test booked”" }).click();
    await visible(banner.getByRole("heading", { name: "Verdict: No-go" }));
    const events = await db.auditEvent.findMany({ where: { release: { name: "Waiver 1.0" } }, orderBy: { seq: "asc" }, select: { action: true } });
    expect(events.at(-1)?.action).toBe("waiver.revoke");
  });
});
