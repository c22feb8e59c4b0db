import type { TItemKind, TItemStatus, TSeverity } from "@/lib/domain/checklist/types";

export type TVerdictItem = {
  key: string;
  text: string;
  kind: TItemKind;
  severity: TSeverity;
  status: TItemStatus;
  evidenceRequired: boolean;
  evidenceMaxAgeDays: number | null;
  requiredLevel: string | null;
  naReason: string | null;
  evidence: { addedAt: Date; expiresAt: Date | null }[];
  waivers: { expiresAt: Date | null; revokedAt: Date | null }[];
};

export type TVerdictInput = {
  items: TVerdictItem[];
  /** Maturity levels, lowest first. */
  levels: string[];
  targetLevel: string | null;
  now: Date;
};

export const VERDICTS = ["GO", "GO_WITH_EXCEPTIONS", "NO_GO"] as const;
export type TVerdictValue = (typeof VERDICTS)[number];

export type TReasonCode =
  | "EMPTY_CHECKLIST"
  | "NO_GO_CONDITION_HOLDS"
  | "BLOCKED"
  | "NOT_DONE"
  | "IN_PROGRESS"
  | "NOT_CONFIRMED"
  | "EVIDENCE_MISSING"
  | "EVIDENCE_STALE"
  | "WAIVER_INVALID"
  | "NO_GO_CANNOT_BE_WAIVED"
  | "NA_REASON_MISSING";

export type TReason = {
  itemKey: string | null;
  itemText: string | null;
  code: TReasonCode;
  /** "blocked" holds the release back on purpose; "not_done" is work still to do. */
  category: "blocked" | "not_done";
  message: string;
};

export type TException = { itemKey: string; itemText: string; via: "WAIVER" | "NOT_APPLICABLE" };

export type TVerdict = {
  verdict: TVerdictValue;
  reasons: TReason[];
  /** Advisory items not yet satisfied: reported, never blocking. */
  advisories: TReason[];
  exceptions: TException[];
  counts: {
    total: number;
    blocking: number;
    advisory: number;
    satisfied: number;
    exceptions: number;
    blocked: number;
    notDone: number;
    byStatus: Record<TItemStatus, number>;
  };
  progress: { satisfied: number; total: number; percent: number };
};
