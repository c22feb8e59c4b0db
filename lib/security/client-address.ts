import { BlockList, isIP } from "node:net";
import type { TTrustedProxies } from "@/lib/security/trusted-proxies";

// Who is asking, for the sign-in rate limit and the audit log. X-Forwarded-For is a list the
// client starts and each proxy appends to: only the entries on the right, written by proxies
// of ours, can be believed; the left-most one is whatever the client chose to send.
//
// What Next.js 16 hands us: neither the proxy (proxy.ts) nor route handlers see the socket.
// NextRequest has no `ip` any more; Next's server sets `x-forwarded-for` to the socket's
// remote address only when the request has no such header (`??=` in
// next/dist/server/base-server.js), so the header is either the socket address or the
// client's own text, and nothing says which. The socket address is therefore unknown to
// the app, and without trusted proxies no address can be established.

/** An address in one canonical form (IPv4-mapped IPv6 as IPv4, IPv6 compressed), or null. */
export function normaliseAddress(entry: string | null | undefined): string | null {
  if (!entry) return null;
  let text = entry.trim();
  // Some proxies write a port: `[2001:db8::1]:443`, `203.0.113.7:51234`.
  const bracketed = /^\[([^\]]+)\](?::\d{1,5})?$/.exec(text);
  if (bracketed) text = bracketed[1]!;
  else if (/^[\d.]+:\d{1,5}$/.test(text)) text = text.slice(0, text.lastIndexOf(":"));
  const version = isIP(text);
  if (version === 4) return text;
  // A zone (`fe80::1%eth0`) names an interface of the machine, not a client.
  if (version !== 6 || text.includes("%")) return null;
  const canonical = new URL(`http://[${text}]`).hostname.slice(1, -1);
  const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(canonical);
  if (!mapped) return canonical;
  const [high, low] = [Number.parseInt(mapped[1]!, 16), Number.parseInt(mapped[2]!, 16)];
  return [high >> 8, high & 255, low >> 8, low & 255].join(".");
}

const familyOf = (address: string) => (isIP(address) === 6 ? "ipv6" : "ipv4");

const trustedSets = new WeakMap<TTrustedProxies, BlockList>();

/** The configured networks as a node:net BlockList, built once per configuration. */
function trustedSet(trusted: Extract<TTrustedProxies, { kind: "cidrs" }>): BlockList {
  let set = trustedSets.get(trusted);
  if (set) return set;
  set = new BlockList();
  for (const cidr of trusted.cidrs) {
    const [network = "", prefix] = cidr.split("/");
    const family = familyOf(network);
    set.addSubnet(network, prefix === undefined ? (family === "ipv6" ? 128 : 32) : Number(prefix), family);
  }
  trustedSets.set(trusted, set);
  return set;
}

/**
 * The client's address, or null when it cannot be established.
 * - none trusted: the socket's `remoteAddress`; the header is ignored, the client writes it.
 * - `hops: n`: the n-th entry from the right (each of the n proxies appended one); with fewer
 *   entries, the left-most (the request passed fewer proxies).
 * - networks: a socket peer outside them is the client itself; otherwise the right-most entry
 *   outside them. An unreadable entry where a proxy of ours should have written gives null.
 * The header may hold garbage anywhere left of the entries proxies wrote: it is never reached.
 */
export function clientAddress(forwardedFor: string | null | undefined, remoteAddress: string | null | undefined, trusted: TTrustedProxies): string | null {
  const remote = normaliseAddress(remoteAddress);
  if (trusted.kind === "none") return remote;
  const entries = forwardedFor?.trim() ? forwardedFor.split(",") : [];
  if (entries.length === 0) return remote;
  if (trusted.kind === "hops") return normaliseAddress(entries[Math.max(0, entries.length - trusted.hops)]);

  const set = trustedSet(trusted);
  if (remote !== null && !set.check(remote, familyOf(remote))) return remote;
  for (let index = entries.length - 1; index >= 0; index -= 1) {
    const address = normaliseAddress(entries[index]);
    if (address === null) return null;
    if (!set.check(address, familyOf(address))) return address;
  }
  // Every hop is one of our proxies (a health check from inside): the furthest of them.
  return normaliseAddress(entries[0]);
}

/**
 * The client's address for a request as Next.js passes it on (see above): the socket
 * address is not available, so it counts as unknown.
 */
export function clientAddressOf(headers: Headers, trusted: TTrustedProxies): string | null {
  return clientAddress(headers.get("x-forwarded-for"), undefined, trusted);
}
