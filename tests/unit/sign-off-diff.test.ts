import { describe, expect, it } from "vitest";
import { checklistFromDraft, diffChecklists } from "@/lib/domain/checklist/draft-checklist";
import { DEFAULT_DRAFT_SIGN_OFF, editDraft, newDraftItem, newDraftSeat, newDraftSection, ROOT, type TDraftContent } from "@/lib/domain/checklist/template-draft";
import { describeSeatTerms, diffSignOffPolicies } from "@/lib/domain/sign-off/diff-sign-off";
import { DEFAULT_SIGN_OFF_POLICY, type TSeat, type TSignOffPolicy } from "@/lib/domain/sign-off/sign-off-policy";

// What the template editor's publish review says about sign-off seats (draft-review-panel.tsx).

const seat = (name: string, over: Partial<TSeat> = {}): TSeat => ({
  key: name.toLowerCase().replace(/[^a-z0-9]+/g, "-"),
  name,
  roles: [],
  teams: [],
  users: [],
  required: 1,
  releaseOnly: false,
  ...over,
});
const policy = (seats: TSeat[], over: Partial<TSignOffPolicy> = {}): TSignOffPolicy => ({ seats, allowMultipleSeats: false, allowSelfApproval: true, ...over });
const RELEASE_MANAGER = DEFAULT_SIGN_OFF_POLICY.seats[0]!;

describe("diffSignOffPolicies", () => {
  it("says nothing when the seats and rules are the same, whatever the order of a seat's roles, teams and people", () => {
    expect(diffSignOffPolicies(DEFAULT_SIGN_OFF_POLICY, DEFAULT_SIGN_OFF_POLICY)).toEqual([]);
    expect(diffSignOffPolicies(null, undefined)).toEqual([]);
    expect(diffSignOffPolicies(null, policy([{ ...RELEASE_MANAGER, roles: ["ADMIN", "RELEASE_MANAGER"] }]))).toEqual([]);
    const before = policy([seat("Engineering", { teams: ["Checkout", "SRE"], users: ["a@example.com", "b@example.com"] })]);
    const after = policy([seat("Engineering", { teams: ["SRE", "Checkout"], users: ["b@example.com", "a@example.com"] })]);
    expect(diffSignOffPolicies(before, after)).toEqual([]);
  });

  it("lists seats removed, added and changed, in words", () => {
    const before = policy([RELEASE_MANAGER, seat("QA", { teams: ["QA"] }), seat("Engineering", { teams: ["Platform"] })]);
    const after = policy([
      RELEASE_MANAGER,
      seat("Engineering", { teams: ["Checkout", "SRE"] }),
      seat("Security", { users: ["sam@example.com"], required: 2 }),
    ]);
    expect(diffSignOffPolicies(before, after)).toEqual([
      "Seat removed: QA",
      "Seat added: Security (users sam@example.com, 2 signatures)",
      "Seat changed: Engineering (now team Checkout, SRE)",
    ]);
  });

  it("says what a kept seat now needs: other people, no team any more, another number of signatures", () => {
    const before = policy([seat("Engineering", { roles: ["ADMIN"], teams: ["Platform"], required: 2 })]);
    const after = policy([seat("Engineering", { roles: ["ADMIN", "MEMBER"], users: ["lee@example.com"] })]);
    expect(diffSignOffPolicies(before, after)).toEqual(["Seat changed: Engineering (now role admin, member; no team; users lee@example.com, 1 signature)"]);
  });

  it("says a seat renamed under the same key, and seats kept in another order", () => {
    const before = policy([seat("Security review", { teams: ["Sec"] }), seat("QA", { teams: ["QA"] })]);
    const after = policy([seat("QA", { teams: ["QA"] }), { ...seat("Security review", { teams: ["Sec"] }), name: "Security-review" }]);
    expect(diffSignOffPolicies(before, after)).toEqual(["Seat renamed: Security review → Security-review", "Seat order: Security-review, QA → QA, Security-review"]);
  });

  it("says the rules that change", () => {
    expect(diffSignOffPolicies(DEFAULT_SIGN_OFF_POLICY, { ...DEFAULT_SIGN_OFF_POLICY, allowMultipleSeats: true, allowSelfApproval: false })).toEqual([
      "One person may now fill several seats",
      "Self-approval is now off",
    ]);
    expect(diffSignOffPolicies({ ...DEFAULT_SIGN_OFF_POLICY, allowMultipleSeats: true, allowSelfApproval: false }, null)).toEqual([
      "One person may now fill only one seat",
      "Self-approval is now on",
    ]);
  });

  it("compares an absent policy as the default one, and leaves out seats added to a single release", () => {
    expect(diffSignOffPolicies(undefined, policy([seat("QA", { teams: ["QA"] })]))).toEqual(["Seat removed: Release manager", "Seat added: QA (team QA)"]);
    expect(diffSignOffPolicies(policy([RELEASE_MANAGER, seat("Audit", { users: ["x@example.com"], releaseOnly: true })]), null)).toEqual([]);
  });

  it("describes a seat's terms as its Markdown line does, one signature unsaid", () => {
    expect(describeSeatTerms(RELEASE_MANAGER)).toBe("role release manager, admin");
    expect(describeSeatTerms(seat("S", { roles: ["MEMBER"], teams: ["Eng"], users: ["a@example.com", "b@example.com"], required: 3 }))).toBe(
      "role member; team Eng; users a@example.com, b@example.com, 3 signatures",
    );
  });
});

describe("the publish review of a draft", () => {
  function draft(): TDraftContent {
    let content: TDraftContent = { title: "T", levels: [], sections: [] };
    content = editDraft(content, { type: "section.add", parentId: ROOT, section: newDraftSection("s", "S") });
    return editDraft(content, { type: "item.add", parentId: "s", item: newDraftItem("i", "Check") });
  }

  it("lists a draft's seat changes against the version it edits, and nothing for the same seats", () => {
    const base = { ...checklistFromDraft(draft(), []), signOff: DEFAULT_SIGN_OFF_POLICY };
    const unedited = { ...draft(), signOff: DEFAULT_DRAFT_SIGN_OFF };
    expect(diffChecklists(base, checklistFromDraft(unedited, [])).signOff).toEqual([]);
    expect(diffChecklists(base, checklistFromDraft(draft(), [])).signOff).toEqual([]);

    let edited = editDraft(unedited, { type: "seat.add", seat: { ...newDraftSeat("sec", " Security "), users: ["Sam@Example.com"], required: 2 } });
    edited = editDraft(edited, { type: "signOff.rules", patch: { allowSelfApproval: false } });
    const diff = diffChecklists(base, checklistFromDraft(edited, []));
    // Only the seats changed: the review still has something to publish.
    expect([diff.added, diff.removed, diff.changed, diff.levels, diff.title]).toEqual([[], [], [], null, null]);
    expect(diff.signOff).toEqual(["Seat added: Security (users sam@example.com, 2 signatures)", "Self-approval is now off"]);
  });

  it("compares a template's first version with the default seat", () => {
    expect(diffChecklists(null, checklistFromDraft(draft(), [])).signOff).toEqual([]);
    const withQa = { ...draft(), signOff: { ...DEFAULT_DRAFT_SIGN_OFF, seats: [{ ...newDraftSeat("qa", "QA"), teams: ["QA"] }] } };
    expect(diffChecklists(null, checklistFromDraft(withQa, [])).signOff).toEqual(["Seat removed: Release manager", "Seat added: QA (team QA)"]);
  });
});
