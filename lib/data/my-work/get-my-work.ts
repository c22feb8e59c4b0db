import "server-only";
import { assertCan, can, type TActor } from "@/lib/auth/permissions";
import { loadSigner } from "@/lib/data/sign-offs/sign-off-state";
import { canFillSeat, signOffState } from "@/lib/domain/sign-off/sign-off-policy";
import { readSignOffPolicy } from "@/lib/domain/sign-off/sign-off-policy-schema";

/** The most sign-off requests My work lists, newest first. */
const MY_SIGN_OFFS = 50;
import { getDb, type TDb } from "@/lib/db";
import { getOwnerSelf } from "@/lib/data/owners/get-owner-self";
import { itemStatusLabel, type TItemStatus } from "@/lib/domain/checklist/types";
import { isOverdue, orderWork } from "@/lib/domain/owners/order-work";
import { ownerKey, ownerKeysOf, ownerLabel, teamOwner } from "@/lib/domain/owners/owners";
import { evaluateItem } from "@/lib/domain/verdict/evaluate-item";

export type TMyWorkItem = {
  itemId: string;
  itemKey: string;
  /** Markdown, as written. */
  text: string;
  releaseId: string;
  releaseName: string;
  status: TItemStatus;
  statusLabel: string;
  /** Why an item whose status would count still needs work (done without valid evidence, an expired waiver…). */
  note: string | null;
  /** "You", or the team of mine that owns it: "SRE (team)". */
  ownedBy: string;
  dueDate: string | null;
  isOverdue: boolean;
};

/** A release whose sign-off a release manager asked for, with the seats this person may still sign. */
export type TMySignOff = { releaseId: string; releaseName: string; seats: string[]; requestedBy: string | null; requestedAt: string };

export type TMyWork = { items: TMyWorkItem[]; teams: string[]; today: string; signOffs: TMySignOff[] };

/**
 * Across releases still open (not shipped, not cancelled), the items I or one of my teams own
 * that are not satisfied, by the verdict's own rule (evaluateItem): overdue first, then by due
 * date, then those without one.
 */
export async function getMyWork(actor: TActor, { db = getDb(), now = new Date() }: { db?: TDb; now?: Date } = {}): Promise<TMyWork> {
  assertCan(actor, "release:read");
  const today = now.toISOString().slice(0, 10);
  const self = await getOwnerSelf(actor, db);
  if (!self) return { items: [], teams: [], today, signOffs: [] };
  const signOffs = await loadMySignOffs(actor, db);
  const keys = ownerKeysOf(self);
  // Owners compare trimmed and case-insensitively (ownerKey), here as in "Mine".
  const candidates = await db.$queryRaw<{ id: string }[]>`
    SELECT i.id::text AS id FROM release_items i JOIN releases r ON r.id = i.release_id
    WHERE r.status NOT IN ('SHIPPED', 'CANCELLED') AND lower(btrim(i.owner)) IN (SELECT lower(k) FROM unnest(${keys}::text[]) AS k)`;
  if (candidates.length === 0) return { items: [], teams: self.teams, today, signOffs };

  const rows = await db.releaseItem.findMany({
    where: { id: { in: candidates.map((c) => c.id) } },
    orderBy: [{ release: { name: "asc" } }, { releaseId: "asc" }, { position: "asc" }],
    select: {
      id: true, key: true, text: true, kind: true, severity: true, status: true, owner: true, dueDate: true, naReason: true,
      evidenceRequired: true, evidenceMaxAgeDays: true, requiredLevel: true,
      release: { select: { id: true, name: true } },
      evidence: { select: { addedAt: true, expiresAt: true } },
      waivers: { select: { expiresAt: true, revokedAt: true } },
    },
  });
  const teamOf = new Map(self.teams.map((team) => [ownerKey(teamOwner(team)), team]));
  const items = rows.flatMap((row): TMyWorkItem[] => {
    const outcome = evaluateItem(row, now);
    if (outcome.state === "satisfied" || outcome.state === "exception") return [];
    const dueDate = row.dueDate?.toISOString().slice(0, 10) ?? null;
    const team = teamOf.get(ownerKey(row.owner ?? ""));
    const isStatusDone = row.status === "DONE" || row.status === "NOT_APPLICABLE" || row.status === "WAIVED";
    return [
      {
        itemId: row.id,
        itemKey: row.key,
        text: row.text,
        releaseId: row.release.id,
        releaseName: row.release.name,
        status: row.status,
        statusLabel: itemStatusLabel(row.status, row.kind),
        note: isStatusDone ? outcome.reason.message : null,
        ownedBy: team ? ownerLabel({ kind: "team", name: team }) : "You",
        dueDate,
        isOverdue: isOverdue(dueDate, today),
      },
    ];
  });
  return { items: orderWork(items, today), teams: self.teams, today, signOffs };
}

/**
 * Releases still open whose sign-off was asked for, where this person may fill a seat still
 * short of GO signatures and has not signed it (nor, when one person fills one seat, another).
 */
async function loadMySignOffs(actor: TActor, db: TDb): Promise<TMySignOff[]> {
  if (!actor.id || !can(actor, "release:sign-off")) return [];
  const signer = await loadSigner(db, actor.id);
  if (!signer) return [];
  // One read: every open release whose sign-off was asked for, with its policy and valid signatures.
  const requested = await db.release.findMany({
    where: { signOffRequestedAt: { not: null }, status: { in: ["DRAFT", "IN_REVIEW"] } },
    orderBy: { signOffRequestedAt: "desc" },
    select: {
      id: true, name: true, signOffPolicy: true, signOffRequestedAt: true,
      signOffRequestedBy: { select: { name: true, email: true } },
      signOffs: { where: { invalidatedAt: null }, select: { seatKey: true, userId: true, decision: true, selfApproved: true } },
    },
  });
  const found: TMySignOff[] = [];
  for (const release of requested) {
    const policy = readSignOffPolicy(release.signOffPolicy);
    const { seats } = signOffState(policy, release.signOffs, null);
    const signedAny = release.signOffs.some((s) => s.userId === actor.id);
    if (signedAny && !policy.allowMultipleSeats) continue;
    const mine = seats.filter((s) => !s.isFilled && canFillSeat(s.seat, signer) && ![...s.go, ...s.noGo].some((g) => g.userId === actor.id));
    if (mine.length === 0) continue;
    const by = release.signOffRequestedBy;
    found.push({ releaseId: release.id, releaseName: release.name, seats: mine.map((s) => s.seat.name), requestedBy: by ? (by.name ?? by.email) : null, requestedAt: release.signOffRequestedAt!.toISOString() });
    if (found.length === MY_SIGN_OFFS) break;
  }
  return found;
}
