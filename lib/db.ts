import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { getEnv } from "@/lib/env";
import { getLogger } from "@/lib/log";
import { registerPool } from "@/lib/metrics/metrics";

export type TDb = PrismaClient;

/** A Prisma client on its own pool, for scripts and tests that pick their database. */
export function createDb(connectionString: string, { max = 10, poolName }: { max?: number; poolName?: string } = {}): PrismaClient {
  // Under a burst, a transaction waits for a pool connection (up to 10 s) rather than fail;
  // writes to one release queue on its row lock (lib/data/releases/write-release.ts).
  // The pool is ours so that /metrics can report its use; $disconnect ends it.
  const pool = new pg.Pool({ connectionString, connectionTimeoutMillis: 10_000, max });
  // An idle connection the server closed (a restart, a terminated backend) is dropped by the
  // pool and the next query opens a new one; unheard, the pool's "error" would end the process.
  pool.on("error", (error) => getLogger().warn({ err: error.message, pool: poolName ?? "client" }, "an idle database connection was closed by the server"));
  if (poolName) registerPool(poolName, pool);
  const adapter = new PrismaPg(pool, { disposeExternalPool: true });
  return new PrismaClient({ adapter, transactionOptions: { maxWait: 10_000, timeout: 15_000 } });
}

type TSlot = "preflightDb" | "preflightAuditReadDb";
const globalForDb = globalThis as unknown as Partial<Record<TSlot, PrismaClient>>;

/** A client kept for the process, created on first use, never at import time: `next build` loads route modules without a DATABASE_URL. */
function processClient(slot: TSlot, max: number): PrismaClient {
  const existing = globalForDb[slot];
  if (existing) return existing;
  const url = getEnv().DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: start Preflight with `npm start` or set DATABASE_URL");
  const db = createDb(url, { max, poolName: slot === "preflightDb" ? "main" : "audit-read" });
  globalForDb[slot] = db;
  return db;
}

/** The app's one client for everything but audit reads. */
export function getDb(): PrismaClient {
  return processClient("preflightDb", 10);
}

/**
 * Audit reads' own small pool. A search can take seconds on a large log (each is capped by a
 * statement timeout, lib/data/audit/list-audit-events.ts); on their own 3 connections, a burst
 * of searches queues here and never takes the main pool's from ticks, sign-ins and /readyz.
 */
export function getAuditReadDb(): PrismaClient {
  return processClient("preflightAuditReadDb", 3);
}

/** The clients something already created (for a clean exit). */
export function getDbsIfCreated(): PrismaClient[] {
  return [globalForDb.preflightDb, globalForDb.preflightAuditReadDb].filter((db): db is PrismaClient => !!db);
}
