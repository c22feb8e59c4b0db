import "server-only";
import { headers } from "next/headers";
import { REQUEST_ID_HEADER } from "@/lib/log";

/** Request id, client address and user agent, recorded with every audit event. */
export async function requestContext(): Promise<{ requestId?: string; ip?: string; userAgent?: string }> {
  const h = await headers();
  return {
    requestId: h.get(REQUEST_ID_HEADER) ?? undefined,
    ip: h.get("x-forwarded-for")?.split(",")[0]?.trim() || h.get("x-real-ip") || undefined,
    userAgent: h.get("user-agent") ?? undefined,
  };
}
