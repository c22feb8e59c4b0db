import { describe, expect, it } from "vitest";
import { AUDIT_ACTIONS } from "@/lib/domain/audit/audit-events";
import type { TReleaseStatus } from "@/lib/domain/checklist/types";
import { DEFAULT_SIGN_OFF_POLICY, signOffState } from "@/lib/domain/sign-off/sign-off-policy";
import { releaseStatusAfter as statusAfter, voidsSignOffs } from "@/lib/domain/sign-off/sign-off-rules";

type TSignOffStanding = { decision: "GO" | "NO_GO"; isValid: boolean };

/** The release's status from its sign-offs on today's single seat (each by another person), with a GO verdict. */
function releaseStatusAfter(current: TReleaseStatus, signOffs: TSignOffStanding[]): TReleaseStatus {
  const valid = signOffs
    .filter((s) => s.isValid)
    .map((s, i) => ({ seatKey: "release-manager", userId: `u${i}`, decision: s.decision, selfApproved: false }));
  return statusAfter(current, { isSignedOff: signOffState(DEFAULT_SIGN_OFF_POLICY, valid, "GO").isSignedOff, hasSignOffs: signOffs.length > 0 });
}

const GO: TSignOffStanding = { decision: "GO", isValid: true };
const NO_GO: TSignOffStanding = { decision: "NO_GO", isValid: true };
const VOID_GO: TSignOffStanding = { decision: "GO", isValid: false };
const VOID_NO_GO: TSignOffStanding = { decision: "NO_GO", isValid: false };

describe("releaseStatusAfter", () => {
  it.each<[string, TReleaseStatus, TSignOffStanding[], TReleaseStatus]>([
    // Shipped and cancelled releases keep their status whatever the sign-offs say.
    ["shipped, valid GO", "SHIPPED", [GO], "SHIPPED"],
    ["shipped, only a void GO", "SHIPPED", [VOID_GO], "SHIPPED"],
    ["shipped, no sign-offs", "SHIPPED", [], "SHIPPED"],
    ["cancelled, valid GO", "CANCELLED", [GO], "CANCELLED"],
    ["cancelled, valid NO-GO", "CANCELLED", [NO_GO], "CANCELLED"],
    // A valid GO and no valid NO-GO: signed off, from wherever it was.
    ["draft, valid GO only", "DRAFT", [GO], "SIGNED_OFF"],
    ["in review, valid GO only", "IN_REVIEW", [GO], "SIGNED_OFF"],
    ["signed off, valid GO only", "SIGNED_OFF", [GO], "SIGNED_OFF"],
    ["in review, valid GO beside void ones", "IN_REVIEW", [VOID_GO, VOID_NO_GO, GO], "SIGNED_OFF"],
    ["in review, two valid GOs", "IN_REVIEW", [GO, GO], "SIGNED_OFF"],
    // A valid NO-GO beside a valid GO: not signed off.
    ["signed off, valid GO + valid NO-GO", "SIGNED_OFF", [GO, NO_GO], "IN_REVIEW"],
    ["in review, valid GO + valid NO-GO", "IN_REVIEW", [GO, NO_GO], "IN_REVIEW"],
    ["draft, valid NO-GO + valid GO", "DRAFT", [NO_GO, GO], "IN_REVIEW"],
    // Only void GOs left: back in review.
    ["signed off, only a void GO", "SIGNED_OFF", [VOID_GO], "IN_REVIEW"],
    ["signed off, only void GOs", "SIGNED_OFF", [VOID_GO, VOID_GO], "IN_REVIEW"],
    ["signed off, no sign-offs at all", "SIGNED_OFF", [], "IN_REVIEW"],
    ["in review, only a valid NO-GO", "IN_REVIEW", [NO_GO], "IN_REVIEW"],
    ["draft, a valid NO-GO", "DRAFT", [NO_GO], "IN_REVIEW"],
    // A draft nobody signed stays a draft.
    ["draft, no sign-offs", "DRAFT", [], "DRAFT"],
    ["in review, no sign-offs", "IN_REVIEW", [], "IN_REVIEW"],
  ])("%s → %s", (_name, current, signOffs, expected) => {
    expect(releaseStatusAfter(current, signOffs)).toBe(expected);
  });

  it("is SIGNED_OFF exactly when a valid GO stands and no valid NO-GO does (every combination of up to three sign-offs)", () => {
    const standings = [GO, NO_GO, VOID_GO, VOID_NO_GO];
    const lists: TSignOffStanding[][] = [[]];
    for (let length = 1; length <= 3; length += 1) {
      for (const list of lists.filter((l) => l.length === length - 1)) for (const s of standings) lists.push([...list, s]);
    }
    for (const current of ["DRAFT", "IN_REVIEW", "SIGNED_OFF"] as const) {
      for (const list of lists) {
        const signedOff = list.some((s) => s.isValid && s.decision === "GO") && !list.some((s) => s.isValid && s.decision === "NO_GO");
        expect(releaseStatusAfter(current, list) === "SIGNED_OFF", `${current} ${JSON.stringify(list)}`).toBe(signedOff);
      }
    }
  });
});

describe("voidsSignOffs", () => {
  it.each([
    ["item.status.update", true],
    ["item.details.update", true],
    ["evidence.add", true],
    ["waiver.grant", true],
    ["waiver.revoke", true],
    ["comment.add", false],
    ["release.sign-off", false],
    ["release.create", false],
    ["permission.denied", false],
    ["not.an.action", false],
  ])("%s → %s", (action, expected) => {
    expect(voidsSignOffs(action)).toBe(expected);
  });

  it("voids for the changes a sign-off covers and for no other action", () => {
    expect(AUDIT_ACTIONS.filter(voidsSignOffs).sort()).toEqual([
      "evidence.add",
      "item.add",
      "item.details.update",
      "item.status.update",
      "release.template.move",
      "waiver.grant",
      "waiver.revoke",
    ]);
  });
});
