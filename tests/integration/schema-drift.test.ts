import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MIGRATIONS_TABLE } from "@/lib/migrations/list-migrations";
import { createTestDatabase, type TTestDatabase } from "@/tests/helpers/test-database";
import { expectedSchemaFromPrisma, type TExpectedSchema } from "@/tests/helpers/prisma-schema";

// The migrations (SQL, applied by node-pg-migrate) and prisma/schema.prisma must describe
// the same database; this fails the moment one changes without the other.
describe("schema drift: migrated database vs schema.prisma", () => {
  let database: TTestDatabase;
  let expected: TExpectedSchema;
  let actualColumns: { table: string; column: string; type: string; isNullable: boolean }[];

  beforeAll(async () => {
    database = await createTestDatabase();
    expected = await expectedSchemaFromPrisma();
    actualColumns = await database.db.$queryRaw`
      SELECT c.relname AS "table", a.attname AS "column",
             format_type(a.atttypid, a.atttypmod) AS "type", NOT a.attnotnull AS "isNullable"
      FROM pg_attribute a
      JOIN pg_class c ON c.oid = a.attrelid
      JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped`;
  });

  afterAll(async () => {
    await database?.drop();
  });

  it("has exactly the tables the schema declares, plus the migrations ledger", () => {
    const tables = [...new Set(actualColumns.map((c) => c.table))].filter((t) => t !== MIGRATIONS_TABLE).sort();
    expect(tables).toEqual(expected.tables);
  });

  it("has every declared column with the right type and nullability, and no others", () => {
    const key = (c: { table: string; column: string }) => `${c.table}.${c.column}`;
    const actual = actualColumns.filter((c) => c.table !== MIGRATIONS_TABLE).sort((a, b) => key(a).localeCompare(key(b)));
    const wanted = [...expected.columns].sort((a, b) => key(a).localeCompare(key(b)));
    expect(actual).toEqual(wanted);
  });

  it("has every enum with the declared values in order", async () => {
    const rows = await database.db.$queryRaw<{ name: string; values: string[] }[]>`
      SELECT t.typname AS name, array_agg(e.enumlabel ORDER BY e.enumsortorder)::text[] AS values
      FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid
      JOIN pg_namespace n ON n.oid = t.typnamespace
      WHERE n.nspname = 'public' GROUP BY t.typname`;
    expect(Object.fromEntries(rows.map((r) => [r.name, r.values]))).toEqual(expected.enums);
  });

  it("enforces the unique keys the schema declares", async () => {
    await database.db.user.create({ data: { email: "drift@example.com" } });
    await expect(database.db.user.create({ data: { email: "drift@example.com" } })).rejects.toThrow();
  });
});
