import { describe, expect, it } from "vitest";
import { runProcess } from "@/tests/helpers/run-process";

// `npm start` against an external database: the environment is checked before anything
// else happens, and a bad one stops the start with a message saying what to fix.
function startWith(env: Record<string, string | undefined>) {
  const { DATABASE_URL: _db, NEXTAUTH_SECRET: _s, NEXTAUTH_URL: _u, ...rest } = process.env;
  return runProcess(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/start.ts"], {
    env: { ...rest, PORT: "3999", ...env } as NodeJS.ProcessEnv,
  });
}

const base = {
  DATABASE_URL: "postgresql://preflight@127.0.0.1:1/preflight",
  NEXTAUTH_URL: "https://preflight.example.com",
};

describe("production start", () => {
  it("refuses a missing NEXTAUTH_SECRET", async () => {
    const result = await startWith(base);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("Preflight refuses to start");
    expect(result.stderr).toContain("NEXTAUTH_SECRET is required in production");
  });

  it("refuses a weak NEXTAUTH_SECRET", async () => {
    const result = await startWith({ ...base, NEXTAUTH_SECRET: "hunter2" });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/NEXTAUTH_SECRET is too short: 7 characters/);
  });

  it("refuses a missing NEXTAUTH_URL", async () => {
    const result = await startWith({ DATABASE_URL: base.DATABASE_URL, NEXTAUTH_SECRET: "Zq7".repeat(12) });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("NEXTAUTH_URL is required in production");
  });
});
