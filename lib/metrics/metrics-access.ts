import { timingSafeEqual } from "node:crypto";

export type TMetricsAccess = "off" | "unauthorized" | "allowed";

/**
 * Who may read /metrics: in production nobody unless PREFLIGHT_METRICS_TOKEN is set, and
 * then whoever sends it as a bearer token; elsewhere anyone, or the token's holder when one is set.
 */
export function metricsAccess({ token, isProduction }: { token: string | undefined; isProduction: boolean }, authorization: string | null): TMetricsAccess {
  if (!token) return isProduction ? "off" : "allowed";
  const sent = Buffer.from(/^Bearer\s+(\S+)$/i.exec(authorization ?? "")?.[1] ?? "");
  const expected = Buffer.from(token);
  return sent.length === expected.length && timingSafeEqual(sent, expected) ? "allowed" : "unauthorized";
}
