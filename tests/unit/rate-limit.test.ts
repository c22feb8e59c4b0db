import { describe, expect, it } from "vitest";
import { createRateLimiter } from "@/lib/security/rate-limit";

describe("rate limiter", () => {
  it("allows the limit per window, then says how long to wait", () => {
    const check = createRateLimiter({ limit: 3, windowMs: 60_000 });
    const t0 = 1_000_000;
    expect([check("ip", t0), check("ip", t0 + 1), check("ip", t0 + 2)].every((d) => d.allowed)).toBe(true);
    expect(check("ip", t0 + 15_000)).toEqual({ allowed: false, retryAfterSeconds: 45 });
  });

  it("counts each key on its own", () => {
    const check = createRateLimiter({ limit: 1, windowMs: 60_000 });
    expect(check("a", 0).allowed).toBe(true);
    expect(check("b", 0).allowed).toBe(true);
    expect(check("a", 1).allowed).toBe(false);
  });

  it("starts a fresh window once the old one has passed", () => {
    const check = createRateLimiter({ limit: 1, windowMs: 1_000 });
    expect(check("ip", 0).allowed).toBe(true);
    expect(check("ip", 999).allowed).toBe(false);
    expect(check("ip", 1_000).allowed).toBe(true);
  });
});
