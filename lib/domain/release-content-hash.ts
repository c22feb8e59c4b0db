import { sha256Hex } from "@/lib/domain/hashing";

export type THashableItem = {
  key: string;
  status: string;
  owner: string | null;
  dueDate: Date | null;
  naReason: string | null;
  evidence: { id: string; expiresAt: Date | null }[];
  waivers: { id: string; expiresAt: Date | null; revokedAt: Date | null }[];
};

/**
 * A fingerprint of everything a sign-off vouches for: each item's state, its evidence and
 * its waivers. Any change to them gives another hash.
 */
export function releaseContentHash(items: THashableItem[]): string {
  const canonical = [...items]
    .sort((a, b) => a.key.localeCompare(b.key))
    .map((item) => [
      item.key,
      item.status,
      item.owner,
      item.dueDate?.toISOString() ?? null,
      item.naReason,
      item.evidence.map((e) => [e.id, e.expiresAt?.toISOString() ?? null]).sort(),
      item.waivers.map((w) => [w.id, w.expiresAt?.toISOString() ?? null, w.revokedAt?.toISOString() ?? null]).sort(),
    ]);
  return sha256Hex(JSON.stringify(canonical));
}
