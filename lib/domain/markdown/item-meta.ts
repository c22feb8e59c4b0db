import { ITEM_STATUSES, ITEM_STATUS_LABELS, type TItemStatus } from "@/lib/domain/checklist/types";

// Sub-bullets that our own markdown export writes under an item, read back on import so
// a release survives the round trip: "Status: Blocked", "Owner: …", "N/A: …", "Evidence: …".

export type TItemMeta = { status?: TItemStatus; owner?: string; naReason?: string; evidenceLink?: string };

export function statusLabel(status: TItemStatus): string {
  return ITEM_STATUS_LABELS[status];
}

function parseStatus(value: string): TItemStatus | undefined {
  const wanted = value.trim().toLowerCase();
  return ITEM_STATUSES.find((status) => ITEM_STATUS_LABELS[status].toLowerCase() === wanted || status.toLowerCase() === wanted);
}

/** The meta a sub-bullet's text carries, or null when it is ordinary content. */
export function parseItemMeta(text: string): TItemMeta | null {
  const match = /^(Status|Owner|N\/A|Evidence):\s+(.+)$/.exec(text.trim());
  if (!match) return null;
  const [, label, rawValue] = match as unknown as [string, string, string];
  const value = rawValue.trim();
  switch (label) {
    case "Status": {
      const status = parseStatus(value);
      return status ? { status } : null;
    }
    case "Owner":
      return { owner: value };
    case "N/A":
      return { naReason: value };
    default: {
      const link = /^<?(https?:\/\/[^\s>]+)>?$/.exec(value);
      return link ? { evidenceLink: link[1] } : null;
    }
  }
}
