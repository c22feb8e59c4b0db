import path from "node:path";
import { readdir } from "node:fs/promises";

export const MIGRATIONS_TABLE = "pgmigrations";

/** Names of the migration files shipped with this build, in the order they apply. */
export async function listMigrationNames(): Promise<string[]> {
  const files = await readdir(path.join(process.cwd(), "prisma", "migrations"));
  return files
    .filter((file) => file.endsWith(".sql"))
    .map((file) => file.slice(0, -".sql".length))
    .sort();
}
