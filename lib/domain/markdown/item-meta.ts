import { ITEM_KINDS, ITEM_STATUSES, itemStatusLabel, type TItemKind, type TItemStatus } from "@/lib/domain/checklist/types";

// Sub-bullets that our own markdown export writes under an item, read back on import so
// a release survives the round trip: "Status: Blocked", "Owner: …", "N/A: …", "Evidence: …".
// A no-go condition's words are read too: "Status: Holds" is BLOCKED, "Does not hold" DONE.

export type TItemMeta = { status?: TItemStatus; owner?: string; naReason?: string; evidenceLink?: string };

export function statusLabel(status: TItemStatus, kind: TItemKind = "CHECK"): string {
  return itemStatusLabel(status, kind);
}

function parseStatus(value: string): TItemStatus | undefined {
  const wanted = value.trim().replace(/\s+/g, " ").toLowerCase();
  return ITEM_STATUSES.find(
    (status) => status.toLowerCase() === wanted || ITEM_KINDS.some((kind) => itemStatusLabel(status, kind).toLowerCase() === wanted),
  );
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
