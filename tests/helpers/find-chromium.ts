import { existsSync } from "node:fs";

export const CHROMIUM_MISSING =
  "Chromium not found: install it (Debian/Ubuntu: `apt-get install -y chromium`) or set CHROMIUM_PATH to a Chromium binary.";

/** The Chromium the e2e tests drive: CHROMIUM_PATH, else Debian's /usr/bin/chromium. */
export function findChromium(env: Record<string, string | undefined>): string | null {
  for (const candidate of [env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"]) {
    if (candidate && existsSync(candidate)) return candidate;
  }
  return null;
}
