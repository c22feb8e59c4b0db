import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { cliActor } from "@/lib/auth/permissions";
import { createDb, type TDb } from "@/lib/db";
import { importRelease } from "@/lib/data/releases/import-release";
import { cancelRelease } from "@/lib/data/releases/release-lifecycle";
import { addReleaseSeat } from "@/lib/data/sign-offs/add-release-seat";
import { appUrl, launchBrowser, signInAs, visible, type TDemoRole } from "@/tests/e2e/browser";

// Three people sign three seats from three browsers: Engineering (team SRE: Mina), Security
// (named: Ada, an admin, who could also sign as release manager and so chooses her seat) and
// Release manager (Rémi). The release is signed off only after the third; a tick afterwards
// voids all three, and the page says who must sign again.
describe("multi-party sign-off", () => {
  let browser: Browser;
  let db: TDb;
  let releaseId = "";
  const releaseUrl = () => appUrl(`/releases/${releaseId}`);

  async function as(role: TDemoRole): Promise<Page> {
    const page = await (await browser.newContext()).newPage();
    await signInAs(page, role);
    await page.goto(releaseUrl());
    return page;
  }
  const seats = (page: Page) => page.getByRole("region", { name: "Sign-off seats" });
  const status = (page: Page) => page.getByTestId("release-status");

  async function sign(page: Page, seat?: string): Promise<void> {
    if (seat) await page.getByRole("combobox", { name: "Seat" }).selectOption({ label: seat });
    await page.getByRole("radio", { name: "Go", exact: true }).check();
    await page.getByRole("button", { name: "Sign off" }).click();
    await visible(page.getByRole("complementary", { name: "Sign-off" }).getByRole("status").getByText("Signed."));
  }

  beforeAll(async () => {
    browser = await launchBrowser();
    db = createDb(inject("databaseUrl"));
    const source = "# Seats e2e\n\n## Checks\n\n- [x] Tests pass\n- [x] Runbook updated\n";
    const imported = await importRelease(cliActor("e2e"), { name: "Seats 1.0", service: "seats", version: "1.0", environment: "prod", source }, db);
    if (!imported.ok) throw new Error(imported.error);
    releaseId = imported.data.releaseId;
    for (const seat of [{ name: "Engineering", teams: ["SRE"] }, { name: "Security", users: ["demo-admin@preflight.local"] }]) {
      const added = await addReleaseSeat(cliActor("e2e"), { releaseId, ...seat }, db);
      if (!added.ok) throw new Error(added.error);
    }
  });

  afterAll(async () => {
    if (releaseId) await cancelRelease(cliActor("e2e"), { releaseId, reason: "e2e done" }, db);
    await browser?.close();
    await db?.$disconnect();
  });

  it("asks for sign-off: the seats' people see it in My work", async () => {
    const manager = await as("release manager");
    await manager.getByRole("button", { name: "Ask for sign-off" }).click();
    await visible(manager.getByText("Asked Release manager, Engineering, Security to sign: they see it in My work."));
    const member = await (await browser.newContext()).newPage();
    await signInAs(member, "member");
    await member.goto(appUrl("/my-work"));
    await visible(member.getByRole("list", { name: "Sign-off asked of you" }).getByRole("listitem", { name: "Seats 1.0" }).getByText(/sign as Engineering/));
  });

  it("is signed off only after the third seat signs; a tick then voids all three and says who must sign again", async () => {
    const member = await as("member");
    const admin = await as("admin");
    const manager = await as("release manager");
    await visible(seats(member).getByText("3 of 3 seats still need a go."));

    await sign(member);
    await visible(seats(member).getByRole("listitem", { name: "Engineering" }).getByText("Go by Mina Member", { exact: false }));
    await visible(seats(member).getByText("2 of 3 seats still need a go."));
    await expect.poll(() => status(member).textContent()).toBe("in review");

    // Ada may sign as Release manager (an admin) or Security (named): she chooses Security.
    await admin.reload();
    await sign(admin, "Security");
    await visible(seats(admin).getByText("1 of 3 seats still needs a go."));
    await expect.poll(() => status(admin).textContent()).toBe("in review");

    await manager.reload();
    await sign(manager);
    await visible(seats(manager).getByText("Every seat signed go."));
    await expect.poll(() => status(manager).textContent()).toBe("signed off");
    for (const seat of ["Release manager", "Engineering", "Security"]) {
      await visible(seats(manager).getByRole("listitem", { name: seat }).getByText("Signed", { exact: true }));
    }

    // A tick afterwards voids every signature; the page names who must sign again.
    await member.reload();
    await visible(seats(member).getByText("Every seat signed go."));
    await member.getByRole("checkbox", { name: "Done: Runbook updated" }).uncheck();
    await visible(seats(member).getByText("3 of 3 seats still need a go."));
    const again = seats(member).getByText(/A change voided their signatures: .* must sign again\./);
    await visible(again);
    const text = (await again.textContent()) ?? "";
    for (const name of ["Mina Member", "Ada Admin", "Rémi Release Manager"]) expect(text).toContain(name);
    await expect.poll(() => status(member).textContent()).toBe("in review");
    await manager.reload();
    await visible(seats(manager).getByRole("listitem", { name: "Release manager" }).getByText("Must sign again: Rémi Release Manager"));
    expect(await db.signOff.count({ where: { releaseId, invalidatedAt: null } })).toBe(0);
  });
});
