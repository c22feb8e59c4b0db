import { describe, expect, it } from "vitest";
import { buildContentSecurityPolicy, createNonce } from "@/lib/security/csp";

describe("content security policy", () => {
  const production = buildContentSecurityPolicy("abc123", { isDev: false, isHttps: true });

  it("allows scripts only with the request's nonce", () => {
    expect(production).toContain("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(production).not.toContain("unsafe-eval");
  });

  it("forbids framing and plugins", () => {
    expect(production).toContain("frame-ancestors 'none'");
    expect(production).toContain("object-src 'none'");
  });

  it("upgrades insecure requests only behind https", () => {
    expect(production).toContain("upgrade-insecure-requests");
    expect(buildContentSecurityPolicy("n", { isDev: false, isHttps: false })).not.toContain("upgrade-insecure-requests");
  });

  it("makes a new nonce each time", () => {
    expect(createNonce()).not.toBe(createNonce());
  });
});
