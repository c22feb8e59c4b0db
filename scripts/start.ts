// `npm start`: build if needed, then serve Preflight on http://localhost:$PORT.
// Without DATABASE_URL it runs an embedded PostgreSQL (PGlite) with its data under
// .data/, applies migrations and loads demo data. With DATABASE_URL it uses that server
// as it is: no migrations (a release step, `npm run db:migrate`) and no demo data unless
// PREFLIGHT_SEED_DEMO=1.
import { spawn } from "node:child_process";
import path from "node:path";
import { createDb } from "@/lib/db";
import { formatEnvProblems, getLauncherEnv, inheritedEnv, parseEnv } from "@/lib/env";
import { startEmbeddedPostgres, type TEmbeddedPostgres } from "@/lib/embedded-db/start-embedded-postgres";
import { runMigrations } from "@/lib/migrations/run-migrations";
import { seedDemoData } from "@/prisma/seed/seed-demo-data";
import { isBuildStale, runBuild } from "./lib/ensure-build";
import { loadOrCreateSessionSecret } from "./lib/session-secret";

const launcher = getLauncherEnv();
const childEnv: NodeJS.ProcessEnv = {
  ...inheritedEnv(),
  NODE_ENV: "production",
  NEXT_TELEMETRY_DISABLED: "1",
  PORT: String(launcher.PORT),
};

let embedded: TEmbeddedPostgres | undefined;
if (!launcher.DATABASE_URL) {
  const dataDir = path.resolve(launcher.PREFLIGHT_DATA_DIR);
  embedded = await startEmbeddedPostgres({ dataDir: path.join(dataDir, "pglite") });
  childEnv.DATABASE_URL = embedded.url;
  childEnv.NEXTAUTH_SECRET = launcher.NEXTAUTH_SECRET ?? loadOrCreateSessionSecret(dataDir);
  childEnv.NEXTAUTH_URL = launcher.NEXTAUTH_URL ?? `http://localhost:${launcher.PORT}`;
  // Lets the demo sign-in run; lib/env.ts still refuses it with any real provider or database.
  childEnv.PREFLIGHT_EMBEDDED_DEMO = "1";
  // The app's own queue cannot run on it (docs/decisions/0010-webhooks.md).
  childEnv.PREFLIGHT_EMBEDDED_DATABASE = "1";
  console.log(`Preflight: embedded database (data in ${path.relative(process.cwd(), dataDir) || "."}/pglite)`);
}

const checked = parseEnv(childEnv);
if (!checked.ok) {
  console.error(formatEnvProblems(checked.problems));
  await embedded?.stop();
  process.exit(1);
}

try {
  if (embedded || launcher.PREFLIGHT_SEED_DEMO === "1") {
    const url = childEnv.DATABASE_URL as string;
    if (embedded) await runMigrations(url, { log: () => {} });
    const db = createDb(url);
    await seedDemoData(db);
    await db.$disconnect();
  }
} catch (error) {
  console.error(`Preflight: could not prepare the database: ${error instanceof Error ? error.message : String(error)}`);
  await embedded?.stop();
  process.exit(1);
}

if (isBuildStale()) runBuild(childEnv);

// One Next.js server per core on one port (scripts/serve.mjs; PREFLIGHT_WORKERS to change).
childEnv.PORT = String(launcher.PORT);
if (launcher.PREFLIGHT_HOST) childEnv.PREFLIGHT_HOST = launcher.PREFLIGHT_HOST;
const server = spawn(process.execPath, ["scripts/serve.mjs"], { stdio: "inherit", env: { ...childEnv, NODE_ENV: "production" } });

let stopping = false;
function stop(signal: NodeJS.Signals) {
  if (stopping) return;
  stopping = true;
  console.log(`Preflight: ${signal} received, shutting down…`);
  server.kill(signal);
}
process.on("SIGTERM", () => stop("SIGTERM"));
process.on("SIGINT", () => stop("SIGINT"));

// Next exits 128+signal when told to stop; a stop we asked for and that completed is clean.
const SIGNAL_EXIT_CODES = new Set([130, 143]);

server.on("exit", async (code) => {
  await embedded?.stop();
  if (stopping && (code === null || SIGNAL_EXIT_CODES.has(code))) process.exit(0);
  process.exit(code ?? 1);
});
