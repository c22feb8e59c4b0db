import "server-only";
import { getCurrentActor, type TCurrentUser } from "@/lib/auth/current-actor";
import { ForbiddenError } from "@/lib/auth/permissions";
import type { TResult } from "@/lib/data/result";
import { recordAuditNow } from "@/lib/audit/record-audit-now";

export type TActionResult<T = unknown> =
  | { ok: true; data: T }
  | { ok: false; error: string; code: "unauthenticated" | "forbidden" | "invalid" | "not_found" | "conflict"; fieldErrors?: Record<string, string[]> };

/**
 * The frame of every server action (each one is a public endpoint): a signed-in, enabled
 * user, and a permission error turned into a result instead of a stack trace.
 */
export async function runAsCurrentUser<T>(work: (actor: TCurrentUser) => Promise<TResult<T>>): Promise<TActionResult<T>> {
  const actor = await getCurrentActor();
  if (!actor) return { ok: false, code: "unauthenticated", error: "Your session has ended. Sign in again." };
  try {
    return await work(actor);
  } catch (error) {
    if (error instanceof ForbiddenError) {
      await recordAuditNow(actor, { action: "permission.denied", entityType: "Permission", entityId: error.permission });
      return { ok: false, code: "forbidden", error: "You don’t have permission to do that." };
    }
    throw error;
  }
}
