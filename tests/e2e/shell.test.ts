import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { seriousViolations } from "@/tests/e2e/axe";
import { appUrl, launchBrowser, signInAs, visible } from "@/tests/e2e/browser";
import { THEME_COOKIE } from "@/lib/theme";

describe("app shell", () => {
  let browser: Browser;
  let page: Page;
  let cspViolations: string[];

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  beforeEach(async () => {
    page = await browser.newPage();
    await signInAs(page, "member");
    cspViolations = [];
    page.on("console", (message) => {
      if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
    });
  });

  it("opens on the releases page with the product name, navigation and the releases", async () => {
    const home = await page.goto(appUrl("/"));
    expect(new URL(page.url()).pathname).toBe("/dashboard");
    expect(home?.status()).toBe(200);
    const response = await page.goto(appUrl("/releases"));
    expect(response?.status()).toBe(200);
    await visible(page.getByRole("link", { name: "Preflight" }));
    const nav = page.getByRole("navigation", { name: "Main" });
    for (const name of ["Dashboard", "Releases", "Templates", "Audit"]) {
      await visible(nav.getByRole("link", { name }));
    }
    expect(await nav.getByRole("link", { name: "Admin" }).count()).toBe(0);
    await visible(page.getByRole("heading", { level: 1, name: "Releases" }));
    const release = page.getByRole("listitem", { name: "Checkout 2.4.0" });
    await visible(release.getByText("No-go"));
    // Its sign-off was voided when the dashboards item went back to in progress.
    await visible(release.getByText("In progress, not done yet: “Dashboards show traffic, errors, latency and saturation”."));
    // All but that one of its 22 blocking items are satisfied (the two advisory items do not count).
    expect(Number(await release.getByRole("progressbar", { name: "Checkout 2.4.0 readiness" }).getAttribute("aria-valuenow"))).toBeGreaterThan(90);
    await visible(page.getByRole("group").getByText("Mina Member").first());
  });

  it("filters and sorts the releases list", async () => {
    await page.goto(appUrl("/releases?show=all"));
    await page.getByRole("combobox", { name: "Service" }).selectOption("checkout");
    await page.getByRole("button", { name: "Apply" }).click();
    await page.waitForURL((url) => url.searchParams.get("service") === "checkout");
    const list = page.getByRole("list", { name: "Releases" });
    await visible(list.getByRole("listitem", { name: "Checkout 2.4.0" }));
    // Checkout 2.3.0 (shipped), 2.4.0 and 2.5.0: "all" includes closed releases.
    await expect.poll(() => list.getByRole("listitem").count(), { timeout: 10_000 }).toBe(3);
    await page.goto(appUrl("/releases?verdict=GO&service=checkout"));
    await visible(page.getByRole("heading", { name: "No releases match" }));
  });

  it("lists the templates and the audit log, and shows an empty state where nothing matches", async () => {
    await page.goto(appUrl("/templates"));
    const template = page.getByRole("listitem", { name: "Web service production readiness" });
    await visible(template.getByText("Version 1 · 24 items"));
    await page.goto(appUrl("/audit"));
    await visible(page.getByRole("table", { name: "Audit events, newest first" }));
    // The suite's other files write events too: find the demo release's creation by its kind and text.
    await page.goto(appUrl("/audit?action=release.create&q=Checkout"));
    await visible(page.getByRole("table", { name: "Audit events, newest first" }).getByText(/created the release Checkout 2.4.0/));
    await page.goto(appUrl("/audit?q=no-such-thing-anywhere"));
    await visible(page.getByRole("heading", { name: "No events match" }));
  });

  it("returns a request id on the page response, and keeps one the client sent", async () => {
    const response = await page.goto(appUrl("/releases"));
    expect(response?.headers()["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);

    await page.setExtraHTTPHeaders({ "x-request-id": "e2e-trace-42" });
    const traced = await page.goto(appUrl("/templates"));
    expect(traced?.headers()["x-request-id"]).toBe("e2e-trace-42");
  });

  it("sends the security headers", async () => {
    const headers = (await page.goto(appUrl("/releases")))?.headers() ?? {};
    expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(headers["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    expect(headers["strict-transport-security"]).toContain("max-age=");
  });

  it("hydrates under the CSP: navigation happens client-side and marks the current page", async () => {
    await page.goto(appUrl("/releases"));
    await page.waitForLoadState("networkidle");
    // A full page load would wipe this marker; React's client router keeps the document.
    await page.evaluate(() => Object.assign(window, { sameDocumentMarker: true }));
    const nav = page.getByRole("navigation", { name: "Main" });
    await nav.getByRole("link", { name: "Audit" }).click();
    await page.getByRole("heading", { level: 1, name: "Audit" }).waitFor();
    expect(await page.evaluate(() => "sameDocumentMarker" in window)).toBe(true);
    expect(await nav.getByRole("link", { name: "Audit" }).getAttribute("aria-current")).toBe("page");
    expect(await nav.getByRole("link", { name: "Releases" }).getAttribute("aria-current")).toBeNull();
    expect(cspViolations).toEqual([]);
  });

  it("keeps every page usable on a phone-sized screen", async () => {
    await page.setViewportSize({ width: 375, height: 740 });
    await page.goto(appUrl("/templates"));
    const nav = page.getByRole("navigation", { name: "Main" });
    await visible(nav.getByRole("link", { name: "Audit" }));
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });

  it("answers /healthz and /readyz with 200", async () => {
    expect((await fetch(appUrl("/healthz"))).status).toBe(200);
    const ready = await fetch(appUrl("/readyz"));
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: "ready" });
  });

  it("shows a helpful page for an unknown address", async () => {
    const response = await page.goto(appUrl("/no-such-page"));
    expect(response?.status()).toBe(404);
    await visible(page.getByRole("heading", { name: "Page not found" }));
  });
});

/** The relative luminance (0 black … 1 white) of the page's background, as painted. */
function bodyLuminance(page: Page): Promise<number> {
  return page.evaluate(() => {
    const background = getComputedStyle(document.body).backgroundColor;
    // A canvas turns any CSS colour (Tailwind's palette is oklch) into sRGB bytes.
    const context = document.createElement("canvas").getContext("2d", { willReadFrequently: true });
    if (!context) throw new Error("no 2D canvas");
    context.fillStyle = "#010203";
    context.fillStyle = background;
    if (context.fillStyle === "#010203") throw new Error(`the canvas did not take the colour ${background}`);
    context.fillRect(0, 0, 1, 1);
    const [r = 0, g = 0, b = 0] = Array.from(context.getImageData(0, 0, 1, 1).data).map((byte) => {
      const c = byte / 255;
      return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  });
}

describe("dark mode", () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it("follows the system's dark setting, and the header's theme choice overrides it across reloads", async () => {
    const context = await browser.newContext({ colorScheme: "dark" });
    const page = await context.newPage();
    await signInAs(page, "member");
    await page.goto(appUrl("/dashboard"));
    await visible(page.getByRole("heading", { level: 1, name: "Dashboard" }));
    // The toggle works once React has hydrated the header.
    await page.waitForLoadState("networkidle");
    // No choice made yet: the server sets no data-theme and the CSS follows the system.
    expect(await page.evaluate(() => document.documentElement.hasAttribute("data-theme"))).toBe(false);
    expect(await bodyLuminance(page)).toBeLessThan(0.2);

    const theme = page.getByRole("radiogroup", { name: "Theme" });
    const option = (name: string) => theme.getByRole("radio", { name, exact: true });
    expect(await option("System").isChecked()).toBe(true);

    await option("Light").check();
    await expect.poll(() => bodyLuminance(page)).toBeGreaterThan(0.8);
    const cookie = (await context.cookies()).find((c) => c.name === THEME_COOKIE);
    expect(cookie).toMatchObject({ value: "light", path: "/", sameSite: "Lax" });
    expect(cookie!.expires - Date.now() / 1000).toBeGreaterThan(360 * 24 * 60 * 60);

    // The server reads the cookie: the first paint after a reload is light, with no script.
    await page.reload();
    await visible(page.getByRole("heading", { level: 1, name: "Dashboard" }));
    await page.waitForLoadState("networkidle");
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe("light");
    expect(await bodyLuminance(page)).toBeGreaterThan(0.8);
    expect(await option("Light").isChecked()).toBe(true);

    await option("Dark").check();
    await page.goto(appUrl("/releases"));
    await visible(page.getByRole("heading", { level: 1, name: "Releases" }));
    await page.waitForLoadState("networkidle");
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe("dark");
    expect(await bodyLuminance(page)).toBeLessThan(0.2);

    await option("System").check();
    expect(await page.evaluate(() => document.documentElement.hasAttribute("data-theme"))).toBe(false);
    expect(await bodyLuminance(page)).toBeLessThan(0.2);
    await context.close();
  });

  it("has no serious accessibility violations in dark mode on the dashboard, a release and its sign-off report, which prints light", async () => {
    const context = await browser.newContext({ colorScheme: "dark", bypassCSP: true });
    const page = await context.newPage();
    await signInAs(page, "release manager");
    await page.goto(appUrl("/releases?show=all"));
    const release = page.getByRole("list", { name: "Releases" }).getByRole("listitem", { name: "Checkout 2.4.0", exact: true });
    await visible(release);
    const releasePath = await release.getByRole("link", { name: "Checkout 2.4.0", exact: true }).getAttribute("href");
    expect(releasePath).toMatch(/^\/releases\/[0-9a-f-]{36}$/);

    const found: string[] = [];
    for (const path of ["/dashboard", releasePath!, `${releasePath}/report`]) {
      await page.goto(appUrl(path));
      await page.waitForLoadState("networkidle");
      expect(await bodyLuminance(page), `${path} is dark`).toBeLessThan(0.2);
      found.push(...(await seriousViolations(page)).map((v) => `${path}: ${v}`));
    }
    expect(found).toEqual([]);

    // On paper the report uses the light palette, whatever the screen shows.
    await page.emulateMedia({ media: "print" });
    expect(await bodyLuminance(page)).toBeGreaterThan(0.8);
    await page.emulateMedia({ media: "screen" });
    await context.close();
  });
});
