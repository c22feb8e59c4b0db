import "server-only";
import { ForbiddenError } from "@/lib/auth/permissions";
import { recordRefusal } from "@/lib/audit/record-refusal";
import { getDb } from "@/lib/db";
import { isDatabaseUnavailable } from "@/lib/db-errors";
import { TransientDbError, TRANSIENT_MESSAGES } from "@/lib/data/run-transaction";
import { authenticateToken, type TTokenActor } from "@/lib/data/tokens/api-tokens";
import { apiError } from "@/lib/api/api-response";
import { getLogger } from "@/lib/log";
import { hitRateLimit } from "@/lib/security/rate-limit";
import { observeApiRequest } from "@/lib/metrics/metrics";

/** The route a path is an instance of, for metrics: ids and item keys become their names. */
export function apiRoutePattern(pathname: string): string {
  return pathname.replace(/\/releases\/[^/]+/, "/releases/{releaseId}").replace(/\/items\/[^/]+/, "/items/{key}");
}

/** Requests per token per minute, counted in the database across instances (PREFLIGHT_API_RATE_LIMIT). */
export function apiRateLimit(): number {
  const value = Number(process.env.PREFLIGHT_API_RATE_LIMIT);
  return Number.isInteger(value) && value > 0 ? value : 600;
}

/**
 * The frame of every API endpoint: a bearer token that stands for an actor (401 otherwise),
 * its rate limit (429 with Retry-After), and a permission refusal or an unreachable database
 * turned into an API error instead of a stack trace.
 */
export async function runApi(request: Request, work: (actor: TTokenActor) => Promise<Response>): Promise<Response> {
  const started = performance.now();
  const response = await answerApi(request, work);
  observeApiRequest(request.method, apiRoutePattern(new URL(request.url).pathname), response.status, (performance.now() - started) / 1000);
  return response;
}

async function answerApi(request: Request, work: (actor: TTokenActor) => Promise<Response>): Promise<Response> {
  const header = request.headers.get("authorization") ?? "";
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) return apiError("unauthenticated", "Send an API token: Authorization: Bearer <token>.", { headers: { "WWW-Authenticate": 'Bearer realm="preflight"' } });
  let actor: TTokenActor | null = null;
  try {
    actor = await authenticateToken(match[1]!);
    if (!actor) {
      return apiError("unauthenticated", "The token is not valid: it may be mistyped, revoked or expired.", { headers: { "WWW-Authenticate": 'Bearer realm="preflight", error="invalid_token"' } });
    }
    const limited = await hitRateLimit(getDb(), `api:${actor.tokenId}`, { limit: apiRateLimit(), windowMs: 60_000 });
    if (!limited.allowed) {
      return apiError("rate_limited", `Too many requests with this token; try again in ${limited.retryAfterSeconds} s.`, { headers: { "Retry-After": String(limited.retryAfterSeconds) } });
    }
    return await work(actor);
  } catch (error) {
    if (error instanceof ForbiddenError && actor) {
      await recordRefusal(error);
      return apiError("forbidden", `A ${actor.role.toLowerCase().replace("_", " ")} token may not do that.`);
    }
    if (error instanceof TransientDbError) return apiError("unavailable", TRANSIENT_MESSAGES[error.kind], { headers: { "Retry-After": "1" } });
    if (isDatabaseUnavailable(error)) {
      getLogger().warn({ err: error instanceof Error ? error.message : String(error) }, "api refused: database unavailable");
      return apiError("unavailable", "Preflight cannot reach its database right now. Try again in a moment.", { headers: { "Retry-After": "5" } });
    }
    throw error;
  }
}
