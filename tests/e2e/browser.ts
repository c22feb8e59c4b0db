import { chromium, type Browser } from "playwright-core";
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
