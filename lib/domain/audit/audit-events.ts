import { z } from "zod";
import { ITEM_STATUSES } from "@/lib/domain/checklist/types";

// One schema per audit action for what its event stores in `before` and `after`. The
// writers are type-checked against these and validated when they write; the readers
// (replay, charts, history in words) parse with the same schemas, so a payload shape
// only one side knows cannot exist. Dates are stored as ISO strings (JSON).
// Old events stay readable: fields added later are optional, unknown ones are ignored.

const zStatus = z.enum(ITEM_STATUSES);
const zIso = z.string();
const zCount = z.number().int().nonnegative();
/** How many valid sign-offs the change voided (absent on events written before it was recorded). */
const zVoided = zCount.optional();
const zNone = z.undefined();
/** A version published from the template editor: its draft and what it changed (absent for imports). */
const zPublishedDraft = z.object({ draftId: z.string(), added: zCount, removed: zCount, changed: zCount }).optional();

/** An item's definition with its row id, as replay reads it (replay-release.ts TReplayItem). */
const zDefinition = z.object({
  id: z.string(),
  key: z.string(),
  text: z.string(),
  kind: z.enum(["CHECK", "GO_CRITERION", "NO_GO_CONDITION"]),
  severity: z.enum(["BLOCKING", "ADVISORY"]),
  evidenceRequired: z.boolean(),
  evidenceMaxAgeDays: z.number().int().nullable(),
  requiredLevel: z.string().nullable(),
  ciCheck: z.string().nullable().optional(),
});

const zInitialState = z.object({
  status: zStatus.optional(),
  owner: z.string().nullable().optional(),
  naReason: z.string().nullable().optional(),
  evidenceLinks: z.array(z.string()).optional(),
});

export const AUDIT_EVENT_SCHEMAS = {
  "item.status.update": {
    before: z.object({ status: zStatus, naReason: z.string().nullable().optional(), version: z.number().int() }),
    after: z.object({ status: zStatus, naReason: z.string().nullable().optional(), version: z.number().int(), invalidatedSignOffs: zVoided }),
  },
  "item.details.update": {
    before: z.object({ owner: z.string().nullable(), dueDate: zIso.nullable(), version: z.number().int() }),
    after: z.object({ owner: z.string().nullable(), dueDate: zIso.nullable(), version: z.number().int(), invalidatedSignOffs: zVoided }),
  },
  "evidence.add": {
    before: zNone,
    after: z.object({
      itemId: z.string(),
      kind: z.enum(["LINK", "NOTE", "CI_RESULT"]),
      url: z.string().nullable(),
      note: z.string().nullable(),
      /** The evidence's own expiry (absent on events written before evidence could expire). */
      expiresAt: zIso.nullable().optional(),
      invalidatedSignOffs: zVoided,
    }),
  },
  "comment.add": {
    before: zNone,
    after: z.object({ itemId: z.string(), body: z.string() }),
  },
  "waiver.grant": {
    before: z.object({ status: zStatus, version: z.number().int() }),
    after: z.object({
      itemId: z.string(),
      status: z.literal("WAIVED"),
      reason: z.string(),
      compensatingControl: z.string(),
      expiresAt: zIso.nullable(),
      version: z.number().int(),
      invalidatedSignOffs: zVoided,
    }),
  },
  "waiver.revoke": {
    before: z.object({ status: zStatus, version: z.number().int() }),
    after: z.object({
      itemId: z.string(),
      /** The item's status after: OPEN when the revoked waiver was the one waiving it. */
      status: zStatus,
      reason: z.string(),
      /** The revoked waiver's expiry: replay finds the waiver by it (waivers with the same expiry count alike). */
      expiresAt: zIso.nullable(),
      version: z.number().int(),
      invalidatedSignOffs: zVoided,
    }),
  },
  "release.sign-off": {
    before: zNone,
    after: z.object({
      decision: z.enum(["GO", "NO_GO"]),
      capacity: z.string(),
      comment: z.string().nullable(),
      verdict: z.enum(["GO", "GO_WITH_EXCEPTIONS", "NO_GO"]),
      exceptions: z.array(z.object({ itemKey: z.string(), itemText: z.string(), via: z.enum(["WAIVER", "NOT_APPLICABLE"]) })),
      contentHash: z.string(),
      /** The signer's own earlier sign-offs this one replaced. */
      replacedSignOffs: zCount.optional(),
      /** The release's status after the sign-off. */
      releaseStatus: z.string().optional(),
      /** The seat signed for (absent before seats: the release manager's). */
      seat: z.string().optional(),
      /** The signer had changed an item since the sign-offs were last voided. */
      selfApproved: z.boolean().optional(),
    }),
  },
  "release.sign-off.request": {
    before: zNone,
    after: z.object({ seats: z.array(z.object({ key: z.string(), name: z.string(), missing: zCount })) }),
  },
  "release.seat.add": {
    before: zNone,
    after: z.object({
      seat: z.object({ key: z.string(), name: z.string(), roles: z.array(z.string()), teams: z.array(z.string()), users: z.array(z.string()), required: z.number().int() }),
      releaseStatus: z.string(),
    }),
  },
  "item.add": {
    before: zNone,
    after: z.object({ itemId: z.string(), sectionId: z.string(), releaseOnly: z.literal(true), definition: zDefinition, invalidatedSignOffs: zVoided }),
  },
  "release.template.move": {
    before: z.object({ templateVersionId: z.string(), number: z.number().int() }),
    after: z.object({
      templateVersionId: z.string(),
      number: z.number().int(),
      added: z.array(z.string()),
      removed: z.array(z.string()),
      changed: z.array(z.string()),
      /** Every item's definition before and after: time travel replays the release across the move. */
      definitionsBefore: z.array(zDefinition),
      definitionsAfter: z.array(zDefinition),
      invalidatedSignOffs: zVoided,
    }),
  },
  "release.ship": {
    before: z.object({ status: z.string() }),
    after: z.object({ status: z.literal("SHIPPED"), at: zIso }),
  },
  "release.cancel": {
    before: z.object({ status: z.string() }),
    after: z.object({ status: z.literal("CANCELLED"), at: zIso, reason: z.string() }),
  },
  "release.reopen": {
    before: z.object({ status: z.string(), closedAt: zIso.nullable() }),
    after: z.object({ status: z.string(), reason: z.string() }),
  },
  "release.create": {
    before: zNone,
    after: z.looseObject({
      name: z.string(),
      service: z.string(),
      version: z.string(),
      environment: z.string(),
      templateVersionId: z.string(),
      targetDate: z.string().optional(),
      targetLevel: z.string().optional(),
      items: zCount,
      initialStates: z.record(z.string(), zInitialState).optional(),
      evidence: zCount.optional(),
    }),
  },
  "template.import": {
    before: zNone,
    after: z.object({ templateId: z.string(), number: z.number().int(), title: z.string(), items: zCount, mode: z.string(), fromDraft: zPublishedDraft }),
  },
  "template.version.publish": {
    before: zNone,
    after: z.object({ templateId: z.string(), number: z.number().int(), title: z.string(), items: zCount, mode: z.string(), fromDraft: zPublishedDraft }),
  },
  "token.create": {
    before: zNone,
    after: z.object({ name: z.string(), role: z.string(), prefix: z.string(), expiresAt: zIso.nullable() }),
  },
  "token.revoke": {
    before: z.object({ name: z.string(), role: z.string(), prefix: z.string() }),
    after: zNone,
  },
  "webhook.create": {
    before: zNone,
    after: z.object({ url: z.string(), events: z.array(z.string()), format: z.string() }),
  },
  "webhook.delete": {
    before: z.object({ url: z.string(), events: z.array(z.string()), format: z.string() }),
    after: zNone,
  },
  "webhook.redeliver": {
    before: zNone,
    after: z.object({ endpointId: z.string(), event: z.string(), previousStatus: z.string() }),
  },
  "template.draft.create": {
    before: zNone,
    after: z.object({ templateId: z.string().nullable(), baseVersion: z.number().int().nullable(), title: z.string() }),
  },
  "template.draft.save": {
    before: z.object({ version: z.number().int() }),
    after: z.object({ version: z.number().int(), title: z.string(), sections: zCount, items: zCount, overwrote: z.boolean().optional() }),
  },
  "template.draft.discard": {
    before: z.object({ templateId: z.string().nullable(), version: z.number().int(), title: z.string() }),
    after: zNone,
  },
  "user.create": {
    before: zNone,
    after: z.object({ email: z.string(), role: z.string(), disabledAt: zIso.nullable().optional() }),
  },
  "user.role.update": {
    before: z.object({ email: z.string().optional(), role: z.string(), disabledAt: zIso.nullable().optional() }),
    after: z.object({ email: z.string().optional(), role: z.string(), disabledAt: zIso.nullable().optional(), reason: z.string().optional() }),
  },
  "user.disable": {
    before: z.object({ email: z.string(), disabledAt: zIso.nullable() }),
    after: z.object({ email: z.string(), disabledAt: zIso.nullable() }),
  },
  "user.enable": {
    before: z.object({ email: z.string(), disabledAt: zIso.nullable() }),
    after: z.object({ email: z.string(), disabledAt: zIso.nullable() }),
  },
  // Teams (lib/data/teams): named by their name as it was then; members by their email.
  "team.create": {
    before: zNone,
    after: z.object({ name: z.string() }),
  },
  "team.rename": {
    before: z.object({ name: z.string() }),
    after: z.object({ name: z.string() }),
  },
  "team.delete": {
    before: zNone,
    /** The team as it was: its name and its members' emails. */
    after: z.object({ name: z.string(), members: z.array(z.string()) }),
  },
  "team.member.add": {
    before: zNone,
    after: z.object({ team: z.string(), userId: z.string(), email: z.string() }),
  },
  "team.member.remove": {
    before: zNone,
    after: z.object({ team: z.string(), userId: z.string(), email: z.string() }),
  },
  "auth.sign-in": { before: zNone, after: zNone },
  "auth.sign-out": { before: zNone, after: zNone },
  "permission.denied": {
    before: zNone,
    // Events written before targets were recorded have no payload: the permission was the entity id.
    after: z
      .object({
        permission: z.string(),
        target: z.string().optional(),
        /**
         * Refusals of the same permission by the same user in the minute starting at
         * `suppressedSince`, beyond the first few recorded one by one (lib/audit/record-refusal.ts).
         */
        suppressedBefore: zCount.optional(),
        suppressedSince: zIso.optional(),
      })
      .optional(),
  },
} as const satisfies Record<string, { before: z.ZodType; after: z.ZodType }>;

export type TAuditAction = keyof typeof AUDIT_EVENT_SCHEMAS;
export const AUDIT_ACTIONS = Object.keys(AUDIT_EVENT_SCHEMAS) as TAuditAction[];
export type TAuditBefore<A extends TAuditAction> = z.input<(typeof AUDIT_EVENT_SCHEMAS)[A]["before"]>;
export type TAuditAfter<A extends TAuditAction> = z.input<(typeof AUDIT_EVENT_SCHEMAS)[A]["after"]>;

/** A stored event's payload, typed by its action; `before` is null when absent or not loaded. */
export type TTypedPayload = {
  [A in TAuditAction]: {
    action: A;
    before: z.output<(typeof AUDIT_EVENT_SCHEMAS)[A]["before"]> | null;
    after: z.output<(typeof AUDIT_EVENT_SCHEMAS)[A]["after"]>;
  };
}[TAuditAction];

export function isAuditAction(action: string): action is TAuditAction {
  return Object.hasOwn(AUDIT_EVENT_SCHEMAS, action);
}

/**
 * Parses a stored event's payload with its action's schemas: null for an unknown action or an
 * `after` that does not fit. `before` serves wording only and may be left unloaded.
 */
export function parseAuditPayload(action: string, before: unknown, after: unknown): TTypedPayload | null {
  if (!isAuditAction(action)) return null;
  const schemas = AUDIT_EVENT_SCHEMAS[action];
  const parsedAfter = schemas.after.safeParse(after ?? undefined);
  if (!parsedAfter.success) return null;
  const parsedBefore = schemas.before.safeParse(before ?? undefined);
  return { action, before: parsedBefore.success ? (parsedBefore.data ?? null) : null, after: parsedAfter.data } as TTypedPayload;
}

/** Validates a payload about to be written; a mismatch is a bug in the writer, so it throws. */
export function assertAuditPayload(action: TAuditAction, before: unknown, after: unknown): void {
  const schemas = AUDIT_EVENT_SCHEMAS[action];
  const b = schemas.before.safeParse(before ?? undefined);
  const a = schemas.after.safeParse(after ?? undefined);
  if (!b.success || !a.success) {
    throw new Error(`audit event ${action} does not match its schema: ${z.prettifyError((b.success ? a : b).error!)}`);
  }
}
