import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ITEM_KINDS, ITEM_STATUSES, SEVERITIES } from "@/lib/domain/checklist/types";
import { computeVerdict } from "@/lib/domain/verdict/compute-verdict";
import type { TVerdictInput, TVerdictItem } from "@/lib/domain/verdict/types";

const now = new Date("2026-11-22T12:00:00Z");
const daysAgo = (n: number) => new Date(now.getTime() - n * 86_400_000);

function item(overrides: Partial<TVerdictItem> = {}): TVerdictItem {
  return {
    key: overrides.key ?? "item",
    text: "Backups are restorable",
    kind: "CHECK",
    severity: "BLOCKING",
    status: "DONE",
    evidenceRequired: false,
    evidenceMaxAgeDays: null,
    requiredLevel: null,
    naReason: null,
    evidence: [],
    waivers: [],
    ...overrides,
  };
}

const verdictOf = (items: TVerdictItem[], extra: Partial<TVerdictInput> = {}) =>
  computeVerdict({ items, levels: [], targetLevel: null, now, ...extra });

describe("verdict: table of cases", () => {
  it.each([
    ["everything done", [item()], "GO", []],
    ["an open blocking check", [item({ status: "OPEN" })], "NO_GO", ["NOT_DONE"]],
    ["a check in progress", [item({ status: "IN_PROGRESS" })], "NO_GO", ["IN_PROGRESS"]],
    ["a blocked check", [item({ status: "BLOCKED" })], "NO_GO", ["BLOCKED"]],
    ["a no-go condition that holds", [item({ kind: "NO_GO_CONDITION", status: "BLOCKED" })], "NO_GO", ["NO_GO_CONDITION_HOLDS"]],
    ["a no-go condition not yet confirmed", [item({ kind: "NO_GO_CONDITION", status: "OPEN" })], "NO_GO", ["NOT_CONFIRMED"]],
    ["a no-go condition confirmed absent", [item({ kind: "NO_GO_CONDITION", status: "DONE" })], "GO", []],
    ["a waived no-go condition", [item({ kind: "NO_GO_CONDITION", status: "WAIVED", waivers: [{ expiresAt: null, revokedAt: null }] })], "NO_GO", ["NO_GO_CANNOT_BE_WAIVED"]],
    ["an open go criterion, even if marked advisory", [item({ kind: "GO_CRITERION", severity: "ADVISORY", status: "OPEN" })], "NO_GO", ["NOT_DONE"]],
    ["an active waiver", [item({ status: "WAIVED", waivers: [{ expiresAt: daysAgo(-3), revokedAt: null }] })], "GO_WITH_EXCEPTIONS", []],
    ["an expired waiver", [item({ status: "WAIVED", waivers: [{ expiresAt: daysAgo(1), revokedAt: null }] })], "NO_GO", ["WAIVER_INVALID"]],
    ["a revoked waiver", [item({ status: "WAIVED", waivers: [{ expiresAt: null, revokedAt: daysAgo(1) }] })], "NO_GO", ["WAIVER_INVALID"]],
    ["N/A with a reason", [item({ status: "NOT_APPLICABLE", naReason: "No Redis in this service" })], "GO_WITH_EXCEPTIONS", []],
    ["N/A without a reason", [item({ status: "NOT_APPLICABLE", naReason: " " })], "NO_GO", ["NA_REASON_MISSING"]],
    ["done, evidence required, none given", [item({ evidenceRequired: true })], "NO_GO", ["EVIDENCE_MISSING"]],
    ["done with fresh evidence", [item({ evidenceRequired: true, evidenceMaxAgeDays: 30, evidence: [{ addedAt: daysAgo(2), expiresAt: null }] })], "GO", []],
    ["done with evidence past its max age", [item({ evidenceRequired: true, evidenceMaxAgeDays: 30, evidence: [{ addedAt: daysAgo(31), expiresAt: null }] })], "NO_GO", ["EVIDENCE_STALE"]],
    ["done with expired evidence", [item({ evidenceRequired: true, evidence: [{ addedAt: daysAgo(2), expiresAt: daysAgo(1) }] })], "NO_GO", ["EVIDENCE_STALE"]],
    ["done with evidence that expires later", [item({ evidenceRequired: true, evidence: [{ addedAt: daysAgo(2), expiresAt: daysAgo(-5) }] })], "GO", []],
    ["done with evidence expiring this very moment", [item({ evidenceRequired: true, evidence: [{ addedAt: daysAgo(2), expiresAt: now }] })], "NO_GO", ["EVIDENCE_STALE"]],
    [
      "done with fresh evidence that has expired all the same",
      [item({ evidenceRequired: true, evidenceMaxAgeDays: 30, evidence: [{ addedAt: daysAgo(2), expiresAt: daysAgo(1) }] })],
      "NO_GO",
      ["EVIDENCE_STALE"],
    ],
    [
      "done with unexpired evidence past its max age",
      [item({ evidenceRequired: true, evidenceMaxAgeDays: 30, evidence: [{ addedAt: daysAgo(31), expiresAt: daysAgo(-30) }] })],
      "NO_GO",
      ["EVIDENCE_STALE"],
    ],
    [
      "done with one expired and one valid piece of evidence",
      [item({ evidenceRequired: true, evidence: [{ addedAt: daysAgo(40), expiresAt: daysAgo(1) }, { addedAt: daysAgo(1), expiresAt: daysAgo(-60) }] })],
      "GO",
      [],
    ],
    ["expired evidence on an item that needs none", [item({ evidence: [{ addedAt: daysAgo(2), expiresAt: daysAgo(1) }] })], "GO", []],
    ["a waiver whose expiry is now", [item({ status: "WAIVED", waivers: [{ expiresAt: now, revokedAt: null }] })], "NO_GO", ["WAIVER_INVALID"]],
    [
      "a revoked waiver beside an active one",
      [item({ status: "WAIVED", waivers: [{ expiresAt: daysAgo(-3), revokedAt: daysAgo(1) }, { expiresAt: daysAgo(-3), revokedAt: null }] })],
      "GO_WITH_EXCEPTIONS",
      [],
    ],
    ["an open advisory check", [item(), item({ key: "b", severity: "ADVISORY", status: "OPEN" })], "GO", []],
    ["no items at all", [], "NO_GO", ["EMPTY_CHECKLIST"]],
  ] as const)("%s → %s", (_label, items, verdict, codes) => {
    const result = verdictOf([...items]);
    expect(result.verdict).toBe(verdict);
    expect(result.reasons.map((r) => r.code)).toEqual(codes);
  });

  it("lists blocked items before unfinished ones and tells them apart", () => {
    const result = verdictOf([item({ key: "a", status: "OPEN" }), item({ key: "b", status: "BLOCKED" })]);
    expect(result.reasons.map((r) => [r.itemKey, r.category])).toEqual([
      ["b", "blocked"],
      ["a", "not_done"],
    ]);
    expect(result.reasons[0]?.message).toBe("Blocked: “Backups are restorable”.");
  });

  it("lists no-go conditions that hold first, then other blocked items, then unfinished ones, each in input order", () => {
    const result = verdictOf([
      item({ key: "open-1", status: "OPEN" }),
      item({ key: "blocked-1", status: "BLOCKED" }),
      item({ key: "holds-1", kind: "NO_GO_CONDITION", status: "BLOCKED" }),
      item({ key: "open-2", status: "IN_PROGRESS" }),
      item({ key: "blocked-2", status: "BLOCKED" }),
      item({ key: "holds-2", kind: "NO_GO_CONDITION", status: "BLOCKED" }),
      item({ key: "unconfirmed", kind: "NO_GO_CONDITION", status: "OPEN" }),
    ]);
    expect(result.reasons.map((r) => [r.itemKey, r.code])).toEqual([
      ["holds-1", "NO_GO_CONDITION_HOLDS"],
      ["holds-2", "NO_GO_CONDITION_HOLDS"],
      ["blocked-1", "BLOCKED"],
      ["blocked-2", "BLOCKED"],
      ["open-1", "NOT_DONE"],
      ["open-2", "IN_PROGRESS"],
      ["unconfirmed", "NOT_CONFIRMED"],
    ]);
    expect(result.counts).toMatchObject({ blocked: 4, notDone: 3 });
  });

  it("reports advisory items without letting them block", () => {
    const result = verdictOf([item({ key: "adv", severity: "ADVISORY", status: "BLOCKED" })]);
    expect(result.verdict).toBe("GO");
    expect(result.advisories.map((r) => r.itemKey)).toEqual(["adv"]);
  });

  it("treats items above the release's target level as advisory", () => {
    const levels = ["Level C", "Level B", "Level A"];
    const items = [item({ key: "c" }), item({ key: "a", requiredLevel: "Level A", status: "OPEN" })];
    expect(verdictOf(items, { levels, targetLevel: "Level B" }).verdict).toBe("GO");
    expect(verdictOf(items, { levels, targetLevel: "Level A" }).verdict).toBe("NO_GO");
  });

  it("counts and measures progress over blocking items", () => {
    const result = verdictOf([
      item({ key: "a" }),
      item({ key: "b", status: "OPEN" }),
      item({ key: "c", status: "NOT_APPLICABLE", naReason: "no" }),
      item({ key: "d", status: "OPEN", severity: "ADVISORY" }),
    ]);
    expect(result.counts).toMatchObject({ total: 4, blocking: 3, advisory: 1, satisfied: 1, exceptions: 1, notDone: 1 });
    expect(result.counts.byStatus).toMatchObject({ DONE: 1, OPEN: 2, NOT_APPLICABLE: 1 });
    expect(result.progress).toEqual({ satisfied: 2, total: 3, percent: 66 });
  });
});

const arbDate = fc.integer({ min: -60, max: 60 }).map((n) => daysAgo(n));
const arbItem: fc.Arbitrary<TVerdictItem> = fc.record({
  key: fc.uuid(),
  text: fc.string({ minLength: 1, maxLength: 20 }),
  kind: fc.constantFrom(...ITEM_KINDS),
  severity: fc.constantFrom(...SEVERITIES),
  status: fc.constantFrom(...ITEM_STATUSES),
  evidenceRequired: fc.boolean(),
  evidenceMaxAgeDays: fc.option(fc.integer({ min: 1, max: 90 }), { nil: null }),
  requiredLevel: fc.constantFrom(null, "Level C", "Level B", "Level A"),
  naReason: fc.option(fc.string({ maxLength: 10 }), { nil: null }),
  evidence: fc.array(fc.record({ addedAt: arbDate, expiresAt: fc.option(arbDate, { nil: null }) }), { maxLength: 2 }),
  waivers: fc.array(fc.record({ expiresAt: fc.option(arbDate, { nil: null }), revokedAt: fc.option(arbDate, { nil: null }) }), {
    maxLength: 2,
  }),
});
const arbInput = fc.record({
  items: fc.array(arbItem, { minLength: 1, maxLength: 12 }),
  targetLevel: fc.constantFrom(null, "Level C", "Level B", "Level A"),
});
const levels = ["Level C", "Level B", "Level A"];

describe("verdict: properties", () => {
  it("marking any blocking item BLOCKED never gives GO", () => {
    fc.assert(
      fc.property(arbInput, fc.nat(), ({ items, targetLevel }, pick) => {
        const blockingIndexes = items.flatMap((it, i) =>
          computeVerdict({ items: [it], levels, targetLevel, now }).counts.blocking === 1 ? [i] : [],
        );
        fc.pre(blockingIndexes.length > 0);
        const index = blockingIndexes[pick % blockingIndexes.length]!;
        const changed = items.map((it, i) => (i === index ? { ...it, status: "BLOCKED" as const } : it));
        expect(computeVerdict({ items: changed, levels, targetLevel, now }).verdict).toBe("NO_GO");
      }),
    );
  });

  it("waiving cannot turn a holding no-go condition into GO", () => {
    fc.assert(
      fc.property(arbInput, ({ items, targetLevel }) => {
        const holding = { ...items[0]!, kind: "NO_GO_CONDITION" as const, status: "BLOCKED" as const, requiredLevel: null };
        const waiveAll = [holding, ...items.slice(1)].map((it) => ({
          ...it,
          status: it === holding ? ("WAIVED" as const) : it.status,
          waivers: [{ expiresAt: null, revokedAt: null }],
        }));
        for (const candidate of [[holding, ...items.slice(1)], waiveAll]) {
          expect(computeVerdict({ items: candidate, levels, targetLevel, now }).verdict).not.toBe("GO");
        }
      }),
    );
  });

  it("orders reasons by group (holds, blocked, not done), and by input order within a group", () => {
    const group = (code: string, category: string) => (code === "NO_GO_CONDITION_HOLDS" ? 0 : category === "blocked" ? 1 : 2);
    fc.assert(
      fc.property(arbInput, ({ items, targetLevel }) => {
        const keyed = items.map((it, i) => ({ ...it, key: `item-${i}` }));
        const ranks = computeVerdict({ items: keyed, levels, targetLevel, now }).reasons.map((r) => [
          group(r.code, r.category),
          keyed.findIndex((it) => it.key === r.itemKey),
        ]);
        const sorted = [...ranks].sort((a, b) => a[0]! - b[0]! || a[1]! - b[1]!);
        expect(ranks).toEqual(sorted);
      }),
    );
  });

  it("GO means no reasons; NO_GO always says why", () => {
    fc.assert(
      fc.property(arbInput, ({ items, targetLevel }) => {
        const result = computeVerdict({ items, levels, targetLevel, now });
        expect(result.verdict === "NO_GO").toBe(result.reasons.length > 0);
        expect(result.reasons.every((r) => r.message.length > 0)).toBe(true);
        expect(result.progress.percent).toBeGreaterThanOrEqual(0);
        expect(result.progress.percent).toBeLessThanOrEqual(100);
      }),
    );
  });
});

describe("verdict: evidence and waivers over time", () => {
  const rank = { GO: 2, GO_WITH_EXCEPTIONS: 1, NO_GO: 0 } as const;

  it("never improves as time passes: evidence and waivers only expire", () => {
    fc.assert(
      fc.property(arbInput, fc.integer({ min: 0, max: 120 }), ({ items, targetLevel }, days) => {
        const earlier = computeVerdict({ items, levels, targetLevel, now }).verdict;
        const later = computeVerdict({ items, levels, targetLevel, now: new Date(now.getTime() + days * 86_400_000) }).verdict;
        expect(rank[later]).toBeLessThanOrEqual(rank[earlier]);
      }),
    );
  });

  it("evidence with its own expiry counts until then and not after", () => {
    const expiring = item({ evidenceRequired: true, evidence: [{ addedAt: daysAgo(1), expiresAt: daysAgo(-10) }] });
    expect(verdictOf([expiring], { now: daysAgo(-9) }).verdict).toBe("GO");
    expect(verdictOf([expiring], { now: daysAgo(-10) }).reasons.map((r) => r.code)).toEqual(["EVIDENCE_STALE"]);
    expect(verdictOf([expiring], { now: daysAgo(-10) }).reasons[0]?.message).toBe("The evidence for “Backups are restorable” has expired; attach fresh evidence.");
  });
});
