import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { evaluateItem } from "@/lib/domain/verdict/evaluate-item";
import { evidenceExpiry } from "@/lib/domain/verdict/evidence-expiry";
import type { TVerdictItem } from "@/lib/domain/verdict/types";

const now = new Date("2026-11-22T12:00:00Z");
const DAY = 86_400_000;
const at = (iso: string) => new Date(iso);
const evidence = (addedAt: string, expiresAt: string | null = null) => ({ addedAt: at(addedAt), expiresAt: expiresAt ? at(expiresAt) : null });

describe("evidenceExpiry", () => {
  it.each<[string, number | null, TVerdictItem["evidence"], string | null]>([
    ["no evidence", 30, [], null],
    ["evidence that never expires (no max age, no expiry)", null, [evidence("2026-01-01T00:00:00Z")], null],
    ["one piece that never expires beside one that does", null, [evidence("2026-11-01T00:00:00Z", "2026-11-25T23:59:59Z"), evidence("2026-11-01T00:00:00Z")], null],
    ["its own expiry in 3 days", null, [evidence("2026-11-20T09:00:00Z", "2026-11-25T23:59:59Z")], "Evidence expires in 3 days"],
    ["its own expiry tomorrow", null, [evidence("2026-11-20T09:00:00Z", "2026-11-23T23:59:59Z")], "Evidence expires in 1 day"],
    ["its own expiry at the end of today", null, [evidence("2026-11-20T09:00:00Z", "2026-11-22T23:59:59Z")], "Evidence expires today"],
    ["its own expiry earlier today", null, [evidence("2026-11-20T09:00:00Z", "2026-11-22T08:00:00Z")], "Evidence expired today"],
    ["its own expiry yesterday", null, [evidence("2026-11-20T09:00:00Z", "2026-11-21T23:59:59Z")], "Evidence expired 1 day ago"],
    ["the max age reached in 10 days", 30, [evidence("2026-11-02T12:00:00Z")], "Evidence expires in 10 days"],
    ["the max age passed 5 days ago", 30, [evidence("2026-10-18T12:00:00Z")], "Evidence expired 5 days ago"],
    ["the earlier of its own expiry and the max age", 30, [evidence("2026-11-20T12:00:00Z", "2026-11-24T23:59:59Z")], "Evidence expires in 2 days"],
    ["the max age before its own expiry", 30, [evidence("2026-10-25T12:00:00Z", "2027-01-01T00:00:00Z")], "Evidence expires in 2 days"],
    ["the latest of several pieces", 30, [evidence("2026-10-01T12:00:00Z"), evidence("2026-11-12T12:00:00Z"), evidence("2026-11-01T12:00:00Z")], "Evidence expires in 20 days"],
    ["several pieces, all expired", null, [evidence("2026-10-01T12:00:00Z", "2026-11-01T00:00:00Z"), evidence("2026-10-01T12:00:00Z", "2026-11-12T00:00:00Z")], "Evidence expired 10 days ago"],
  ])("%s", (_label, evidenceMaxAgeDays, list, text) => {
    expect(evidenceExpiry({ evidenceMaxAgeDays, evidence: list }, now)?.text ?? null).toBe(text);
  });

  it("counts calendar days (UTC), not 24-hour spans", () => {
    const late = new Date("2026-11-22T23:30:00Z");
    expect(evidenceExpiry({ evidenceMaxAgeDays: null, evidence: [evidence("2026-11-20T00:00:00Z", "2026-11-23T00:30:00Z")] }, late)).toMatchObject({
      days: 1,
      isExpired: false,
      text: "Evidence expires in 1 day",
    });
  });

  it("says expired exactly when the verdict finds no valid evidence", () => {
    const arbDate = fc.integer({ min: -90 * 24, max: 90 * 24 }).map((hours) => new Date(now.getTime() + hours * 3_600_000));
    fc.assert(
      fc.property(
        fc.option(fc.integer({ min: 1, max: 60 }), { nil: null }),
        fc.array(fc.record({ addedAt: arbDate, expiresAt: fc.option(arbDate, { nil: null }) }), { minLength: 1, maxLength: 3 }),
        (evidenceMaxAgeDays, list) => {
          const expiry = evidenceExpiry({ evidenceMaxAgeDays, evidence: list }, now);
          const item: TVerdictItem = {
            key: "k", text: "Pen test", kind: "CHECK", severity: "BLOCKING", status: "DONE", evidenceRequired: true,
            evidenceMaxAgeDays, requiredLevel: null, naReason: null, evidence: list, waivers: [],
          };
          const isValid = evaluateItem(item, now).state === "satisfied";
          if (expiry === null) {
            expect(isValid).toBe(true); // something never expires
          } else {
            expect(expiry.isExpired).toBe(!isValid);
            expect(expiry.isExpired ? expiry.days <= 0 : expiry.days >= 0).toBe(true);
            expect(Math.abs(expiry.at.getTime() - now.getTime())).toBeLessThanOrEqual(Math.abs(expiry.days) * DAY + DAY);
          }
        },
      ),
    );
  });
});
