import "server-only";
import { Prisma, type ReleaseItem } from "@/lib/generated/prisma/client";

/** A release item's row as JSON (`i` is release_items), for reading it inside a raw statement. */
export const ITEM_COLUMNS = Prisma.sql`to_jsonb(i)`;

/** The row as to_jsonb writes it: snake_case columns, dates as text. */
export type TItemRow = Record<string, unknown>;

const text = (value: unknown): string | null => (value === null || value === undefined ? null : String(value));
const date = (value: unknown): Date | null => (value === null || value === undefined ? null : new Date(String(value).length === 10 ? `${String(value)}T00:00:00Z` : String(value)));

/** The same value Prisma's `releaseItem.findUnique` gives for that row. */
export function toReleaseItem(row: TItemRow): ReleaseItem {
  return {
    id: String(row.id),
    releaseId: String(row.release_id),
    sectionId: String(row.section_id),
    parentId: text(row.parent_id),
    position: Number(row.position),
    key: String(row.key),
    text: String(row.text),
    detail: text(row.detail),
    kind: row.kind as ReleaseItem["kind"],
    severity: row.severity as ReleaseItem["severity"],
    evidenceRequired: row.evidence_required === true,
    evidenceMaxAgeDays: row.evidence_max_age_days === null ? null : Number(row.evidence_max_age_days),
    requiredLevel: text(row.required_level),
    ciCheck: text(row.ci_check),
    status: row.status as ReleaseItem["status"],
    owner: text(row.owner),
    dueDate: date(row.due_date),
    naReason: text(row.na_reason),
    releaseOnly: row.release_only === true,
    version: Number(row.version),
    updatedById: text(row.updated_by_id),
    createdAt: date(row.created_at)!,
    updatedAt: date(row.updated_at)!,
  };
}
