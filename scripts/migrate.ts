// `npm run db:migrate`: apply pending migrations to DATABASE_URL. A release step of its
// own: the server never migrates an external database on start. It reads DATABASE_URL and
// nothing else (parseMigrationEnv), so a migration job needs no sign-in secrets.
import { parseMigrationEnv } from "@/lib/env";
import { runMigrations } from "@/lib/migrations/run-migrations";

const env = parseMigrationEnv();
if (!env.ok) {
  console.error(env.problems.join("\n"));
  process.exit(1);
}
try {
  const applied = await runMigrations(env.databaseUrl, { log: (message) => console.log(message) });
  console.log(applied.length ? `Applied ${applied.length} migration(s).` : "Database is up to date.");
} catch (error) {
  console.error(`Migration failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
