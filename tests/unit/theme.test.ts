import { describe, expect, it } from "vitest";
import { parseThemeChoice, themeAttribute, THEME_COOKIE, themeCookieString } from "@/lib/theme";

describe("theme choice", () => {
  it.each([
    ["light", "light"],
    ["dark", "dark"],
    ["system", "system"],
    [undefined, "system"],
    [null, "system"],
    ["", "system"],
    ["Dark", "system"],
    ["dark; Path=/", "system"],
    ["<script>", "system"],
  ] as const)("reads the cookie value %j as %s", (value, expected) => {
    expect(parseThemeChoice(value)).toBe(expected);
  });

  it("sets data-theme only for a chosen theme", () => {
    expect(themeAttribute("system")).toBeUndefined();
    expect(themeAttribute("light")).toBe("light");
    expect(themeAttribute("dark")).toBe("dark");
  });

  it("remembers the choice for a year on every path, and over https only when the page is https", () => {
    expect(themeCookieString("dark", false)).toBe(`${THEME_COOKIE}=dark; Max-Age=31536000; Path=/; SameSite=Lax`);
    expect(themeCookieString("light", true)).toBe(`${THEME_COOKIE}=light; Max-Age=31536000; Path=/; SameSite=Lax; Secure`);
  });
});
