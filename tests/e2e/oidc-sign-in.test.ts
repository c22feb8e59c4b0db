import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, startAppServer, type TAppServer } from "@/tests/helpers/app-server";
import { launchBrowser, visible } from "@/tests/e2e/browser";
import { createTestDatabase, type TTestDatabase } from "@/tests/helpers/test-database";

type TIdp = { issuer: string; stop: () => Promise<void> };

// A real authorization-code flow: Preflight (next-auth) ↔ a local oidc-provider, in Chromium.
describe("sign-in with OpenID Connect", () => {
  let idp: TIdp;
  let app: TAppServer;
  let database: TTestDatabase;
  let browser: Browser;

  beforeAll(async () => {
    const [appPort, idpPort] = [await freePort(), await freePort()];
    const { startOidcProvider } = await import("@/tests/e2e/oidc-provider.mjs");
    idp = await startOidcProvider({
      port: idpPort,
      clientId: "preflight-e2e",
      clientSecret: "preflight-e2e-client-secret",
      redirectUri: `http://127.0.0.1:${appPort}/api/auth/callback/oidc`,
    });
    database = await createTestDatabase();
    app = await startAppServer(database.url, {
      port: appPort,
      env: {
        AUTH_OIDC_ISSUER: idp.issuer,
        AUTH_OIDC_ID: "preflight-e2e",
        AUTH_OIDC_SECRET: "preflight-e2e-client-secret",
        AUTH_OIDC_NAME: "Test IdP",
        PREFLIGHT_ADMIN_EMAILS: "oidc-boss@example.com",
        PREFLIGHT_ALLOWED_EMAIL_DOMAINS: "example.com",
      },
    });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await idp?.stop();
    await database?.drop();
  });

  async function signInThroughIdp(login: string): Promise<Page> {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${app.url}/sign-in`);
    expect(await page.getByRole("heading", { name: "Demo sign-in" }).count()).toBe(0);
    await page.getByRole("button", { name: "Sign in with Test IdP" }).click();
    await page.waitForURL((url) => url.origin === idp.issuer);
    await page.getByPlaceholder("Enter any login").fill(login);
    await page.getByPlaceholder("and password").fill("any-password");
    await page.getByRole("button", { name: "Sign-in" }).click();
    await page.getByRole("button", { name: "Continue" }).click();
    return page;
  }

  it("signs a listed admin in with the admin role", async () => {
    const page = await signInThroughIdp("oidc-boss@example.com");
    await page.waitForURL((url) => url.origin === app.url && url.pathname === "/releases", { timeout: 20_000 });
    await visible(page.getByRole("heading", { level: 1, name: "Releases" }));
    await visible(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Admin" }));
    expect(await database.db.user.findUniqueOrThrow({ where: { email: "oidc-boss@example.com" } })).toMatchObject({
      role: "ADMIN",
      name: "OIDC oidc-boss",
    });
  });

  it("signs a new person in as a viewer", async () => {
    const page = await signInThroughIdp("newcomer");
    await page.waitForURL((url) => url.origin === app.url && url.pathname === "/releases", { timeout: 20_000 });
    await visible(page.getByRole("group").getByText("OIDC newcomer").first());
    expect(await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Admin" }).count()).toBe(0);
    expect(await database.db.user.findUniqueOrThrow({ where: { email: "newcomer@example.com" } })).toMatchObject({ role: "VIEWER" });
  });

  it("refuses an address outside the allowed domains, without saying why", async () => {
    const page = await signInThroughIdp("stranger@elsewhere.org");
    await page.waitForURL((url) => url.origin === app.url && url.pathname === "/sign-in", { timeout: 20_000 });
    await visible(page.getByRole("alert").getByText(/can’t sign in to Preflight with that account/));
    expect(await database.db.user.count({ where: { email: "stranger@elsewhere.org" } })).toBe(0);
  });
});
