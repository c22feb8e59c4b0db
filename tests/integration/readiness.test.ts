import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createDb } from "@/lib/db";
import { checkReadiness } from "@/lib/health/check-readiness";
import { runMigrations } from "@/lib/migrations/run-migrations";
import { createTestDatabase, type TTestDatabase } from "@/tests/helpers/test-database";

// Nothing listens on port 1 of the loopback address.
const UNREACHABLE_URL = "postgresql://preflight@127.0.0.1:1/preflight";

describe("readiness", () => {
  let database: TTestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase({ migrate: false });
  });

  afterAll(async () => {
    await database?.drop();
    vi.unstubAllEnvs();
  });

  it("is not ready when the database is unreachable", async () => {
    const db = createDb(UNREACHABLE_URL);
    const readiness = await checkReadiness(db);
    await db.$disconnect();
    expect(readiness).toMatchObject({ ready: false, reason: "database_unreachable" });
  });

  it("is not ready while migrations are pending, and names them", async () => {
    const readiness = await checkReadiness(database.db);
    expect(readiness).toMatchObject({ ready: false, reason: "migrations_pending" });
    if (!readiness.ready) expect(readiness.detail).toMatch(/create-users.*npm run db:migrate/);
  });

  it("is ready once every shipped migration is applied", async () => {
    await runMigrations(database.url);
    expect(await checkReadiness(database.db)).toMatchObject({ ready: true, migrations: expect.any(Number) });
  });

  it("GET /readyz answers 503 with a JSON reason when the database is unreachable", async () => {
    vi.stubEnv("DATABASE_URL", UNREACHABLE_URL);
    vi.resetModules();
    const { GET } = await import("@/app/readyz/route");
    const response = await GET(new Request("http://localhost/readyz", { headers: { "x-request-id": "probe-1" } }));
    expect(response.status).toBe(503);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.json()).toMatchObject({ status: "not_ready", reason: "database_unreachable" });
  });

  it("GET /readyz answers 200 against a migrated database", async () => {
    vi.stubEnv("DATABASE_URL", database.url);
    vi.resetModules();
    delete (globalThis as { preflightDb?: unknown }).preflightDb;
    const { GET } = await import("@/app/readyz/route");
    const response = await GET(new Request("http://localhost/readyz"));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: "ready" });
  });
});
