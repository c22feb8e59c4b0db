import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type TDb } from "@/lib/db";
import { hitRateLimit } from "@/lib/security/rate-limit";
import { createTestDatabase, type TTestDatabase } from "@/tests/helpers/test-database";

describe("shared sign-in rate limit", () => {
  let database: TTestDatabase;
  let other: TDb;

  beforeAll(async () => {
    database = await createTestDatabase();
    other = createDb(database.url); // a second app instance: its own client and pool
  });

  afterAll(async () => {
    await other?.$disconnect();
    await database?.drop();
  });

  it("grants the limit once across instances, however the attempts are spread and raced", async () => {
    const rule = { limit: 5, windowMs: 60_000 };
    const now = Date.now();
    const decisions = await Promise.all(Array.from({ length: 20 }, (_, i) => hitRateLimit(i % 2 ? other : database.db, "sign-in:203.0.113.9", rule, now)));
    expect(decisions.filter((d) => d.allowed)).toHaveLength(5);
    expect(decisions.find((d) => !d.allowed)).toMatchObject({ allowed: false, retryAfterSeconds: expect.any(Number) });
    // Another address has its own count, and the next window starts afresh.
    expect((await hitRateLimit(other, "sign-in:198.51.100.1", rule, now)).allowed).toBe(true);
    expect((await hitRateLimit(database.db, "sign-in:203.0.113.9", rule, now + 60_000)).allowed).toBe(true);
  });
});
