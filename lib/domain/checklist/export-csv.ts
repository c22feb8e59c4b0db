import { toCsv } from "@/lib/domain/csv";
import { itemStatusLabel, type TChecklist, type TChecklistItem, type TChecklistSection } from "@/lib/domain/checklist/types";

export const CSV_COLUMNS = [
  "section",
  "key",
  "parent_key",
  "depth",
  "text",
  "kind",
  "severity",
  "required_level",
  "status",
  "status_label",
  "owner",
  "na_reason",
  "evidence",
  "release_only",
] as const;

type TRow = Record<(typeof CSV_COLUMNS)[number], string | number>;

function* rows(sections: TChecklistSection[], path: string[] = []): Generator<TRow> {
  for (const section of sections) {
    const sectionPath = [...path, section.title];
    yield* itemRows(section.items, sectionPath.join(" / "), null, 1);
    yield* rows(section.sections, sectionPath);
  }
}

function* itemRows(items: TChecklistItem[], section: string, parentKey: string | null, depth: number): Generator<TRow> {
  for (const item of items) {
    yield {
      section,
      key: item.key,
      parent_key: parentKey ?? "",
      depth,
      text: item.text,
      kind: item.kind,
      severity: item.severity,
      required_level: item.requiredLevel ?? "",
      status: item.status,
      // What a person reads: a no-go condition "Holds" or "Does not hold".
      status_label: itemStatusLabel(item.status, item.kind),
      owner: item.owner ?? "",
      na_reason: item.naReason ?? "",
      evidence: item.evidenceLinks.join(" "),
      release_only: item.releaseOnly ? "yes" : "",
    };
    yield* itemRows(item.children, section, item.key, depth + 1);
  }
}

/** One row per item, in document order, for spreadsheets. */
export function exportCsv(checklist: Pick<TChecklist, "sections">): string {
  return toCsv([...rows(checklist.sections)], { header: true, columns: [...CSV_COLUMNS] });
}
