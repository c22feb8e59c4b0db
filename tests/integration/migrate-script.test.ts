import { afterAll, describe, expect, it } from "vitest";
import { listMigrationNames, MIGRATIONS_TABLE } from "@/lib/migrations/list-migrations";
import { runProcess } from "@/tests/helpers/run-process";
import { createTestDatabase, withAdminClient, type TTestDatabase } from "@/tests/helpers/test-database";

// A migration job gets the database's credentials and nothing else: not the sign-in
// provider, NEXTAUTH_SECRET or NEXTAUTH_URL the web app must have in production.

/** `npm run db:migrate` with exactly the given environment (no inherited variables). */
function migrate(env: Record<string, string>) {
  return runProcess(process.execPath, ["--import", "tsx", "scripts/migrate.ts"], {
    // Deliberately without NODE_ENV unless a case sets it, which ProcessEnv's type requires.
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env } as unknown as NodeJS.ProcessEnv,
  });
}

async function appliedMigrations(url: string): Promise<string[]> {
  const { rows } = await withAdminClient(url, (client) => client.query<{ name: string }>(`SELECT name FROM ${MIGRATIONS_TABLE} ORDER BY name`));
  return rows.map((row) => row.name);
}

describe("npm run db:migrate", () => {
  const databases: TTestDatabase[] = [];

  afterAll(async () => {
    await Promise.all(databases.map((database) => database.drop()));
  });

  it.each([
    ["only DATABASE_URL", {}],
    ["NODE_ENV=production and none of the web app's secrets", { NODE_ENV: "production" }],
    ["a half-configured sign-in provider it has no use for", { NODE_ENV: "production", AUTH_GITHUB_ID: "preflight" }],
  ])("migrates a fresh database with %s", async (_label, extra) => {
    const database = await createTestDatabase({ migrate: false });
    databases.push(database);

    const first = await migrate({ DATABASE_URL: database.url, ...extra });
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/Applied \d+ migration\(s\)\./);
    expect(await appliedMigrations(database.url)).toEqual(await listMigrationNames());

    const again = await migrate({ DATABASE_URL: database.url, ...extra });
    expect([again.code, again.stdout.trim().split("\n").at(-1)]).toEqual([0, "Database is up to date."]);
  });

  it.each([
    ["no DATABASE_URL", {}, /^DATABASE_URL: required by db:migrate/],
    ["an empty DATABASE_URL", { DATABASE_URL: " " }, /^DATABASE_URL: required by db:migrate/],
    ["a DATABASE_URL that is not postgres", { DATABASE_URL: "mysql://db/preflight" }, /^DATABASE_URL: DATABASE_URL must be a postgres:\/\/ URL/],
  ])("refuses %s in one line", async (_label, env, message) => {
    const result = await migrate(env);
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).toMatch(message);
  });
});
