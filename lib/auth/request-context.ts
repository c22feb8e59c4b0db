import "server-only";
import { headers } from "next/headers";
import { getEnv } from "@/lib/env";
import { REQUEST_ID_HEADER } from "@/lib/log";
import { clientAddressOf } from "@/lib/security/client-address";

/**
 * Request id, client address and user agent, recorded with every audit event. The address
 * is the one trusted proxies report (PREFLIGHT_TRUSTED_PROXIES); without them it is left
 * out rather than taken from a header the client writes.
 */
export async function requestContext(): Promise<{ requestId?: string; ip?: string; userAgent?: string }> {
  const h = await headers();
  return {
    requestId: h.get(REQUEST_ID_HEADER) ?? undefined,
    ip: clientAddressOf(h, getEnv().PREFLIGHT_TRUSTED_PROXIES) ?? undefined,
    userAgent: h.get("user-agent") ?? undefined,
  };
}
