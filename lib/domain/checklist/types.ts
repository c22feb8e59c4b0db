import type { TSignOffPolicy } from "@/lib/domain/sign-off/sign-off-policy";
// The checklist vocabulary shared by the importer, the verdict engine, the exporters and
// the data layer. Values match the database enums.

export const ITEM_KINDS = ["CHECK", "GO_CRITERION", "NO_GO_CONDITION"] as const;
export type TItemKind = (typeof ITEM_KINDS)[number];

export const SEVERITIES = ["BLOCKING", "ADVISORY"] as const;
export type TSeverity = (typeof SEVERITIES)[number];

export const ITEM_STATUSES = ["OPEN", "IN_PROGRESS", "DONE", "BLOCKED", "NOT_APPLICABLE", "WAIVED"] as const;
export type TItemStatus = (typeof ITEM_STATUSES)[number];

export const ITEM_STATUS_LABELS: Record<TItemStatus, string> = {
  OPEN: "Open",
  IN_PROGRESS: "In progress",
  DONE: "Done",
  BLOCKED: "Blocked",
  NOT_APPLICABLE: "Not applicable",
  WAIVED: "Waived",
};

// A no-go condition is worked as a question: does it hold? The stored statuses stay the
// same (BLOCKED holds the release back, DONE clears it); only the words differ.
const NO_GO_STATUS_LABELS: Partial<Record<TItemStatus, string>> = { BLOCKED: "Holds", DONE: "Does not hold" };

/** What a person reads for an item's status: "Holds" / "Does not hold" for a no-go condition. */
export function itemStatusLabel(status: TItemStatus, kind: TItemKind): string {
  return (kind === "NO_GO_CONDITION" ? NO_GO_STATUS_LABELS[status] : undefined) ?? ITEM_STATUS_LABELS[status];
}

export const RELEASE_STATUSES = ["DRAFT", "IN_REVIEW", "SIGNED_OFF", "SHIPPED", "CANCELLED"] as const;
export type TReleaseStatus = (typeof RELEASE_STATUSES)[number];

export const IMPORT_MODES = ["tasks", "lists"] as const;
export type TImportMode = (typeof IMPORT_MODES)[number];

/** One checklist item as a document describes it, before it is stored. */
export type TChecklistItem = {
  key: string;
  text: string;
  detail: string | null;
  kind: TItemKind;
  severity: TSeverity;
  evidenceRequired: boolean;
  evidenceMaxAgeDays: number | null;
  requiredLevel: string | null;
  status: TItemStatus;
  owner: string | null;
  naReason: string | null;
  evidenceLinks: string[];
  children: TChecklistItem[];
  /** Added to one release by a release manager, not from its template (set for release exports only). */
  releaseOnly?: boolean;
  /** The CI check whose results mark the item done or blocked (absent: none). */
  ciCheck?: string | null;
};

export type TChecklistSection = {
  title: string;
  items: TChecklistItem[];
  sections: TChecklistSection[];
  /**
   * The role the importer gave the section's items, and whether its own heading said so
   * ("Go if all are true") or it came from the section around it. Set by the parser only.
   */
  role?: { kind: TItemKind; fromHeading: boolean };
};

export type TChecklist = {
  title: string;
  mode: TImportMode;
  /** Maturity levels, lowest first. */
  levels: string[];
  sections: TChecklistSection[];
  warnings: string[];
  /** Who must sign a release off, when the document says ("Sign-off:" lines); otherwise the default seat. */
  signOff?: TSignOffPolicy;
};

export function* walkItems(items: TChecklistItem[], depth = 1): Generator<{ item: TChecklistItem; depth: number }> {
  for (const item of items) {
    yield { item, depth };
    yield* walkItems(item.children, depth + 1);
  }
}

export function* walkSectionItems(sections: TChecklistSection[]): Generator<{ item: TChecklistItem; depth: number }> {
  for (const section of sections) {
    yield* walkItems(section.items);
    yield* walkSectionItems(section.sections);
  }
}

/** What defines an item, as templates store it and releases copy it. */
export type TItemDefinition = Pick<
  TChecklistItem,
  "key" | "text" | "detail" | "kind" | "severity" | "evidenceRequired" | "evidenceMaxAgeDays" | "requiredLevel" | "ciCheck"
>;

export function pickItemDefinition(item: TItemDefinition): TItemDefinition {
  const { key, text, detail, kind, severity, evidenceRequired, evidenceMaxAgeDays, requiredLevel, ciCheck } = item;
  return { key, text, detail, kind, severity, evidenceRequired, evidenceMaxAgeDays, requiredLevel, ciCheck: ciCheck ?? null };
}
