import "server-only";
import { assertCan, type TActor } from "@/lib/auth/permissions";
import { getDb, type TDb } from "@/lib/db";
import { loadSignOffTable, SIGN_OFF_COLUMNS, toSignOffView, type TReleaseLive, type TSignOffView } from "@/lib/data/releases/get-release-live";
import { readRevision, RevisionCache } from "@/lib/data/releases/revision-cache";
import { toReleaseHeader, type TReleaseHeader } from "@/lib/data/releases/release-header";
import type { TItemKind, TItemStatus, TSeverity } from "@/lib/domain/checklist/types";
import { computeVerdict, isBlockingFor } from "@/lib/domain/verdict/compute-verdict";
import { evaluateItem, isWaiverActive } from "@/lib/domain/verdict/evaluate-item";
import { evidenceExpiry } from "@/lib/domain/verdict/evidence-expiry";
import type { TVerdict } from "@/lib/domain/verdict/types";

export type TItemView = {
  id: string;
  key: string;
  text: string;
  detail: string | null;
  kind: TItemKind;
  severity: TSeverity;
  isBlocking: boolean;
  status: TItemStatus;
  owner: string | null;
  dueDate: string | null;
  naReason: string | null;
  version: number;
  isSatisfied: boolean;
  isEvidenceStale: boolean;
  /** Added to this release only, not from its template. */
  releaseOnly: boolean;
  /** The CI check whose results mark the item done or blocked. */
  ciCheck: string | null;
  /** "Evidence expires in 3 days" and the like, when a maximum age or an evidence expiry applies. */
  evidenceExpiry: string | null;
  /** `expiresAt`: YYYY-MM-DD, the last day it counts. */
  evidence: { id: string; kind: string; url: string | null; note: string | null; addedBy: string | null; addedAt: string; expiresAt: string | null; ciStatus: string | null }[];
  waivers: {
    id: string;
    reason: string;
    compensatingControl: string;
    approver: string;
    expiresAt: string | null;
    isActive: boolean;
    revoked: { by: string | null; on: string; reason: string | null } | null;
  }[];
  comments: { id: string; author: string | null; body: string; createdAt: string }[];
  children: TItemView[];
};
/** `blockingKeys`: the blocking items in it and its subsections; the page counts the satisfied ones live, from the verdict. */
export type TSectionView = { id: string; title: string; blockingKeys: string[]; items: TItemView[]; sections: TSectionView[] };
export type TReleaseView = {
  release: TReleaseHeader;
  verdict: TVerdict;
  sections: TSectionView[];
  signOffs: TSignOffView[];
  signOffTable: TReleaseLive["signOffTable"];
  mySeats: TReleaseLive["mySeats"];
  signOffRequested: TReleaseLive["signOffRequested"];
  /** When it shipped or was cancelled, by whom, and why (cancelled); null while in preparation. */
  closure: { at: string; by: string | null; reason: string | null } | null;
  /** The release's newest audit event when this was read. */
  seq: string;
};

function readRelease(db: TDb, releaseId: string) {
  return db.release.findUnique({
    where: { id: releaseId },
    include: {
      templateVersion: { select: { title: true, number: true, levels: true } },
      closedBy: { select: { email: true, name: true } },
      signOffRequestedBy: SIGN_OFF_COLUMNS.signOffRequestedBy,
      sections: { orderBy: { position: "asc" } },
      items: {
        orderBy: { position: "asc" },
        include: {
          evidence: { orderBy: { addedAt: "asc" }, include: { addedBy: { select: { email: true, name: true } } } },
          waivers: { orderBy: { createdAt: "asc" }, include: { approver: { select: { email: true, name: true } }, revokedBy: { select: { email: true, name: true } } } },
          comments: { orderBy: { createdAt: "asc" }, include: { author: { select: { email: true, name: true } } } },
        },
      },
      signOffs: { orderBy: { createdAt: "desc" }, include: { user: { select: { email: true, name: true } } } },
    },
  });
}
type TLoadedRelease = NonNullable<Awaited<ReturnType<typeof readRelease>>>;

/** The release page's rows by revision; weighed by items (each carries its evidence, waivers, comments). */
const loadedReleases = new RevisionCache<TLoadedRelease>(100_000, (release) => release.items.length + release.sections.length + 1);

async function loadRelease(db: TDb, releaseId: string, seq: bigint): Promise<TLoadedRelease | null> {
  const release = await readRelease(db, releaseId);
  if (release) loadedReleases.set(releaseId, seq, release);
  return release;
}

/** Everything the release page shows, shaped for it. */
export async function getReleaseView(actor: TActor, releaseId: string, { db = getDb(), now = new Date() }: { db?: TDb; now?: Date } = {}): Promise<TReleaseView | null> {
  assertCan(actor, "release:read");
  const seq = await readRevision(db, releaseId);
  // Read once per revision (lib/data/releases/revision-cache.ts); what depends on the time
  // (stale evidence, expired waivers, "expires in 3 days") is derived below at every read.
  const release = loadedReleases.get(releaseId, seq) ?? (await loadRelease(db, releaseId, seq));
  if (!release) return null;
  const { levels } = release.templateVersion;
  const verdict = computeVerdict({ items: release.items, levels, targetLevel: release.targetLevel, now });

  const toView = (item: (typeof release.items)[number]): TItemView => {
    const outcome = evaluateItem(item, now);
    return {
      id: item.id,
      key: item.key,
      text: item.text,
      detail: item.detail,
      kind: item.kind,
      severity: item.severity,
      isBlocking: isBlockingFor(item, levels, release.targetLevel),
      status: item.status,
      owner: item.owner,
      dueDate: item.dueDate?.toISOString().slice(0, 10) ?? null,
      naReason: item.naReason,
      version: item.version,
      isSatisfied: outcome.state === "satisfied" || outcome.state === "exception",
      isEvidenceStale: outcome.state === "not_done" && outcome.reason.code === "EVIDENCE_STALE",
      releaseOnly: item.releaseOnly,
      ciCheck: item.ciCheck,
      evidenceExpiry: evidenceExpiry(item, now)?.text ?? null,
      evidence: item.evidence.map((e) => ({
        id: e.id,
        kind: e.kind,
        url: e.url,
        note: e.note,
        // Evidence posted through the API has no person: a CI result says it came from CI.
        addedBy: e.addedBy?.name ?? e.addedBy?.email ?? (e.kind === "CI_RESULT" ? "CI" : null),
        ciStatus: e.ciStatus,
        addedAt: e.addedAt.toISOString(),
        expiresAt: e.expiresAt?.toISOString().slice(0, 10) ?? null,
      })),
      waivers: item.waivers.map((w) => ({
        id: w.id,
        reason: w.reason,
        compensatingControl: w.compensatingControl,
        approver: w.approver.name ?? w.approver.email,
        expiresAt: w.expiresAt?.toISOString().slice(0, 10) ?? null,
        isActive: isWaiverActive(w, now),
        revoked: w.revokedAt
          ? { by: w.revokedBy?.name ?? w.revokedBy?.email ?? null, on: w.revokedAt.toISOString().slice(0, 10), reason: w.revokeReason }
          : null,
      })),
      comments: item.comments.map((c) => ({ id: c.id, author: c.author?.name ?? c.author?.email ?? null, body: c.body, createdAt: c.createdAt.toISOString() })),
      children: [],
    };
  };

  const views = new Map(release.items.map((item) => [item.id, toView(item)]));
  for (const item of release.items) if (item.parentId) views.get(item.parentId)?.children.push(views.get(item.id)!);
  const blockingIn = (items: TItemView[]): TItemView[] => items.flatMap((it) => [...(it.isBlocking ? [it] : []), ...blockingIn(it.children)]);
  const sectionsOf = (parentId: string | null): TSectionView[] =>
    release.sections
      .filter((s) => s.parentId === parentId)
      .map((s) => {
        const items = release.items.filter((i) => i.sectionId === s.id && !i.parentId).map((i) => views.get(i.id)!);
        const sections = sectionsOf(s.id);
        const blocking = blockingIn(items);
        const blockingKeys = [...blocking.map((i) => i.key), ...sections.flatMap((child) => child.blockingKeys)];
        return { id: s.id, title: s.title, blockingKeys, items, sections };
      });

  return {
    release: toReleaseHeader(release),
    verdict,
    sections: sectionsOf(null),
    signOffs: release.signOffs.map(toSignOffView),
    // From the rows read for this revision: no second read of the release.
    ...(await loadSignOffTable(db, actor, release, release.signOffs, verdict.verdict)),
    closure: release.closedAt
      ? { at: release.closedAt.toISOString(), by: release.closedBy?.name ?? release.closedBy?.email ?? null, reason: release.closeReason }
      : null,
    seq: seq.toString(),
  };
}
