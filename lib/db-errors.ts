// Errors that mean "the database is not there right now", as opposed to a bug: the server
// stopped or restarted, refused or dropped the connection, or the pool could not get one.
const POSTGRES_UNAVAILABLE = /^(08|57P)/; // connection exceptions; admin shutdown, crash shutdown, cannot connect now
const NODE_UNAVAILABLE = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "EHOSTUNREACH", "ENOTFOUND"]);
const PRISMA_UNAVAILABLE = new Set(["P1001", "P1002", "P1008", "P1017", "P2024", "P2028"]);
const MESSAGES = /Connection terminated|connection timeout|Can't reach database|Server has closed the connection|terminating connection|the database system is (starting up|shutting down|in recovery)|Client has encountered a connection error|timeout exceeded when trying to connect/i;

export type TErrorLike = { code?: unknown; originalCode?: unknown; message?: unknown; cause?: unknown; meta?: { driverAdapterError?: unknown } };

/**
 * An error and the errors it wraps (its cause, Prisma's driver adapter error), outermost
 * first: PostgreSQL's code can sit at any depth of what Prisma throws.
 */
export function* errorChain(error: unknown, depth = 0): Generator<TErrorLike> {
  if (!error || typeof error !== "object" || depth > 5) return;
  const e = error as TErrorLike;
  yield e;
  yield* errorChain(e.cause, depth + 1);
  yield* errorChain(e.meta?.driverAdapterError, depth + 1);
}

export function isDatabaseUnavailable(error: unknown): boolean {
  for (const e of errorChain(error)) {
    if (typeof e.code === "string" && (NODE_UNAVAILABLE.has(e.code) || PRISMA_UNAVAILABLE.has(e.code) || POSTGRES_UNAVAILABLE.test(e.code))) return true;
    if (typeof e.originalCode === "string" && POSTGRES_UNAVAILABLE.test(e.originalCode)) return true;
    if (typeof e.message === "string" && MESSAGES.test(e.message)) return true;
  }
  return false;
}

/** A unique constraint refused the write (Prisma's P2002, or PostgreSQL's 23505 through the driver adapter). */
export function isUniqueViolation(error: unknown): boolean {
  for (const e of errorChain(error)) {
    if (e.code === "P2002" || e.code === "23505" || e.originalCode === "23505") return true;
  }
  return false;
}
