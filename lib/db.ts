import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { getEnv } from "@/lib/env";

export type TDb = PrismaClient;

/** A Prisma client on its own pool, for scripts and tests that pick their database. */
export function createDb(connectionString: string, { max = 10 }: { max?: number } = {}): PrismaClient {
  // Under a burst, a transaction waits for a pool connection (up to 10 s) rather than fail;
  // writes to one release queue on its row lock (lib/data/releases/write-release.ts).
  const adapter = new PrismaPg({ connectionString, connectionTimeoutMillis: 10_000, max });
  return new PrismaClient({ adapter, transactionOptions: { maxWait: 10_000, timeout: 15_000 } });
}

const globalForDb = globalThis as unknown as { preflightDb?: PrismaClient; preflightAuditReadDb?: PrismaClient };

/**
 * The app's one client. Created on first use, never at import time: `next build` loads
 * route modules without a DATABASE_URL.
 */
export function getDb(): PrismaClient {
  if (globalForDb.preflightDb) return globalForDb.preflightDb;
  const url = getEnv().DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: start Preflight with `npm start` or set DATABASE_URL");
  const db = createDb(url);
  globalForDb.preflightDb = db;
  return db;
}

/**
 * Audit reads' own small pool. A search can take seconds on a large log (each is capped by a
 * statement timeout, lib/data/audit/list-audit-events.ts); on their own 3 connections, a burst
 * of searches queues here and never takes the main pool's from ticks, sign-ins and /readyz.
 */
export function getAuditReadDb(): PrismaClient {
  if (globalForDb.preflightAuditReadDb) return globalForDb.preflightAuditReadDb;
  const url = getEnv().DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: start Preflight with `npm start` or set DATABASE_URL");
  const db = createDb(url, { max: 3 });
  globalForDb.preflightAuditReadDb = db;
  return db;
}

/** The app's client if something already created it (for a clean exit), else null. */
export function getDbIfCreated(): PrismaClient | null {
  return globalForDb.preflightDb ?? null;
}
