import { z } from "zod";

// PREFLIGHT_TRUSTED_PROXIES: which X-Forwarded-For entries were written by proxies of ours
// (and so can be believed) rather than by the client. Parsed here, with no Node-only import,
// because lib/env.ts reads it; lib/security/client-address.ts applies it.

/**
 * - none: no proxy is trusted, the header is the client's own word;
 * - hops: that many proxies stand in front of the app, each appending the address it saw;
 * - cidrs: proxies are recognised by address (IPv4 and IPv6 networks, or single addresses).
 */
export type TTrustedProxies = { kind: "none" } | { kind: "hops"; hops: number } | { kind: "cidrs"; cidrs: string[] };

export const NO_TRUSTED_PROXIES: TTrustedProxies = { kind: "none" };
/** More proxies than this in a row is a typo, not a deployment. */
const MAX_HOPS = 16;

const ZProxyAddress = z.union([z.cidrv4(), z.cidrv6(), z.ipv4(), z.ipv6()]);

/** The variable as written: empty or `0` for none, a hop count (`1`), or `10.0.0.0/8, fd00::/8`. */
export const ZTrustedProxies = z
  .string()
  .optional()
  .transform((value, ctx): TTrustedProxies => {
    const text = (value ?? "").trim();
    if (text === "" || text === "0") return NO_TRUSTED_PROXIES;
    if (/^\d+$/.test(text)) {
      const hops = Number(text);
      if (hops <= MAX_HOPS) return { kind: "hops", hops };
      ctx.addIssue({ code: "custom", message: `PREFLIGHT_TRUSTED_PROXIES: ${hops} hops is more than ${MAX_HOPS}; give the number of proxies in front of Preflight` });
      return z.NEVER;
    }
    const cidrs = text
      .split(",")
      .map((entry) => entry.trim())
      .filter(Boolean);
    const invalid = cidrs.filter((entry) => !ZProxyAddress.safeParse(entry).success);
    if (invalid.length === 0) return { kind: "cidrs", cidrs };
    ctx.addIssue({
      code: "custom",
      message: `PREFLIGHT_TRUSTED_PROXIES: ${invalid.map((entry) => JSON.stringify(entry)).join(", ")} is not an address or network; give a hop count (1) or a comma list such as 10.0.0.0/8, fd00::/8`,
    });
    return z.NEVER;
  });
