import "server-only";
import { assertCan, type TActor } from "@/lib/auth/permissions";
import { getDb, type TDb } from "@/lib/db";
import { isId } from "@/lib/http/params";
import { loadReleaseVerdict } from "@/lib/data/releases/load-release-verdict";
import type { TReleaseStatus } from "@/lib/domain/checklist/types";
import type { TVerdict } from "@/lib/domain/verdict/types";

export type TVerdictSummary = Pick<TVerdict, "verdict" | "reasons" | "exceptions" | "progress">;
export type TSignOffView = {
  id: string;
  signer: string;
  capacity: string;
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
export type TReleaseLive = { seq: string; status: TReleaseStatus; verdict: TVerdictSummary; signOffs: TSignOffView[] };

type TSignOffRow = {
  id: string;
  capacity: string;
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
    decision: s.decision,
    comment: s.comment,
    verdictAtSigning: s.verdictAtSigning,
    signedAt: s.createdAt.toISOString(),
    invalidatedAt: s.invalidatedAt?.toISOString() ?? null,
    invalidatedReason: s.invalidatedReason,
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
  return { seq: loaded.release.seq.toString(), status: loaded.release.status, verdict: toVerdictSummary(loaded.verdict), signOffs: signOffs.map(toSignOffView) };
}
