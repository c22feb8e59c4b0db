import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { cliActor } from "@/lib/auth/permissions";
import { createDb, type TDb } from "@/lib/db";
import { setUserDisabled } from "@/lib/data/users/set-user-disabled";
import { updateUserRole } from "@/lib/data/users/update-user-role";
import { appUrl, launchBrowser, signInAs, visible } from "@/tests/e2e/browser";
import { sessionCookie } from "@/tests/helpers/http-client";

describe("access control in the browser", () => {
  let browser: Browser;
  let db: TDb;
  const contexts: BrowserContext[] = [];
  const newPage = async (): Promise<Page> => {
    const context = await browser.newContext();
    contexts.push(context);
    return context.newPage();
  };

  beforeAll(async () => {
    browser = await launchBrowser();
    db = createDb(inject("databaseUrl"));
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await db?.$disconnect();
  });

  it("sends visitors without a session to sign in, then back where they were going", async () => {
    const page = await newPage();
    await page.goto(appUrl("/templates"));
    expect(new URL(page.url()).pathname).toBe("/sign-in");
    await visible(page.getByRole("heading", { name: "Sign in" }));
    await visible(page.getByRole("heading", { name: "Demo sign-in" }));
    await page.getByRole("button", { name: /Sign in as viewer$/ }).click();
    await page.waitForURL((url) => url.pathname === "/templates");
    await visible(page.getByRole("heading", { level: 1, name: "Templates" }));
  });

  it("shows a viewer no admin link, and the admin page refuses them", async () => {
    const page = await newPage();
    await signInAs(page, "viewer");
    expect(await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Admin" }).count()).toBe(0);
    await page.goto(appUrl("/admin"));
    await visible(page.getByRole("alert").getByText("Only admins can manage people and roles."));
  });

  it("lets an admin change a role, audited with before and after", async () => {
    const page = await newPage();
    await signInAs(page, "admin");
    await page.getByRole("link", { name: "Admin" }).click();
    await visible(page.getByRole("heading", { level: 1, name: "Users" }));
    const role = page.getByRole("combobox", { name: "Role of demo-viewer@preflight.local" });
    await role.selectOption("MEMBER");
    await page.getByRole("button", { name: "Save role of demo-viewer@preflight.local" }).click();
    await expect.poll(async () => (await db.user.findUniqueOrThrow({ where: { email: "demo-viewer@preflight.local" } })).role).toBe("MEMBER");
    const event = await db.auditEvent.findFirstOrThrow({ where: { action: "user.role.update" }, orderBy: { createdAt: "desc" } });
    expect(event).toMatchObject({ actorLabel: "demo-admin@preflight.local", before: { role: "VIEWER" }, after: { role: "MEMBER" } });

    await page.reload();
    expect(await page.getByRole("combobox", { name: "Role of demo-viewer@preflight.local" }).inputValue()).toBe("MEMBER");
    await db.user.update({ where: { email: "demo-viewer@preflight.local" }, data: { role: "VIEWER" } });
  });

  it("will not let the last admin give up the role", async () => {
    const page = await newPage();
    await signInAs(page, "admin");
    await page.goto(appUrl("/admin"));
    await page.getByRole("combobox", { name: "Role of demo-admin@preflight.local" }).selectOption("VIEWER");
    await page.getByRole("button", { name: "Save role of demo-admin@preflight.local" }).click();
    await visible(page.getByRole("alert").getByText("This is the last admin: make someone else an admin first."));
    expect((await db.user.findUniqueOrThrow({ where: { email: "demo-admin@preflight.local" } })).role).toBe("ADMIN");
  });

  it("turns a disabled user away on their next request", async () => {
    const managerPage = await newPage();
    await signInAs(managerPage, "release manager");

    const adminPage = await newPage();
    await signInAs(adminPage, "admin");
    await adminPage.goto(appUrl("/admin"));
    await adminPage.getByRole("button", { name: "Disable demo-release-manager@preflight.local" }).click();
    await visible(adminPage.getByRole("button", { name: "Enable demo-release-manager@preflight.local" }));

    await managerPage.goto(appUrl("/templates"));
    expect(new URL(managerPage.url()).pathname).toBe("/sign-in");
    await managerPage.getByRole("button", { name: /Sign in as release manager$/ }).click();
    await visible(managerPage.getByRole("alert"));
    expect(new URL(managerPage.url()).pathname).toBe("/sign-in");

    await adminPage.getByRole("button", { name: "Enable demo-release-manager@preflight.local" }).click();
    await expect.poll(async () => (await db.user.findUniqueOrThrow({ where: { email: "demo-release-manager@preflight.local" } })).disabledAt).toBeNull();
  });

  it("rate limits sign-in attempts per address with 429 and Retry-After", async () => {
    const headers = { "x-forwarded-for": "203.0.113.77" };
    // The limit counts per fixed minute: start well inside one, or the attempts split across two.
    const intoWindow = Date.now() % 60_000;
    if (intoWindow > 45_000) await new Promise((resolve) => setTimeout(resolve, 60_000 - intoWindow + 250));
    let last: Response | undefined;
    for (let attempt = 0; attempt <= 60; attempt += 1) {
      last = await fetch(appUrl("/api/auth/signin/demo"), { headers, redirect: "manual" });
    }
    expect(last?.status).toBe(429);
    expect(Number(last?.headers.get("retry-after"))).toBeGreaterThan(0);
    const other = await fetch(appUrl("/api/auth/signin/demo"), { headers: { "x-forwarded-for": "203.0.113.78" }, redirect: "manual" });
    expect(other.status).not.toBe(429);
  });

  it("refuses a server action posted from another origin", async () => {
    const response = await fetch(appUrl("/admin"), {
      method: "POST",
      headers: { "next-action": "0123456789abcdef", origin: "https://evil.example", "content-type": "text/plain" },
      body: "[]",
    });
    expect(response.status).toBe(403);
  });

  it("ends sessions for good: a cookie kept after sign-out, after disable then enable, or after a role change signs nobody in", async () => {
    // A session cookie as the app issues it, for a user of its own, opened in a fresh browser each time.
    const openWith = async (cookie: string): Promise<Page> => {
      const context = await browser.newContext();
      contexts.push(context);
      await context.addCookies([{ name: "next-auth.session-token", value: cookie.split("=")[1]!, url: appUrl("/") }]);
      const page = await context.newPage();
      await page.goto(appUrl("/releases"));
      return page;
    };
    const path = (page: Page) => new URL(page.url()).pathname;
    const newUser = async () => {
      const user = await db.user.create({ data: { email: `sessions-${crypto.randomUUID()}@example.com`, role: "MEMBER" } });
      return { user, cookie: await sessionCookie(inject("sessionSecret"), user.id) };
    };

    const signedOut = await newUser();
    const page = await openWith(signedOut.cookie);
    expect(path(page)).toBe("/releases");
    await page.getByText(`Account: ${signedOut.user.email}`).click();
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL((url) => url.pathname === "/sign-in");
    expect(path(await openWith(signedOut.cookie))).toBe("/sign-in");

    const admin = cliActor("e2e");
    const reEnabled = await newUser();
    expect(path(await openWith(reEnabled.cookie))).toBe("/releases");
    expect((await setUserDisabled(admin, { userId: reEnabled.user.id, isDisabled: true }, db)).ok).toBe(true);
    expect((await setUserDisabled(admin, { userId: reEnabled.user.id, isDisabled: false }, db)).ok).toBe(true);
    expect(path(await openWith(reEnabled.cookie))).toBe("/sign-in");

    const downgraded = await newUser();
    expect(path(await openWith(downgraded.cookie))).toBe("/releases");
    expect((await updateUserRole(admin, { userId: downgraded.user.id, role: "VIEWER" }, db)).ok).toBe(true);
    expect(path(await openWith(downgraded.cookie))).toBe("/sign-in");
  });
});
