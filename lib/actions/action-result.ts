import "server-only";
import { getCurrentActor, type TCurrentUser } from "@/lib/auth/current-actor";
import { ForbiddenError } from "@/lib/auth/permissions";
import type { TResult } from "@/lib/data/result";
import { recordAuditNow } from "@/lib/audit/record-audit-now";
import { isDatabaseUnavailable } from "@/lib/db-errors";
import { getLogger } from "@/lib/log";

export type TActionResult<T = unknown> =
  | { ok: true; data: T }
  | { ok: false; error: string; code: "unauthenticated" | "forbidden" | "invalid" | "not_found" | "conflict" | "unavailable"; fieldErrors?: Record<string, string[]> };

const UNAVAILABLE = { ok: false, code: "unavailable", error: "Preflight cannot reach its database right now, so your change may not have been saved. Reload in a moment to check." } as const;

/**
 * The frame of every server action (each one is a public endpoint): a signed-in, enabled
 * user, and a permission error turned into a result instead of a stack trace.
 */
export async function runAsCurrentUser<T>(work: (actor: TCurrentUser) => Promise<TResult<T>>): Promise<TActionResult<T>> {
  let actor: TCurrentUser | null = null;
  try {
    actor = await getCurrentActor();
    if (!actor) return { ok: false, code: "unauthenticated", error: "Your session has ended. Sign in again." };
    return await work(actor);
  } catch (error) {
    if (error instanceof ForbiddenError && actor) {
      await recordAuditNow(actor, { action: "permission.denied", entityType: "Permission", entityId: error.permission });
      return { ok: false, code: "forbidden", error: "You don’t have permission to do that." };
    }
    // A change runs in one transaction: it is all saved or not at all, never half.
    if (isDatabaseUnavailable(error)) {
      getLogger().warn({ err: error instanceof Error ? error.message : String(error), requestId: actor?.requestId }, "action refused: database unavailable");
      return UNAVAILABLE;
    }
    throw error;
  }
}
