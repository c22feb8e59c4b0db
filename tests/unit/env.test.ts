import { describe, expect, it } from "vitest";
import { configuredProviders, describeSecretWeakness, isDemoSignInEnabled, isTestClockEnabled, parseEnv } from "@/lib/env";

const strongSecret = "q8Zx1vN3mK7pL2wR9tY4uB6cD0eF5gH8";
const production = {
  NODE_ENV: "production",
  DATABASE_URL: "postgresql://preflight@db.internal:5432/preflight",
  NEXTAUTH_URL: "https://preflight.example.com",
  NEXTAUTH_SECRET: strongSecret,
  AUTH_OIDC_ISSUER: "https://idp.example.com",
  AUTH_OIDC_ID: "preflight",
  AUTH_OIDC_SECRET: "oidc-client-secret",
};

function problemsOf(source: Record<string, string | undefined>): string[] {
  const result = parseEnv(source);
  return result.ok ? [] : result.problems;
}

describe("environment validation", () => {
  it("accepts a complete production environment", () => {
    const result = parseEnv(production);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.env.LOG_LEVEL).toBe("info");
  });

  it.each([
    ["missing secret", { NEXTAUTH_SECRET: undefined }, /NEXTAUTH_SECRET is required/],
    ["empty secret", { NEXTAUTH_SECRET: "  " }, /NEXTAUTH_SECRET is required/],
    ["short secret", { NEXTAUTH_SECRET: "tooshort" }, /too short: 8 characters/],
    ["repetitive secret", { NEXTAUTH_SECRET: "a".repeat(40) }, /placeholder/],
    ["missing database", { DATABASE_URL: undefined }, /DATABASE_URL is required in production/],
    ["missing public URL", { NEXTAUTH_URL: undefined }, /NEXTAUTH_URL is required in production/],
    ["non-postgres database URL", { DATABASE_URL: "mysql://db/x" }, /postgres:\/\/ URL/],
    ["non-http public URL", { NEXTAUTH_URL: "ftp://x" }, /http\(s\) URL/],
  ])("refuses production with a %s", (_label, override, message) => {
    const problems = problemsOf({ ...production, ...override });
    expect(problems.join("\n")).toMatch(message);
  });

  it("reports every problem at once", () => {
    expect(problemsOf({ NODE_ENV: "production" })).toHaveLength(4);
  });

  it("refuses production without any sign-in provider, naming the variables to set", () => {
    const problems = problemsOf({ ...production, AUTH_OIDC_ISSUER: undefined, AUTH_OIDC_ID: undefined, AUTH_OIDC_SECRET: undefined });
    expect(problems.join()).toMatch(/No sign-in provider is configured: set AUTH_GITHUB_ID and AUTH_GITHUB_SECRET/);
  });

  it("refuses a half-configured provider", () => {
    expect(problemsOf({ ...production, AUTH_GITHUB_ID: "abc" }).join()).toMatch(/GitHub sign-in is half configured: set AUTH_GITHUB_SECRET/);
  });

  it("lists the configured providers", () => {
    expect(configuredProviders({ ...production, AUTH_GOOGLE_ID: "g", AUTH_GOOGLE_SECRET: "s" })).toEqual(["Google", "OpenID Connect"]);
  });

  it("parses comma lists of domains and admin emails, lower-cased", () => {
    const result = parseEnv({ PREFLIGHT_ALLOWED_EMAIL_DOMAINS: " Example.com, corp.example ", PREFLIGHT_ADMIN_EMAILS: "Boss@Example.com" });
    expect(result.ok && [result.env.PREFLIGHT_ALLOWED_EMAIL_DOMAINS, result.env.PREFLIGHT_ADMIN_EMAILS]).toEqual([
      ["example.com", "corp.example"],
      ["boss@example.com"],
    ]);
  });
});

describe("demo sign-in", () => {
  const embedded = { NODE_ENV: "production", DATABASE_URL: "postgresql://postgres@127.0.0.1:41000/postgres", PREFLIGHT_EMBEDDED_DEMO: "1" as const };

  it("is on in development without providers", () => {
    expect(isDemoSignInEnabled({ NODE_ENV: "development" })).toBe(true);
  });

  it("is on for the embedded demo database", () => {
    expect(isDemoSignInEnabled(embedded)).toBe(true);
    expect(parseEnv({ ...embedded, NEXTAUTH_URL: "http://localhost:3000", NEXTAUTH_SECRET: strongSecret }).ok).toBe(true);
  });

  it.each([
    ["without the embedded flag", { ...embedded, PREFLIGHT_EMBEDDED_DEMO: undefined }],
    ["with a database on another host", { ...embedded, DATABASE_URL: "postgresql://db.internal/preflight" }],
    ["when a real provider is configured", { ...embedded, AUTH_GITHUB_ID: "a", AUTH_GITHUB_SECRET: "b" }],
  ])("is off in production %s", (_label, env) => {
    expect(isDemoSignInEnabled(env)).toBe(false);
  });

  it("allows the test clock only where the demo sign-in is", () => {
    expect(isTestClockEnabled({ ...embedded, PREFLIGHT_TEST_CLOCK: "1" })).toBe(true);
    expect(isTestClockEnabled(embedded)).toBe(false);
    expect(isTestClockEnabled({ ...embedded, PREFLIGHT_TEST_CLOCK: "1", DATABASE_URL: "postgresql://db.internal/preflight" })).toBe(false);
    expect(isTestClockEnabled({ ...embedded, PREFLIGHT_TEST_CLOCK: "1", AUTH_GITHUB_ID: "a", AUTH_GITHUB_SECRET: "b" })).toBe(false);
  });

  it("lets development run without production settings", () => {
    expect(parseEnv({ NODE_ENV: "development" }).ok).toBe(true);
  });

  it("asks for a metrics token of 16 characters or more", () => {
    expect(problemsOf({ PREFLIGHT_METRICS_TOKEN: "short" }).join()).toMatch(/PREFLIGHT_METRICS_TOKEN needs at least 16 characters/);
    expect(problemsOf({ PREFLIGHT_METRICS_TOKEN: "a-long-enough-metrics-token" })).toEqual([]);
  });

  it("rejects an unknown log level", () => {
    expect(problemsOf({ LOG_LEVEL: "loud" }).join()).toMatch(/LOG_LEVEL/);
  });

  it("describes a strong secret as fine", () => {
    expect(describeSecretWeakness(strongSecret)).toBeNull();
  });
});
