import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { signWebhook, verifyWebhookSignature, webhookBody, type TWebhookOccurrence } from "@/lib/domain/webhooks/webhook-events";

// The signature a receiver checks, and the bodies it receives.
describe("webhook signatures and bodies", () => {
  const body = '{"id":"d1","event":"item.blocked"}';

  it("signs t.body with HMAC-SHA256 of the secret, as a receiver recomputes it", () => {
    const expected = createHmac("sha256", "s3cret").update(`1700000000.${body}`).digest("hex");
    expect(signWebhook("s3cret", body, 1_700_000_000)).toBe(`t=1700000000,v1=${expected}`);
  });

  it("verifies a fresh signature and refuses another secret, a changed body, an old timestamp or garbage", () => {
    const header = signWebhook("s3cret", body, 1_700_000_000);
    expect(verifyWebhookSignature("s3cret", body, header, 1_700_000_100)).toBe(true);
    expect(verifyWebhookSignature("other", body, header, 1_700_000_100)).toBe(false);
    expect(verifyWebhookSignature("s3cret", `${body} `, header, 1_700_000_100)).toBe(false);
    expect(verifyWebhookSignature("s3cret", body, header, 1_700_001_000)).toBe(false);
    expect(verifyWebhookSignature("s3cret", body, "t=x,v1=zz", 1_700_000_100)).toBe(false);
  });

  it("writes the event as JSON with its idempotency id, or as a Slack message", () => {
    const occurrence: TWebhookOccurrence = {
      event: "verdict.changed",
      release: { id: "r1", name: "Checkout 2.4.0", service: "checkout", version: "2.4.0", environment: "production" },
      summary: "The verdict went from GO to NO-GO.",
      data: { from: "GO", to: "NO_GO" },
    };
    expect(JSON.parse(webhookBody("json", "d1", occurrence, "2026-11-24T00:00:00.000Z", "https://p.example/releases/r1"))).toEqual({
      id: "d1",
      event: "verdict.changed",
      createdAt: "2026-11-24T00:00:00.000Z",
      summary: "The verdict went from GO to NO-GO.",
      release: occurrence.release,
      data: { from: "GO", to: "NO_GO" },
      url: "https://p.example/releases/r1",
    });
    expect(JSON.parse(webhookBody("slack", "d1", occurrence, "2026-11-24T00:00:00.000Z", null))).toEqual({
      text: "*Checkout 2.4.0* (checkout 2.4.0 → production): The verdict went from GO to NO-GO.",
    });
  });
});
