import { describe, expect, it } from "vitest";
import { runProcess } from "@/tests/helpers/run-process";

// `next start` run directly (not through `npm start`) checks the environment too.
describe("production server started directly", () => {
  it("exits with a clear message when NEXTAUTH_SECRET is weak", async () => {
    const result = await runProcess(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", "0"], {
      env: {
        ...process.env,
        NODE_ENV: "production",
        DATABASE_URL: "postgresql://preflight@127.0.0.1:1/preflight",
        NEXTAUTH_URL: "https://preflight.example.com",
        NEXTAUTH_SECRET: "secret",
      },
      timeoutMs: 30_000,
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("NEXTAUTH_SECRET is too short");
  });
});
