import "server-only";
import { assertCan, can, type TActor } from "@/lib/auth/permissions";
import { loadSigner } from "@/lib/data/sign-offs/sign-off-state";
import { signOffTable, type TSignatureRecord, type TSignOffTable } from "@/lib/domain/sign-off/seat-views";
import { canFillSeat, type TSigner, type TSignOffPolicy } from "@/lib/domain/sign-off/sign-off-policy";
import { readSignOffPolicy } from "@/lib/domain/sign-off/sign-off-policy-schema";
import type { TVerdictValue } from "@/lib/domain/verdict/types";
import { getDb, type TDb } from "@/lib/db";
import { isId } from "@/lib/http/params";
import { loadReleaseVerdict } from "@/lib/data/releases/load-release-verdict";
import type { TReleaseStatus } from "@/lib/domain/checklist/types";
import type { TVerdict } from "@/lib/domain/verdict/types";

export type TVerdictSummary = Pick<TVerdict, "verdict" | "reasons" | "exceptions" | "progress">;
export type TSignOffView = {
  id: string;
  signer: string;
  /** The seat's name, and its key in the release's sign-off policy. */
  capacity: string;
  seat: string;
  contentHash: string;
  selfApproved: boolean;
  decision: "GO" | "NO_GO";
  comment: string | null;
  verdictAtSigning: string;
  signedAt: string;
  invalidatedAt: string | null;
  invalidatedReason: string | null;
};

/**
 * What the release page shows about the whole release, read fresh after every change: the
 * verdict, the status, the sign-offs. `seq` is the release's newest audit event when it was
 * read (read first, so the rest is at least that new): the page keeps the newest answer.
 */
export type TReleaseLive = {
  seq: string;
  status: TReleaseStatus;
  verdict: TVerdictSummary;
  signOffs: TSignOffView[];
  /** Each seat: who may sign, who signed, what is missing, who must sign again. */
  signOffTable: TSignOffTable;
  /** The seats the reader may sign (none for a reader who fills no seat). */
  mySeats: { key: string; name: string }[];
  signOffRequested: { by: string | null; at: string } | null;
};

export type TSignOffRow = {
  id: string;
  userId: string;
  capacity: string;
  seatKey: string;
  contentHash: string;
  selfApproved: boolean;
  decision: "GO" | "NO_GO";
  comment: string | null;
  verdictAtSigning: string;
  createdAt: Date;
  invalidatedAt: Date | null;
  invalidatedReason: string | null;
  user: { email: string; name: string | null };
};

export function toSignOffView(s: TSignOffRow): TSignOffView {
  return {
    id: s.id,
    signer: s.user.name ?? s.user.email,
    capacity: s.capacity,
    seat: s.seatKey,
    contentHash: s.contentHash,
    selfApproved: s.selfApproved,
    decision: s.decision,
    comment: s.comment,
    verdictAtSigning: s.verdictAtSigning,
    signedAt: s.createdAt.toISOString(),
    invalidatedAt: s.invalidatedAt?.toISOString() ?? null,
    invalidatedReason: s.invalidatedReason,
  };
}

/** A sign-off row as the seats table reads it. */
export function toSignatureRecord(s: TSignOffRow): TSignatureRecord {
  return {
    seatKey: s.seatKey, userId: s.userId, signer: s.user.name ?? s.user.email, decision: s.decision, comment: s.comment, selfApproved: s.selfApproved,
    signedAt: s.createdAt.toISOString(), invalidatedAt: s.invalidatedAt?.toISOString() ?? null, invalidatedReason: s.invalidatedReason,
  };
}

export function toVerdictSummary(verdict: TVerdict): TVerdictSummary {
  return { verdict: verdict.verdict, reasons: verdict.reasons, exceptions: verdict.exceptions, progress: verdict.progress };
}

export async function getReleaseLive(actor: TActor, releaseId: string, { now = new Date(), db = getDb() }: { now?: Date; db?: TDb } = {}): Promise<TReleaseLive | null> {
  assertCan(actor, "release:read");
  if (!isId(releaseId)) return null;
  // The revision comes with the release's rules, read first, so the sign-offs are at least that new.
  const loaded = await loadReleaseVerdict(db, releaseId, now, { outsideTransaction: true });
  if (!loaded) return null;
  const signOffs = await db.signOff.findMany({ where: { releaseId }, orderBy: { createdAt: "desc" }, include: { user: { select: { email: true, name: true } } } });
  return {
    seq: loaded.release.seq.toString(),
    status: loaded.release.status,
    verdict: toVerdictSummary(loaded.verdict),
    signOffs: signOffs.map(toSignOffView),
    ...(await loadSignOffTable(db, actor, releaseId, signOffs, loaded.verdict.verdict)),
  };
}

/** The release's sign-off table, the seats this reader may sign, and whether sign-off was asked for. */
/** The release's columns the sign-off table reads (SIGN_OFF_COLUMNS selects them). */
export type TSignOffSource = { signOffPolicy: unknown; signOffRequestedAt: Date | null; signOffRequestedBy: { name: string | null; email: string } | null };
export const SIGN_OFF_COLUMNS = { signOffPolicy: true, signOffRequestedAt: true, signOffRequestedBy: { select: { name: true, email: true } } } as const;

export async function loadSignOffTable(
  db: TDb,
  actor: TActor,
  /** The release's id, or its sign-off columns when the caller read them already. */
  source: string | TSignOffSource,
  signOffs: TSignOffRow[],
  verdict: TVerdictValue,
): Promise<Pick<TReleaseLive, "signOffTable" | "mySeats" | "signOffRequested">> {
  const [release, signer] = await Promise.all([
    typeof source === "string" ? db.release.findUniqueOrThrow({ where: { id: source }, select: SIGN_OFF_COLUMNS }) : source,
    actor.id && can(actor, "release:sign-off") ? loadSigner(db, actor.id) : null,
  ]);
  const policy = readSignOffPolicy(release.signOffPolicy);
  const records = signOffs.map(toSignatureRecord);
  const by = release.signOffRequestedBy;
  return {
    signOffTable: signOffTable(policy, records, verdict),
    mySeats: signer && actor.id ? mySeats(policy, records, signer, actor.id) : [],
    signOffRequested: release.signOffRequestedAt ? { by: by ? (by.name ?? by.email) : null, at: release.signOffRequestedAt.toISOString() } : null,
  };
}

/** The seats this person may sign now: those they may fill, or, one seat per person, the one they signed. */
function mySeats(policy: TSignOffPolicy, records: TSignatureRecord[], signer: TSigner, userId: string): { key: string; name: string }[] {
  const fillable = policy.seats.filter((seat) => canFillSeat(seat, signer));
  const signed = records.find((r) => r.userId === userId && r.invalidatedAt === null && fillable.some((seat) => seat.key === r.seatKey));
  const seats = signed && !policy.allowMultipleSeats ? fillable.filter((seat) => seat.key === signed.seatKey) : fillable;
  return seats.map(({ key, name }) => ({ key, name }));
}
