// `npm run db:migrate`: apply pending migrations to DATABASE_URL. A release step of its
// own: the server never migrates an external database on start.
import { getEnv } from "@/lib/env";
import { runMigrations } from "@/lib/migrations/run-migrations";

const url = getEnv().DATABASE_URL;
if (!url) {
  console.error("db:migrate needs DATABASE_URL (postgres://user:password@host:5432/database)");
  process.exit(1);
}
try {
  const applied = await runMigrations(url, { log: (message) => console.log(message) });
  console.log(applied.length ? `Applied ${applied.length} migration(s).` : "Database is up to date.");
} catch (error) {
  console.error(`Migration failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
