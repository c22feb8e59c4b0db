import { describe, expect, it } from "vitest";
import { AUDIT_ACTIONS, assertAuditPayload, parseAuditPayload, type TAuditAction, type TAuditAfter, type TAuditBefore } from "@/lib/domain/audit/audit-events";
import { describeEvent } from "@/lib/domain/audit/describe-event";

const ID = "5b0c2a4e-2f1e-4d8e-9a53-0c7a1b2c3d4e";
const ISO = "2026-11-23T12:00:00.000Z";

// Payloads shaped as each writer in lib/ writes them (after JSON: dates as ISO strings,
// absent fields dropped). Typed by the schemas, and keyed by every action: a new action
// without a case here does not compile.
const WRITER_PAYLOADS: { [A in TAuditAction]: { before?: TAuditBefore<A>; after?: TAuditAfter<A> }[] } = {
  "item.status.update": [
    { before: { status: "OPEN", naReason: null, version: 1 }, after: { status: "DONE", naReason: null, version: 2, invalidatedSignOffs: 0 } },
    { before: { status: "DONE", naReason: null, version: 2 }, after: { status: "NOT_APPLICABLE", naReason: "Not used here", version: 3, invalidatedSignOffs: 1 } },
  ],
  "item.details.update": [
    { before: { owner: null, dueDate: null, version: 1 }, after: { owner: "sre-team", dueDate: ISO, version: 2, invalidatedSignOffs: 0 } },
    { before: { owner: "sre-team", dueDate: ISO, version: 2 }, after: { owner: null, dueDate: null, version: 3, invalidatedSignOffs: 2 } },
  ],
  "evidence.add": [
    { after: { itemId: ID, kind: "LINK", url: "https://ci.example.com/1", note: null, invalidatedSignOffs: 0 } },
    { after: { itemId: ID, kind: "NOTE", url: null, note: "Checked by hand", invalidatedSignOffs: 1 } },
    { after: { itemId: ID, kind: "LINK", url: "https://pentest.example.com/report", note: null, expiresAt: ISO, invalidatedSignOffs: 0 } },
    { after: { itemId: ID, kind: "NOTE", url: null, note: "No expiry", expiresAt: null, invalidatedSignOffs: 0 } },
  ],
  "comment.add": [{ after: { itemId: ID, body: "All green" } }],
  "waiver.grant": [
    {
      before: { status: "OPEN", version: 1 },
      after: { itemId: ID, status: "WAIVED", reason: "r", compensatingControl: "c", expiresAt: ISO, version: 2, invalidatedSignOffs: 0 },
    },
  ],
  "waiver.revoke": [
    { before: { status: "WAIVED", version: 2 }, after: { itemId: ID, status: "OPEN", reason: "Vendor fixed it", expiresAt: ISO, version: 3, invalidatedSignOffs: 1 } },
    { before: { status: "DONE", version: 4 }, after: { itemId: ID, status: "DONE", reason: "No longer needed", expiresAt: null, version: 5, invalidatedSignOffs: 0 } },
  ],
  "release.sign-off": [
    {
      after: {
        decision: "GO",
        capacity: "Release manager",
        comment: "Ship it",
        verdict: "GO_WITH_EXCEPTIONS",
        exceptions: [{ itemKey: "runbook", itemText: "Runbook written", via: "WAIVER" }],
        contentHash: "abc",
        replacedSignOffs: 0,
        releaseStatus: "SIGNED_OFF",
      },
    },
    { after: { decision: "NO_GO", capacity: "Release manager", comment: null, verdict: "NO_GO", exceptions: [], contentHash: "def", replacedSignOffs: 1, releaseStatus: "IN_REVIEW" } },
    {
      after: {
        decision: "GO", capacity: "Security", seat: "security", selfApproved: false, comment: null, verdict: "GO", exceptions: [], contentHash: "0a1b",
        replacedSignOffs: 0, releaseStatus: "IN_REVIEW",
      },
    },
  ],
  "release.sign-off.request": [{ after: { seats: [{ key: "security", name: "Security", missing: 1 }, { key: "qa", name: "QA", missing: 2 }] } }],
  "release.seat.add": [
    { after: { seat: { key: "legal", name: "Legal", roles: [], teams: ["Legal"], users: ["lee@example.com"], required: 1 }, releaseStatus: "IN_REVIEW" } },
  ],
  "item.add": [
    {
      after: {
        itemId: ID,
        sectionId: ID,
        releaseOnly: true,
        definition: { id: ID, key: "hotfix-smoke", text: "Hotfix smoke test", kind: "CHECK", severity: "BLOCKING", evidenceRequired: false, evidenceMaxAgeDays: null, requiredLevel: null },
        invalidatedSignOffs: 0,
      },
    },
  ],
  "release.template.move": [
    {
      before: { templateVersionId: ID, number: 1 },
      after: {
        templateVersionId: ID,
        number: 2,
        added: ["slo"],
        removed: [],
        changed: [],
        definitionsBefore: [],
        definitionsAfter: [{ id: ID, key: "slo", text: "SLOs", kind: "CHECK", severity: "BLOCKING", evidenceRequired: false, evidenceMaxAgeDays: null, requiredLevel: null }],
        invalidatedSignOffs: 0,
      },
    },
  ],
  "release.ship": [{ before: { status: "SIGNED_OFF" }, after: { status: "SHIPPED", at: "2026-11-23T10:00:00.000Z" } }],
  "release.cancel": [{ before: { status: "IN_REVIEW" }, after: { status: "CANCELLED", at: "2026-11-23T10:00:00.000Z", reason: "Superseded by 2.1" } }],
  "release.reopen": [{ before: { status: "SHIPPED", closedAt: "2026-11-23T10:00:00.000Z" }, after: { status: "SIGNED_OFF", reason: "Hotfix needed" } }],
  "release.create": [
    { after: { name: "Svc 1", service: "svc", version: "1", environment: "prod", templateVersionId: ID, items: 3, initialStates: {}, evidence: 0 } },
    {
      after: {
        name: "Svc 2",
        service: "svc",
        version: "2",
        environment: "prod",
        templateVersionId: ID,
        targetDate: "2026-12-01",
        targetLevel: "Level B",
        items: 2,
        initialStates: { "tests-pass": { status: "DONE", owner: "qa", naReason: null, evidenceLinks: ["https://ci.example.com/2"] } },
        evidence: 1,
      },
    },
  ],
  "template.import": [{ after: { templateId: ID, number: 1, title: "Svc", items: 3, mode: "tasks" } }],
  "template.version.publish": [
    { after: { templateId: ID, number: 2, title: "Svc", items: 4, mode: "lists" } },
    { after: { templateId: ID, number: 3, title: "Svc", items: 5, mode: "tasks", fromDraft: { draftId: ID, added: 1, removed: 0, changed: 2 } } },
  ],
  "token.create": [{ after: { name: "ci", role: "MEMBER", prefix: "pfl_1a2b3c4d", expiresAt: null } }, { after: { name: "ci", role: "MEMBER", prefix: "pfl_1a2b3c4d", expiresAt: "2027-01-01T00:00:00.000Z" } }],
  "token.revoke": [{ before: { name: "ci", role: "MEMBER", prefix: "pfl_1a2b3c4d" } }],
  "webhook.create": [{ after: { url: "https://hooks.example.com/p", events: ["verdict.changed"], format: "json" } }],
  "webhook.delete": [{ before: { url: "https://hooks.example.com/p", events: ["verdict.changed"], format: "slack" } }],
  "webhook.redeliver": [{ after: { endpointId: ID, event: "item.blocked", previousStatus: "failed" } }],
  "template.draft.create": [{ after: { templateId: null, baseVersion: null, title: "" } }, { after: { templateId: ID, baseVersion: 2, title: "Svc" } }],
  "template.draft.save": [{ before: { version: 1 }, after: { version: 2, title: "Svc", sections: 1, items: 3 } }, { before: { version: 4 }, after: { version: 5, title: "Svc", sections: 1, items: 3, overwrote: true } }],
  "template.draft.discard": [{ before: { templateId: null, version: 3, title: "Svc" } }],
  "user.create": [
    { after: { email: "a@example.com", role: "ADMIN", disabledAt: null } }, // create-admin
    { after: { email: "a@example.com", role: "VIEWER" } }, // admit-user
  ],
  "user.role.update": [
    { before: { role: "MEMBER", disabledAt: ISO }, after: { email: "a@example.com", role: "ADMIN", disabledAt: null } }, // create-admin
    { before: { role: "VIEWER" }, after: { role: "ADMIN", reason: "listed in PREFLIGHT_ADMIN_EMAILS" } }, // admit-user
    { before: { email: "a@example.com", role: "MEMBER" }, after: { email: "a@example.com", role: "RELEASE_MANAGER" } }, // update-user-role
  ],
  "user.disable": [{ before: { email: "a@example.com", disabledAt: null }, after: { email: "a@example.com", disabledAt: ISO } }],
  "user.enable": [{ before: { email: "a@example.com", disabledAt: ISO }, after: { email: "a@example.com", disabledAt: null } }],
  "team.create": [{ after: { name: "SRE" } }],
  "team.rename": [{ before: { name: "SRE" }, after: { name: "Platform SRE" } }],
  "team.delete": [{ after: { name: "SRE", members: ["a@example.com"] } }, { after: { name: "Empty", members: [] } }],
  "team.member.add": [{ after: { team: "SRE", userId: ID, email: "a@example.com" } }],
  "team.member.remove": [{ after: { team: "SRE", userId: ID, email: "a@example.com" } }],
  "auth.sign-in": [{}],
  "auth.sign-out": [{}],
  "permission.denied": [
    { after: { permission: "item:update", target: "ReleaseItem" } },
    { after: { permission: "users:manage" } },
    { after: { permission: "item:update", target: "ReleaseItem", suppressedBefore: 95, suppressedSince: ISO } },
  ],
};

const cases = AUDIT_ACTIONS.flatMap((action) => WRITER_PAYLOADS[action].map((payload, index) => [`${action} #${index + 1}`, action, payload] as const));

describe("audit event payloads", () => {
  it("has a writer-shaped case for every action", () => {
    expect(Object.keys(WRITER_PAYLOADS).sort()).toEqual([...AUDIT_ACTIONS].sort());
  });

  it.each(cases)("%s: the writer's check accepts it and the readers parse it back", (_name, action, { before, after }) => {
    // As recordAudit stores it: JSON, and null rather than an absent payload.
    const stored = (value: unknown) => (value === undefined ? null : (JSON.parse(JSON.stringify(value)) as unknown));
    expect(() => assertAuditPayload(action, before, after)).not.toThrow();
    const parsed = parseAuditPayload(action, stored(before), stored(after));
    expect(parsed).not.toBeNull();
    expect(parsed!.action).toBe(action);
    expect(parsed!.after ?? undefined).toEqual(after);
    expect(parsed!.before ?? undefined).toEqual(before);
  });

  it("returns null for an unknown action", () => {
    expect(parseAuditPayload("item.delete", null, { itemId: ID })).toBeNull();
    expect(parseAuditPayload("", null, null)).toBeNull();
    // Not fooled by Object.prototype's own names.
    expect(parseAuditPayload("constructor", null, null)).toBeNull();
    expect(parseAuditPayload("__proto__", null, null)).toBeNull();
  });

  it.each<[string, TAuditAction, unknown]>([
    ["status that is not a status", "item.status.update", { status: "SHIPPED", version: 2 }],
    ["status without its version", "item.status.update", { status: "DONE" }],
    ["status with no payload at all", "item.status.update", null],
    ["details with a numeric owner", "item.details.update", { owner: 42, dueDate: null, version: 2 }],
    ["evidence of an unknown kind", "evidence.add", { itemId: ID, kind: "VIDEO", url: null, note: null }],
    ["comment without a body", "comment.add", { itemId: ID }],
    ["waiver that is not WAIVED", "waiver.grant", { itemId: ID, status: "DONE", reason: "r", compensatingControl: "c", expiresAt: null, version: 2 }],
    ["revocation without its reason", "waiver.revoke", { itemId: ID, status: "OPEN", expiresAt: null, version: 3 }],
    ["revocation to a status that is not one", "waiver.revoke", { itemId: ID, status: "REVOKED", reason: "r", expiresAt: null, version: 3 }],
    ["sign-off with a made-up decision", "release.sign-off", { decision: "MAYBE", capacity: "x", comment: null, verdict: "GO", exceptions: [], contentHash: "h" }],
    ["a negative voided count", "evidence.add", { itemId: ID, kind: "NOTE", url: null, note: "n", invalidatedSignOffs: -1 }],
    ["a permission refusal without its permission", "permission.denied", { target: "ReleaseItem" }],
    ["a payload on sign-in", "auth.sign-in", { anything: true }],
    ["an array", "comment.add", [ID, "body"]],
  ])("returns null for an `after` that does not fit: %s", (_name, action, after) => {
    expect(parseAuditPayload(action, null, after)).toBeNull();
  });

  it("ignores a `before` that does not fit (it serves wording only) instead of dropping the event", () => {
    const parsed = parseAuditPayload("item.status.update", { status: 7 }, { status: "DONE", naReason: null, version: 2 });
    expect(parsed).toMatchObject({ action: "item.status.update", before: null, after: { status: "DONE", version: 2 } });
  });

  it("the writer's check throws on a payload that does not fit", () => {
    expect(() => assertAuditPayload("item.status.update", { status: "OPEN", version: 1 }, { status: "DONE" })).toThrow(/item\.status\.update/);
    expect(() => assertAuditPayload("comment.add", { some: "before" }, { itemId: ID, body: "b" })).toThrow(/comment\.add/);
  });
});

describe("old-shape audit events", () => {
  it("an item.status.update written before invalidatedSignOffs was recorded still parses and reads", () => {
    const before = { status: "OPEN", naReason: null, version: 1 };
    const after = { status: "DONE", naReason: null, version: 2 };
    const parsed = parseAuditPayload("item.status.update", before, after);
    expect(parsed).toMatchObject({ action: "item.status.update", after: { status: "DONE", version: 2 } });
    expect(parsed?.action === "item.status.update" && parsed.after.invalidatedSignOffs).toBeUndefined();
    expect(describeEvent({ action: "item.status.update", entityType: "ReleaseItem", entityId: ID, before, after, itemText: "Tests pass" })).toBe(
      "set “Tests pass” from open to done",
    );
  });

  it("an item.status.update without naReason (older still) parses", () => {
    expect(parseAuditPayload("item.status.update", { status: "OPEN", version: 1 }, { status: "BLOCKED", version: 2 })).not.toBeNull();
  });

  it("a permission.denied with no payload parses, and reads as the permission it named as its entity", () => {
    const parsed = parseAuditPayload("permission.denied", null, null);
    expect(parsed).not.toBeNull();
    expect(parsed).toMatchObject({ action: "permission.denied", before: null });
    expect(parsed!.after).toBeUndefined();
    expect(describeEvent({ action: "permission.denied", entityType: "Permission", entityId: "release:sign-off", before: null, after: null })).toBe(
      "was refused: release:sign-off",
    );
  });

  it("a new-shape permission.denied names its target", () => {
    const after = { permission: "item:update", target: "ReleaseItem" };
    expect(describeEvent({ action: "permission.denied", entityType: "ReleaseItem", entityId: ID, before: null, after, itemText: "Tests pass" })).toBe(
      "was refused: item:update on “Tests pass”",
    );
    expect(describeEvent({ action: "permission.denied", entityType: "ReleaseItem", entityId: ID, before: null, after })).toBe(`was refused: item:update on item ${ID}`);
    expect(describeEvent({ action: "permission.denied", entityType: "Permission", entityId: "users:manage", before: null, after: { permission: "users:manage" } })).toBe(
      "was refused: users:manage",
    );
  });

  it("a permission.denied that reports refusals counted but not recorded says how many, and when", () => {
    const after = { permission: "users:manage", suppressedBefore: 1, suppressedSince: ISO };
    expect(describeEvent({ action: "permission.denied", entityType: "Permission", entityId: "users:manage", before: null, after })).toBe(
      "was refused: users:manage (and 1 more refusal of users:manage in the minute from 2026-11-23 12:00 UTC, counted but not recorded one by one)",
    );
    expect(parseAuditPayload("permission.denied", null, { permission: "users:manage", suppressedBefore: -1 })).toBeNull();
  });

  it("an event whose payload does not fit is still worded, generically", () => {
    expect(describeEvent({ action: "item.status.update", entityType: "ReleaseItem", entityId: ID, before: null, after: { status: "NOPE" } })).toBe(`item.status.update on ${ID}`);
  });
});

describe("waiver revocation and evidence expiry in words", () => {
  it("a revocation says what it revoked, why, and where the item went", () => {
    const after = { itemId: ID, status: "OPEN", reason: "The vendor fixed it", expiresAt: ISO, version: 3 };
    expect(describeEvent({ action: "waiver.revoke", entityType: "Waiver", entityId: ID, before: { status: "WAIVED", version: 2 }, after, itemText: "Pen test" })).toBe(
      "revoked the waiver on “Pen test”, now open: The vendor fixed it",
    );
    expect(describeEvent({ action: "waiver.revoke", entityType: "Waiver", entityId: ID, before: null, after: { ...after, status: "DONE" }, itemText: "Pen test" })).toBe(
      "revoked the waiver on “Pen test”: The vendor fixed it",
    );
  });

  it("evidence with an expiry says until when; without one (and in old events) it does not", () => {
    const after = { itemId: ID, kind: "LINK", url: "https://pentest.example.com/r", note: null };
    expect(describeEvent({ action: "evidence.add", entityType: "Evidence", entityId: ID, before: null, after: { ...after, expiresAt: ISO }, itemText: "Pen test" })).toBe(
      "added evidence to “Pen test”: https://pentest.example.com/r (expires 2026-11-23)",
    );
    expect(describeEvent({ action: "evidence.add", entityType: "Evidence", entityId: ID, before: null, after, itemText: "Pen test" })).toBe(
      "added evidence to “Pen test”: https://pentest.example.com/r",
    );
  });
});
