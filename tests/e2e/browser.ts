import { chromium, type Browser, type Locator, type Page } from "playwright-core";
import { inject } from "vitest";

// Flags for a headless Chromium on a machine with no outside network.
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** The e2e server's /metrics token (tests/e2e/global-setup.ts). */
export const E2E_METRICS_TOKEN = "e2e-metrics-token-0123456789";

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: inject("chromiumPath"), headless: true, args: CHROMIUM_ARGS });
}

export function appUrl(path = "/"): string {
  return new URL(path, inject("baseUrl")).toString();
}

/** Waits until the element is visible (failing after 10 s), as a person would wait for the page. */
export async function visible(locator: Locator): Promise<void> {
  await locator.waitFor({ state: "visible", timeout: 10_000 });
}

export type TDemoRole = "admin" | "release manager" | "member" | "viewer";

/** Signs in through the demo sign-in page, as a person would, and waits for the releases page. */
export async function signInAs(page: Page, role: TDemoRole): Promise<void> {
  await page.goto(appUrl("/sign-in"));
  await page.getByRole("button", { name: new RegExp(`Sign in as ${role}$`) }).click();
  await page.waitForURL((url) => url.pathname === "/releases", { timeout: 20_000 });
  await visible(page.getByRole("heading", { level: 1, name: "Releases" }));
}
