import { describe, expect, it } from "vitest";
import { metricsAccess } from "@/lib/metrics/metrics-access";
import { apiRoutePattern } from "@/lib/api/run-api";

describe("/metrics access", () => {
  it("is off in production without a token, open elsewhere, and asks for the token when one is set", () => {
    expect(metricsAccess({ token: undefined, isProduction: true }, "Bearer anything")).toBe("off");
    expect(metricsAccess({ token: undefined, isProduction: false }, null)).toBe("allowed");
    const token = "a-metrics-token-of-length";
    expect(metricsAccess({ token, isProduction: true }, `Bearer ${token}`)).toBe("allowed");
    expect(metricsAccess({ token, isProduction: true }, `bearer ${token}`)).toBe("allowed");
    expect(metricsAccess({ token, isProduction: true }, "Bearer a-metrics-token-of-lengtH")).toBe("unauthorized");
    expect(metricsAccess({ token, isProduction: false }, null)).toBe("unauthorized");
  });

  it("labels API requests by route, not by id", () => {
    expect(apiRoutePattern("/api/v1/releases")).toBe("/api/v1/releases");
    expect(apiRoutePattern("/api/v1/releases/3f1c/items/runbook-written/evidence")).toBe("/api/v1/releases/{releaseId}/items/{key}/evidence");
    expect(apiRoutePattern("/api/v1/releases/3f1c/verdict")).toBe("/api/v1/releases/{releaseId}/verdict");
  });
});
