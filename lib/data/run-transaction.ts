import "server-only";
import type { TTx } from "@/lib/audit/record-audit";
import type { TDb } from "@/lib/db";
import { errorChain } from "@/lib/db-errors";

/**
 * Transactions wait their turn: for a pool connection (lib/db.ts sets how long) and for the
 * locks they need. What still fails for no fault of the request (a deadlock, a
 * serialization failure, no connection in time) is retried a few times, with a random
 * pause, then reported as a TransientDbError for the caller to answer "conflict" or "busy".
 */

export type TTransientKind = "conflict" | "busy";

export class TransientDbError extends Error {
  constructor(
    readonly kind: TTransientKind,
    readonly attempts: number,
    options: { cause: unknown },
  ) {
    super(`transaction gave up after ${attempts} attempts (${kind})`, options);
    this.name = "TransientDbError";
  }
}

const CONFLICT_CODES = new Set(["40001", "40P01", "P2034"]);
const CONFLICT_MESSAGES = /deadlock detected|could not serialize access|write conflict or a deadlock/i;
const BUSY_MESSAGES = /Unable to start a transaction in the given time|timeout exceeded when trying to connect/i;

/** Whether an error is one a retry can cure, and which kind. */
export function transientKind(error: unknown): TTransientKind | null {
  for (const e of errorChain(error)) {
    if ((typeof e.code === "string" && CONFLICT_CODES.has(e.code)) || (typeof e.originalCode === "string" && CONFLICT_CODES.has(e.originalCode))) return "conflict";
    if (typeof e.message === "string" && CONFLICT_MESSAGES.test(e.message)) return "conflict";
    if (typeof e.message === "string" && BUSY_MESSAGES.test(e.message)) return "busy";
  }
  return null;
}

const ATTEMPTS = 4;

export async function runTransaction<T>(db: TDb, work: (tx: TTx) => Promise<T>, { attempts = ATTEMPTS } = {}): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await db.$transaction(work);
    } catch (error) {
      const kind = transientKind(error);
      if (!kind) throw error;
      if (attempt >= attempts) throw new TransientDbError(kind, attempt, { cause: error });
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 25 * 2 ** attempt));
    }
  }
}

export const TRANSIENT_MESSAGES: Record<TTransientKind, string> = {
  conflict: "Others were changing this release at the same moment and your change could not be applied; nothing was saved. Try again.",
  busy: "Preflight is busy right now; nothing was saved. Try again in a moment.",
};
