import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { clientAddress, clientAddressOf, normaliseAddress } from "@/lib/security/client-address";
import { NO_TRUSTED_PROXIES, ZTrustedProxies, type TTrustedProxies } from "@/lib/security/trusted-proxies";
import { parseEnv } from "@/lib/env";

const trusted = (value: string): TTrustedProxies => ZTrustedProxies.parse(value);
const oneHop = trusted("1");
const networks = trusted("10.0.0.0/8, 192.168.1.7, fd00::/8");

describe("clientAddress without trusted proxies", () => {
  it("ignores X-Forwarded-For: rotating it does not change the address", () => {
    const seen = ["203.0.113.1", "203.0.113.2, 10.0.0.1", "garbage", ""].map((header) => clientAddress(header, "198.51.100.4", NO_TRUSTED_PROXIES));
    expect(new Set(seen)).toEqual(new Set(["198.51.100.4"]));
  });

  it("is unknown when the socket address is (Next.js does not expose it)", () => {
    expect(clientAddressOf(new Headers({ "x-forwarded-for": "203.0.113.1" }), NO_TRUSTED_PROXIES)).toBeNull();
    expect(clientAddressOf(new Headers({ "x-forwarded-for": "203.0.113.2" }), NO_TRUSTED_PROXIES)).toBeNull();
  });

  it("property: any header gives the same answer", () => {
    fc.assert(fc.property(fc.string(), (header) => clientAddress(header, undefined, NO_TRUSTED_PROXIES) === null));
  });
});

describe("clientAddress with a hop count", () => {
  it.each([
    ["the right-most entry, what our proxy appended", "6.6.6.6, 203.0.113.9", "203.0.113.9"],
    ["the only entry", "203.0.113.9", "203.0.113.9"],
    ["whatever the client put in front", "garbage, 1.1.1.1, ::1, 203.0.113.9", "203.0.113.9"],
    ["an entry with a port", "6.6.6.6, 203.0.113.9:51234", "203.0.113.9"],
    ["a bracketed IPv6 with a port", "6.6.6.6, [2001:DB8:0::1]:443", "2001:db8::1"],
    ["an IPv4-mapped IPv6", "::ffff:203.0.113.9", "203.0.113.9"],
    ["garbage where the proxy wrote", "6.6.6.6, unknown", null],
  ])("one hop: %s", (_label, header, expected) => {
    expect(clientAddress(header, "10.0.0.2", oneHop)).toBe(expected);
  });

  it("counts hops from the right, and takes the left-most when there are fewer entries", () => {
    const twoHops = trusted("2");
    expect(clientAddress("6.6.6.6, 203.0.113.9, 10.0.0.3", undefined, twoHops)).toBe("203.0.113.9");
    expect(clientAddress("203.0.113.9", undefined, twoHops)).toBe("203.0.113.9");
  });

  it("rotating the client's own part of the header does not change the address", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.ipV4(), fc.ipV6(), fc.string()), { maxLength: 5 }), (forged) =>
        clientAddress([...forged, "203.0.113.9"].join(", "), undefined, oneHop) === "203.0.113.9",
      ),
    );
  });

  it("without any header, the socket address", () => {
    expect(clientAddress(null, "203.0.113.9", oneHop)).toBe("203.0.113.9");
  });
});

describe("clientAddress with trusted networks", () => {
  it.each([
    ["skips trusted proxies from the right", "6.6.6.6, 203.0.113.9, 10.1.2.3, 192.168.1.7", "203.0.113.9"],
    ["skips a trusted IPv6 proxy", "203.0.113.9, fd12::1", "203.0.113.9"],
    ["an untrusted IPv6 client", "2001:db8::7, 10.0.0.1", "2001:db8::7"],
    ["every hop trusted: the furthest", "10.0.0.9, 10.0.0.1", "10.0.0.9"],
    ["garbage left of the client is never read", "<script>, 203.0.113.9, 10.0.0.1", "203.0.113.9"],
    ["garbage where a trusted proxy wrote: unknown", "203.0.113.9, unknown, 10.0.0.1", null],
    ["a host next to a trusted one is not trusted", "203.0.113.9, 192.168.1.8", "192.168.1.8"],
  ])("%s", (_label, header, expected) => {
    expect(clientAddress(header, "10.0.0.2", networks)).toBe(expected);
  });

  it("a socket peer that is not a trusted proxy is the client, whatever it claims", () => {
    expect(clientAddress("203.0.113.9", "198.51.100.4", networks)).toBe("198.51.100.4");
    expect(clientAddress("203.0.113.9", "::ffff:10.0.0.2", networks)).toBe("203.0.113.9");
  });
});

describe("normaliseAddress", () => {
  it.each([
    ["203.0.113.9", "203.0.113.9"],
    [" 203.0.113.9 ", "203.0.113.9"],
    ["2001:0DB8:0000::0001", "2001:db8::1"],
    ["[::1]", "::1"],
    ["::ffff:127.0.0.1", "127.0.0.1"],
    ["fe80::1%eth0", null],
    ["01.2.3.4", null],
    ["999.1.1.1", null],
    ["unknown", null],
    ["", null],
    [undefined, null],
  ])("%j → %j", (entry, expected) => {
    expect(normaliseAddress(entry)).toBe(expected);
  });
});

describe("PREFLIGHT_TRUSTED_PROXIES", () => {
  it.each([
    [undefined, { kind: "none" }],
    ["", { kind: "none" }],
    ["0", { kind: "none" }],
    ["1", { kind: "hops", hops: 1 }],
    [" 10.0.0.0/8 , fd00::/8,192.168.1.7 ", { kind: "cidrs", cidrs: ["10.0.0.0/8", "fd00::/8", "192.168.1.7"] }],
  ])("%j parses", (value, expected) => {
    const result = parseEnv({ PREFLIGHT_TRUSTED_PROXIES: value });
    expect(result.ok && result.env.PREFLIGHT_TRUSTED_PROXIES).toEqual(expected);
  });

  it.each(["-1", "100", "10.0.0.0/33", "10.0.0.0/8, proxy.internal", "yes"])("%j is refused with the variable's name", (value) => {
    const result = parseEnv({ PREFLIGHT_TRUSTED_PROXIES: value });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.join("\n")).toMatch(/^PREFLIGHT_TRUSTED_PROXIES: /m);
  });
});
