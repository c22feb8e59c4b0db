import { describe, expect, it } from "vitest";
import { decide, windowStartOf } from "@/lib/security/rate-limit";

describe("rate limit windows", () => {
  const rule = { limit: 3, windowMs: 60_000 };

  it("allows the limit per window, then says how long until the next one", () => {
    const t0 = 1_800_000; // a window boundary
    expect([1, 2, 3].map((hits) => decide(hits, rule, t0 + hits).allowed)).toEqual([true, true, true]);
    expect(decide(4, rule, t0 + 15_000)).toEqual({ allowed: false, retryAfterSeconds: 45 });
  });

  it("puts every instant of a window in the same window, and the next instant in the next", () => {
    expect(windowStartOf(1_800_000, 60_000)).toBe(1_800_000);
    expect(windowStartOf(1_859_999, 60_000)).toBe(1_800_000);
    expect(windowStartOf(1_860_000, 60_000)).toBe(1_860_000);
  });

  it("never asks to wait less than a second", () => {
    expect(decide(4, rule, 1_859_999)).toEqual({ allowed: false, retryAfterSeconds: 1 });
  });
});
