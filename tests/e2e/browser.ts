import { chromium, type Browser, type Locator } from "playwright-core";
import { inject } from "vitest";

// Flags for a headless Chromium on a machine with no outside network.
const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

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
