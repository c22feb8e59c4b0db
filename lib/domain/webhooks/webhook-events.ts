import { createHmac, timingSafeEqual } from "node:crypto";

// What webhooks say and how they are signed (docs/decisions/0010-webhooks.md). Pure: the
// data layer decides when an event happens, the worker sends what this builds.

export const WEBHOOK_EVENTS = ["verdict.changed", "signoff.requested", "signoff.recorded", "signoff.voided", "release.shipped", "item.blocked"] as const;
export type TWebhookEvent = (typeof WEBHOOK_EVENTS)[number];

export const WEBHOOK_EVENT_LABELS: Record<TWebhookEvent, string> = {
  "verdict.changed": "The verdict changed",
  "signoff.recorded": "A sign-off was recorded",
  "signoff.requested": "A release manager asked for sign-off",
  "signoff.voided": "Sign-offs were voided by a change",
  "release.shipped": "A release shipped",
  "item.blocked": "An item was blocked",
};

export const WEBHOOK_FORMATS = ["json", "slack"] as const;
export type TWebhookFormat = (typeof WEBHOOK_FORMATS)[number];

export type TWebhookRelease = { id: string; name: string; service: string; version: string; environment: string };

/** An event as the data layer reports it: what happened to which release, in words and as data. */
export type TWebhookOccurrence = { event: TWebhookEvent; release: TWebhookRelease; summary: string; data: Record<string, unknown> };

export const SIGNATURE_HEADER = "Preflight-Signature";
export const DELIVERY_HEADER = "Preflight-Delivery";
export const EVENT_HEADER = "Preflight-Event";

/** `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" with the secret>`. */
export function signWebhook(secret: string, body: string, unixSeconds: number): string {
  const mac = createHmac("sha256", secret).update(`${unixSeconds}.${body}`, "utf8").digest("hex");
  return `t=${unixSeconds},v1=${mac}`;
}

/**
 * What a receiver does with the header: recompute and compare in constant time, and refuse a
 * signature older than `toleranceSeconds` (a replayed delivery).
 */
export function verifyWebhookSignature(secret: string, body: string, header: string, nowSeconds: number, toleranceSeconds = 300): boolean {
  const parts = new Map(header.split(",").map((part) => part.trim().split("=", 2) as [string, string]));
  const t = Number(parts.get("t"));
  const v1 = parts.get("v1") ?? "";
  if (!Number.isInteger(t) || Math.abs(nowSeconds - t) > toleranceSeconds || !/^[0-9a-f]{64}$/.test(v1)) return false;
  const expected = signWebhook(secret, body, t).split("v1=")[1]!;
  return timingSafeEqual(Buffer.from(expected, "hex"), Buffer.from(v1, "hex"));
}

/** The body sent: the event as JSON, or a Slack-compatible message. `id` is the delivery's idempotency id. */
export function webhookBody(format: TWebhookFormat, id: string, occurrence: TWebhookOccurrence, createdAt: string, releaseUrl: string | null): string {
  if (format === "slack") {
    const link = releaseUrl ? ` <${releaseUrl}|Open the release>` : "";
    return JSON.stringify({ text: `*${occurrence.release.name}* (${occurrence.release.service} ${occurrence.release.version} → ${occurrence.release.environment}): ${occurrence.summary}${link}` });
  }
  return JSON.stringify({ id, event: occurrence.event, createdAt, summary: occurrence.summary, release: occurrence.release, data: occurrence.data, ...(releaseUrl ? { url: releaseUrl } : {}) });
}
