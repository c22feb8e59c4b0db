import { describe, expect, it } from "vitest";
import { describeSecretWeakness, parseEnv } from "@/lib/env";

const strongSecret = "q8Zx1vN3mK7pL2wR9tY4uB6cD0eF5gH8";
const production = {
  NODE_ENV: "production",
  DATABASE_URL: "postgresql://preflight@db.internal:5432/preflight",
  NEXTAUTH_URL: "https://preflight.example.com",
  NEXTAUTH_SECRET: strongSecret,
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
    expect(problemsOf({ NODE_ENV: "production" })).toHaveLength(3);
  });

  it("lets development run without production settings", () => {
    expect(parseEnv({ NODE_ENV: "development" }).ok).toBe(true);
  });

  it("rejects an unknown log level", () => {
    expect(problemsOf({ LOG_LEVEL: "loud" }).join()).toMatch(/LOG_LEVEL/);
  });

  it("describes a strong secret as fine", () => {
    expect(describeSecretWeakness(strongSecret)).toBeNull();
  });
});
