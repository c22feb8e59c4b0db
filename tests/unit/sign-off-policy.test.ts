import { describe, expect, it } from "vitest";
import { canFillSeat, DEFAULT_SIGN_OFF_POLICY, describeSeatFillers, seatKey, signOffState, type TSeat, type TSeatSignature, type TSignOffPolicy } from "@/lib/domain/sign-off/sign-off-policy";
import { readSignOffPolicy } from "@/lib/domain/sign-off/sign-off-policy-schema";

const seat = (over: Partial<TSeat>): TSeat => ({ key: "s", name: "S", roles: [], teams: [], users: [], required: 1, releaseOnly: false, ...over });
const POLICY: TSignOffPolicy = {
  seats: [seat({ key: "eng", name: "Engineering", teams: ["Eng"], required: 2 }), seat({ key: "sec", name: "Security", users: ["sam@example.com"] })],
  allowMultipleSeats: false,
  allowSelfApproval: true,
};
const sig = (seatKey: string, userId: string, decision: "GO" | "NO_GO" = "GO", selfApproved = false): TSeatSignature => ({ seatKey, userId, decision, selfApproved });

describe("sign-off policy", () => {
  it("fills a seat by role, team (any case) or named email", () => {
    expect(canFillSeat(seat({ roles: ["RELEASE_MANAGER"] }), { email: "a@x", role: "RELEASE_MANAGER", teams: [] })).toBe(true);
    expect(canFillSeat(seat({ teams: ["Eng"] }), { email: "a@x", role: "MEMBER", teams: ["eng"] })).toBe(true);
    expect(canFillSeat(seat({ users: ["sam@example.com"] }), { email: "Sam@Example.com", role: "VIEWER", teams: [] })).toBe(true);
    expect(canFillSeat(seat({ roles: ["ADMIN"], teams: ["Ops"] }), { email: "a@x", role: "MEMBER", teams: ["Eng"] })).toBe(false);
  });

  it("says who may fill a seat in words", () => {
    expect(describeSeatFillers(DEFAULT_SIGN_OFF_POLICY.seats[0]!)).toBe("a release manager or admin");
    const manager = DEFAULT_SIGN_OFF_POLICY.seats[0]!;
    expect(describeSeatFillers({ ...manager, roles: ["ADMIN"] })).toBe("an admin");
    expect(describeSeatFillers({ ...manager, roles: ["MEMBER", "ADMIN", "RELEASE_MANAGER"], teams: ["SRE"] })).toBe("any member or team SRE");
    expect(describeSeatFillers(seat({ roles: ["MEMBER"], teams: ["Eng"], users: ["sam@example.com"] }))).toBe("a member, team Eng or sam@example.com");
  });

  it("is signed off when every seat has its GO signatures, no NO-GO, and the verdict is not NO-GO", () => {
    const all = [sig("eng", "a"), sig("eng", "b"), sig("sec", "c")];
    expect(signOffState(POLICY, all, "GO").isSignedOff).toBe(true);
    expect(signOffState(POLICY, all, "NO_GO").isSignedOff).toBe(false);
    expect(signOffState(POLICY, all.slice(1), "GO").seats.map((s) => s.missing)).toEqual([1, 0]);
    const held = signOffState(POLICY, [...all, sig("sec", "d", "NO_GO")], "GO");
    expect(held).toMatchObject({ isSignedOff: false, isHeld: true });
  });

  it("with self-approval off, a seat filled only by self-approvals still misses one signature", () => {
    const policy = { ...POLICY, allowSelfApproval: false };
    const selfOnly = [sig("eng", "a", "GO", true), sig("eng", "b", "GO", true), sig("sec", "c")];
    expect(signOffState(policy, selfOnly, "GO").seats[0]).toMatchObject({ isFilled: false, missing: 1 });
    expect(signOffState(policy, [...selfOnly, sig("eng", "e")], "GO").isSignedOff).toBe(true);
    expect(signOffState(POLICY, selfOnly, "GO").isSignedOff).toBe(true);
  });

  it("reads a stored policy, falling back to the default seat when it is unreadable", () => {
    expect(readSignOffPolicy(POLICY)).toEqual(POLICY);
    expect(readSignOffPolicy(null)).toEqual(DEFAULT_SIGN_OFF_POLICY);
    expect(readSignOffPolicy({ seats: [] })).toEqual(DEFAULT_SIGN_OFF_POLICY);
    expect(readSignOffPolicy({ seats: [seat({ key: "x", name: "X" })] })).toEqual(DEFAULT_SIGN_OFF_POLICY);
    expect(seatKey("Security review (EU)")).toBe("security-review-eu");
    // Names without Latin letters get distinct, stable keys.
    expect(seatKey("Безопасность")).toMatch(/^seat-[0-9a-f]{8}$/);
    expect(seatKey("Безопасность")).toBe(seatKey("Безопасность"));
    expect(seatKey("Безопасность")).not.toBe(seatKey("Эксплуатация"));
  });
});
