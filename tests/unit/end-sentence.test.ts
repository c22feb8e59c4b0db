import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ITEM_KINDS, ITEM_STATUSES } from "@/lib/domain/checklist/types";
import { endSentence } from "@/lib/domain/text/end-sentence";
import { evaluateItem } from "@/lib/domain/verdict/evaluate-item";
import type { TVerdictItem } from "@/lib/domain/verdict/types";

const ENDED = /[.!?…][”’"')\]]*$/u;
// A full stop added after a sentence that had already ended: `.”.`, `?).`, `..`.
const DOUBLED = /[.!?…][”’"')\]]*\.$/u;

describe("endSentence", () => {
  it.each([
    ["Run the script", "Run the script."],
    ["Run the script.", "Run the script."],
    ["Ready?", "Ready?"],
    ["Ship it!", "Ship it!"],
    ["And then…", "And then…"],
    ["Blocked: “Run the script.”", "Blocked: “Run the script.”"],
    ["Blocked: “Run the script”", "Blocked: “Run the script”."],
    ["It said ‘go.’", "It said ‘go.’"],
    ['He said "stop."', 'He said "stop."'],
    ["(See the runbook.)", "(See the runbook.)"],
    ["[Done.]", "[Done.]"],
    ["Trailing space ", "Trailing space."],
    ["", "."],
  ])("%j → %j", (text, sentence) => {
    expect(endSentence(text)).toBe(sentence);
  });

  // Texts of any characters, often ending in punctuation, quotes, brackets or spaces.
  const arbText = fc
    .tuple(fc.string({ maxLength: 12 }), fc.array(fc.constantFrom(".", "!", "?", "…", "”", "’", '"', "'", ")", "]", " ", "x"), { maxLength: 4 }))
    .map(([head, tail]) => head + tail.join(""));

  it("always ends a sentence, never adds a second full stop, and leaves an ended sentence alone", () => {
    fc.assert(
      fc.property(arbText, (text) => {
        const sentence = endSentence(text);
        expect(sentence).toMatch(ENDED);
        if (ENDED.test(text.trimEnd())) expect(sentence).toBe(text.trimEnd());
        else expect(sentence).toBe(`${text.trimEnd()}.`);
        expect(endSentence(sentence)).toBe(sentence);
      }),
    );
  });

  it("gives reasons that end in one piece of terminal punctuation, whatever the item's text", () => {
    const now = new Date("2026-11-22T12:00:00Z");
    const arbItem: fc.Arbitrary<TVerdictItem> = fc.record({
      key: fc.constant("item"),
      text: arbText,
      kind: fc.constantFrom(...ITEM_KINDS),
      severity: fc.constant("BLOCKING" as const),
      status: fc.constantFrom(...ITEM_STATUSES),
      evidenceRequired: fc.boolean(),
      evidenceMaxAgeDays: fc.option(fc.integer({ min: 1, max: 90 }), { nil: null }),
      requiredLevel: fc.constant(null),
      naReason: fc.constantFrom(null, "No Redis here"),
      evidence: fc.array(fc.record({ addedAt: fc.constant(new Date("2026-01-01T00:00:00Z")), expiresAt: fc.constant(null) }), { maxLength: 1 }),
      waivers: fc.array(fc.record({ expiresAt: fc.constant(null), revokedAt: fc.constant(new Date("2026-01-01T00:00:00Z")) }), { maxLength: 1 }),
    });
    fc.assert(
      fc.property(arbItem, (item) => {
        const outcome = evaluateItem(item, now);
        fc.pre(outcome.state === "blocked" || outcome.state === "not_done");
        if (outcome.state !== "blocked" && outcome.state !== "not_done") return;
        const { message } = outcome.reason;
        expect(message).toMatch(ENDED);
        expect(message).not.toMatch(DOUBLED);
        expect(message.endsWith(".”.")).toBe(false);
      }),
    );
  });

  it("does not double the full stop after an item text that ends in one", () => {
    const item: TVerdictItem = {
      key: "run",
      text: "Run the script.",
      kind: "CHECK",
      severity: "BLOCKING",
      status: "OPEN",
      evidenceRequired: false,
      evidenceMaxAgeDays: null,
      requiredLevel: null,
      naReason: null,
      evidence: [],
      waivers: [],
    };
    const messageOf = (overrides: Partial<TVerdictItem>) => {
      const outcome = evaluateItem({ ...item, ...overrides }, new Date());
      return outcome.state === "blocked" || outcome.state === "not_done" ? outcome.reason.message : null;
    };
    expect(messageOf({})).toBe("Not done yet: “Run the script.”");
    expect(messageOf({ status: "BLOCKED", kind: "NO_GO_CONDITION", text: "Sev-1 open!" })).toBe("No-go condition holds: “Sev-1 open!”");
    expect(messageOf({ status: "BLOCKED", text: "Backups are restorable" })).toBe("Blocked: “Backups are restorable”.");
    expect(messageOf({ status: "DONE", evidenceRequired: true })).toBe("“Run the script.” is marked done but has no evidence; attach evidence.");
  });
});
