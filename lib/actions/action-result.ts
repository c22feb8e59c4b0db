import "server-only";
import { getCurrentActor, type TCurrentUser } from "@/lib/auth/current-actor";
import { ForbiddenError } from "@/lib/auth/permissions";
import type { TResult } from "@/lib/data/result";
import { recordRefusal } from "@/lib/audit/record-refusal";
import { TransientDbError, TRANSIENT_MESSAGES } from "@/lib/data/run-transaction";
import type { TLiveItem } from "@/lib/data/releases/live-item";
import { isDatabaseUnavailable } from "@/lib/db-errors";
import { getLogger } from "@/lib/log";

export type TActionResult<T = unknown> =
  | { ok: true; data: T }
  | {
      ok: false;
      error: string;
      code: "unauthenticated" | "forbidden" | "invalid" | "not_found" | "conflict" | "busy" | "unavailable";
      fieldErrors?: Record<string, string[]>;
      current?: TLiveItem;
    };

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
      await recordRefusal(error);
      return { ok: false, code: "forbidden", error: "You don’t have permission to do that." };
    }
    // Writes outside a release (imports, users) that still met a deadlock or a full pool.
    if (error instanceof TransientDbError) return { ok: false, code: error.kind, error: TRANSIENT_MESSAGES[error.kind] };
    // A change runs in one transaction: it is all saved or not at all, never half.
    if (isDatabaseUnavailable(error)) {
      getLogger().warn({ err: error instanceof Error ? error.message : String(error), requestId: actor?.requestId }, "action refused: database unavailable");
      return UNAVAILABLE;
    }
    throw error;
  }
}
