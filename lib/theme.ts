// The colour theme a person chose, kept in a cookie so the server renders the first paint
// right (app/layout.tsx sets data-theme on <html>) without an inline script.
// Shared by the server (layout, header) and the client (the toggle): no server-only imports.

export const THEME_COOKIE = "preflight-theme";
export const THEME_COOKIE_MAX_AGE = 60 * 60 * 24 * 365;

export const THEME_CHOICES = ["system", "light", "dark"] as const;
export type TThemeChoice = (typeof THEME_CHOICES)[number];

/** The choice a cookie value names; anything missing or unknown follows the system setting. */
export function parseThemeChoice(value: string | undefined | null): TThemeChoice {
  return value === "light" || value === "dark" ? value : "system";
}

/** The value of `data-theme` on <html>: only set when the person chose a theme. */
export function themeAttribute(choice: TThemeChoice): "light" | "dark" | undefined {
  return choice === "system" ? undefined : choice;
}

/** A `document.cookie` assignment that remembers the choice for a year on every path. */
export function themeCookieString(choice: TThemeChoice, isSecure: boolean): string {
  return `${THEME_COOKIE}=${choice}; Max-Age=${THEME_COOKIE_MAX_AGE}; Path=/; SameSite=Lax${isSecure ? "; Secure" : ""}`;
}
