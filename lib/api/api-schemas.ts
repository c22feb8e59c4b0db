import { z } from "zod";
import { ITEM_KINDS, ITEM_STATUSES, RELEASE_STATUSES, SEVERITIES } from "@/lib/domain/checklist/types";
import { ZCreateRelease } from "@/lib/data/releases/create-release";

// The REST API's bodies and answers, as zod schemas: the routes validate with them (the same
// rules as the server actions, whose schemas they reuse) and the OpenAPI document is
// generated from them (lib/api/openapi.ts).

/** The states a release list filters by, as the releases page names them, and the statuses they take in. */
export const API_RELEASE_STATES = ["in_preparation", "draft", "in_review", "signed_off", "shipped", "cancelled"] as const;
export const STATUSES_OF_STATE: Record<(typeof API_RELEASE_STATES)[number], (typeof RELEASE_STATUSES)[number][]> = {
  in_preparation: ["DRAFT", "IN_REVIEW"],
  draft: ["DRAFT"],
  in_review: ["IN_REVIEW"],
  signed_off: ["SIGNED_OFF"],
  shipped: ["SHIPPED"],
  cancelled: ["CANCELLED"],
};

export const ZReleaseListQuery = z.object({
  service: z.string().trim().min(1).optional(),
  version: z.string().trim().min(1).optional(),
  environment: z.string().trim().min(1).optional(),
  state: z
    .preprocess((value) => (typeof value === "string" ? value.trim().toLowerCase().replaceAll("-", "_").replaceAll(" ", "_").replace("canceled", "cancelled") : value), z.enum(API_RELEASE_STATES))
    .optional()
    .describe("in_preparation (draft or in review), signed_off, shipped or cancelled; or a status: draft, in_review"),
});

export const ZCreateReleaseBody = ZCreateRelease;

export const ZItemStatusBody = z.object({
  status: z.enum(ITEM_STATUSES).exclude(["WAIVED"]).describe("WAIVED only through a waiver, in the app"),
  expectedVersion: z.number().int().positive().describe("The item's version you last read; a newer one answers 409 with the current version"),
  naReason: z.string().trim().min(1).max(2000).optional().describe("Required with NOT_APPLICABLE"),
});

const zExpiresOn = z.iso.date().optional().describe("The evidence's own expiry (YYYY-MM-DD)");

export const ZEvidenceBody = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("link"), url: z.url({ protocol: /^https?$/ }), note: z.string().max(2000).optional(), expiresOn: zExpiresOn }),
  z.object({ kind: z.literal("note"), note: z.string().trim().min(1).max(5000), expiresOn: zExpiresOn }),
  z.object({
    kind: z.literal("ci"),
    check: z.string().trim().min(1).max(200).describe("The CI check's name, as the item is bound to it"),
    result: z.enum(["pass", "fail"]),
    url: z.url({ protocol: /^https?$/ }).describe("The CI run"),
    commit: z.string().trim().regex(/^[0-9a-f]{7,64}$/i).describe("The commit the check ran on"),
    expectedVersion: z.number().int().positive().optional().describe("When given, a newer item version answers 409 instead of applying the result"),
  }),
]);

export const ZGateQueryParams = z.object({
  service: z.string().trim().min(1),
  version: z.string().trim().min(1),
  environment: z.string().trim().min(1).optional(),
});

const ZReason = z.object({
  itemKey: z.string().nullable(),
  itemText: z.string().nullable(),
  code: z.string(),
  category: z.enum(["blocked", "not_done"]),
  message: z.string(),
});

export const ZVerdict = z.object({
  verdict: z.enum(["GO", "GO_WITH_EXCEPTIONS", "NO_GO"]),
  reasons: z.array(ZReason),
  advisories: z.array(ZReason),
  exceptions: z.array(z.object({ itemKey: z.string(), itemText: z.string(), via: z.enum(["WAIVER", "NOT_APPLICABLE"]) })),
  progress: z.object({ satisfied: z.number().int(), total: z.number().int(), percent: z.number() }),
});

export const ZApiItem = z.object({
  key: z.string(),
  text: z.string(),
  kind: z.enum(ITEM_KINDS),
  role: z.enum(ITEM_KINDS).describe("The same as kind: check, go criterion or no-go condition"),
  severity: z.enum(SEVERITIES),
  status: z.enum(ITEM_STATUSES),
  version: z.number().int(),
  owner: z.string().nullable(),
  naReason: z.string().nullable(),
  ciCheck: z.string().nullable(),
  releaseOnly: z.boolean(),
});

const ZReleaseFields = {
  id: z.uuid(),
  name: z.string(),
  service: z.string(),
  version: z.string(),
  environment: z.string(),
  status: z.enum(RELEASE_STATUSES),
};

const ZApiSeat = z.object({
  key: z.string(),
  name: z.string(),
  fillers: z.string().describe("Who may sign it, in words: a role, teams, named people"),
  required: z.number().int().describe("GO signatures it needs"),
  releaseOnly: z.boolean().describe("Added to this release only"),
  isFilled: z.boolean(),
  missing: z.number().int().describe("GO signatures it still needs"),
  signatures: z.array(z.object({ signer: z.string(), decision: z.enum(["GO", "NO_GO"]), comment: z.string().nullable(), signedAt: z.string(), selfApproved: z.boolean() })),
  mustSignAgain: z.array(z.string()).describe("People whose signature a later change voided"),
});

export const ZApiSignOff = z
  .object({ isSignedOff: z.boolean(), isHeld: z.boolean().describe("A seat signed NO-GO"), seats: z.array(ZApiSeat) })
  .describe("The release's sign-off seats: signed off when every seat has its GO signatures and none said NO-GO");

export const ZApiRelease = z.object({
  ...ZReleaseFields,
  targetDate: z.string().nullable(),
  targetLevel: z.string().nullable(),
  targetCommit: z.string().nullable(),
  templateVersionId: z.uuid(),
  createdAt: z.string(),
  verdict: ZVerdict,
  signOff: ZApiSignOff,
  items: z.array(ZApiItem),
});

export const ZReleaseSummary = z.object({
  ...ZReleaseFields,
  targetDate: z.string().nullable(),
  verdict: z.enum(["GO", "GO_WITH_EXCEPTIONS", "NO_GO"]),
  percent: z.number(),
  createdAt: z.string(),
});

export const ZItemChange = z.object({ item: ZApiItem.pick({ key: true, status: true, version: true }), verdict: ZVerdict });

export const ZGateAnswer = z.object({
  pass: z.boolean(),
  summary: z.string(),
  release: z.object(ZReleaseFields),
  signOff: z.object({ by: z.string(), at: z.string(), comment: z.string().nullable() }).nullable(),
  verdict: ZVerdict,
});
