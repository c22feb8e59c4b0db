import type { TItemStatus } from "@/lib/domain/checklist/types";

/** An item's editable state as the release page's store keeps it: what every control reads. */
export type TLiveItem = {
  id: string;
  status: TItemStatus;
  version: number;
  owner: string | null;
  /** YYYY-MM-DD */
  dueDate: string | null;
  naReason: string | null;
};

type TItemRow = { id: string; status: TItemStatus; version: number; owner: string | null; dueDate: Date | null; naReason: string | null };

export function toLiveItem(row: TItemRow): TLiveItem {
  return {
    id: row.id,
    status: row.status,
    version: row.version,
    owner: row.owner,
    dueDate: row.dueDate?.toISOString().slice(0, 10) ?? null,
    naReason: row.naReason,
  };
}
