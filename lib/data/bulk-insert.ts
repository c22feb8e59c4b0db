import type { TTx } from "@/lib/audit/record-audit";
import type { TItemDefinition } from "@/lib/domain/checklist/types";

/** A column of a bulk insert: its name in the table and its PostgreSQL type. */
export type TBulkColumn<TRow> = { column: string; type: string; value: (row: TRow) => unknown };

/**
 * Inserts many rows in one statement, one array parameter per column
 * (`INSERT … SELECT * FROM unnest($1::uuid[], …)`). Prisma's createMany builds one parameter
 * per cell, and compiling that costs about a second per 2 000 items; this costs the insert.
 * Table and columns come from code, never from input; values are always parameters.
 */
export async function bulkInsert<TRow>(tx: TTx, table: string, columns: TBulkColumn<TRow>[], rows: TRow[]): Promise<void> {
  if (rows.length === 0) return;
  const names = columns.map((c) => `"${c.column}"`).join(", ");
  const arrays = columns.map((c, i) => `$${i + 1}::${c.type}[]`).join(", ");
  await tx.$executeRawUnsafe(
    `INSERT INTO "${table}" (${names}) SELECT * FROM unnest(${arrays})`,
    ...columns.map((c) => rows.map((row) => c.value(row) ?? null)),
  );
}

/** The columns template_items and release_items share: what an item asks for. */
export function itemDefinitionColumns<TRow extends TItemDefinition>(): TBulkColumn<TRow>[] {
  return [
    { column: "key", type: "text", value: (r) => r.key },
    { column: "text", type: "text", value: (r) => r.text },
    { column: "detail", type: "text", value: (r) => r.detail },
    { column: "kind", type: '"ItemKind"', value: (r) => r.kind },
    { column: "severity", type: '"Severity"', value: (r) => r.severity },
    { column: "evidence_required", type: "boolean", value: (r) => r.evidenceRequired },
    { column: "evidence_max_age_days", type: "integer", value: (r) => r.evidenceMaxAgeDays },
    { column: "required_level", type: "text", value: (r) => r.requiredLevel },
    { column: "ci_check", type: "text", value: (r) => r.ciCheck ?? null },
  ];
}
