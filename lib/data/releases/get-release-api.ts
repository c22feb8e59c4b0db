import "server-only";
import { toSignatureRecord } from "@/lib/data/releases/get-release-live";
import { signOffTable, type TSignOffTable } from "@/lib/domain/sign-off/seat-views";
import { readSignOffPolicy } from "@/lib/domain/sign-off/sign-off-policy-schema";
import { assertCan, type TActor } from "@/lib/auth/permissions";
import { getDb, type TDb } from "@/lib/db";
import { loadReleaseVerdict } from "@/lib/data/releases/load-release-verdict";
import { isId } from "@/lib/http/params";
import type { TItemKind, TItemStatus, TReleaseStatus, TSeverity } from "@/lib/domain/checklist/types";
import type { TVerdict } from "@/lib/domain/verdict/types";

// A release as the REST API gives it: the release, its verdict with reasons, and its items by key.

export type TApiVerdict = Pick<TVerdict, "verdict" | "reasons" | "advisories" | "exceptions" | "progress">;

export type TApiItem = {
  key: string;
  text: string;
  kind: TItemKind;
  /** The same as kind (the word for it). */
  role: TItemKind;
  severity: TSeverity;
  status: TItemStatus;
  version: number;
  owner: string | null;
  naReason: string | null;
  ciCheck: string | null;
  releaseOnly: boolean;
};

export type TApiRelease = {
  id: string;
  name: string;
  service: string;
  version: string;
  environment: string;
  status: TReleaseStatus;
  targetDate: string | null;
  targetLevel: string | null;
  targetCommit: string | null;
  templateVersionId: string;
  createdAt: string;
  verdict: TApiVerdict;
  signOff: TSignOffTable;
  items: TApiItem[];
};

export function apiVerdictOf(verdict: TVerdict): TApiVerdict {
  const { verdict: value, reasons, advisories, exceptions, progress } = verdict;
  return { verdict: value, reasons, advisories, exceptions, progress };
}

export async function getApiVerdict(actor: TActor, releaseId: string, { db = getDb(), now = new Date() }: { db?: TDb; now?: Date } = {}): Promise<TApiVerdict | null> {
  assertCan(actor, "release:read");
  if (!isId(releaseId)) return null;
  const loaded = await loadReleaseVerdict(db, releaseId, now, { outsideTransaction: true });
  return loaded ? apiVerdictOf(loaded.verdict) : null;
}

export async function getApiRelease(actor: TActor, releaseId: string, { db = getDb(), now = new Date() }: { db?: TDb; now?: Date } = {}): Promise<TApiRelease | null> {
  assertCan(actor, "release:read");
  if (!isId(releaseId)) return null;
  const [release, loaded, items, signOffs] = await Promise.all([
    db.release.findUnique({ where: { id: releaseId } }),
    loadReleaseVerdict(db, releaseId, now, { outsideTransaction: true }),
    db.releaseItem.findMany({
      where: { releaseId },
      orderBy: { position: "asc" },
      select: { key: true, text: true, kind: true, severity: true, status: true, version: true, owner: true, naReason: true, ciCheck: true, releaseOnly: true },
    }),
    db.signOff.findMany({ where: { releaseId }, orderBy: { createdAt: "desc" }, include: { user: { select: { email: true, name: true } } } }),
  ]);
  if (!release || !loaded) return null;
  return {
    id: release.id,
    name: release.name,
    service: release.service,
    version: release.version,
    environment: release.environment,
    status: release.status,
    targetDate: release.targetDate?.toISOString().slice(0, 10) ?? null,
    targetLevel: release.targetLevel,
    targetCommit: release.targetCommit,
    templateVersionId: release.templateVersionId,
    createdAt: release.createdAt.toISOString(),
    verdict: apiVerdictOf(loaded.verdict),
    signOff: signOffTable(readSignOffPolicy(release.signOffPolicy), signOffs.map(toSignatureRecord), loaded.verdict.verdict),
    items: items.map((item) => ({ ...item, role: item.kind })),
  };
}

/** The item of a release with this key, or null. */
export async function findReleaseItem(db: TDb, releaseId: string, key: string): Promise<{ id: string; version: number } | null> {
  if (!isId(releaseId)) return null;
  return db.releaseItem.findUnique({ where: { releaseId_key: { releaseId, key } }, select: { id: true, version: true } });
}
