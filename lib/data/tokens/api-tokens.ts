import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import { assertCan, fieldOf, type TActor } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record-audit";
import { getDb, type TDb } from "@/lib/db";
import { fail, ok, type TResult } from "@/lib/data/result";
import { runTransaction } from "@/lib/data/run-transaction";
import { zText } from "@/lib/data/text";

// API tokens (docs/decisions/0009-api-tokens.md). A token reads "pfl_<prefix>_<secret>": the
// prefix is public (lists and logs name a token by it), the whole token is shown once and
// stored as its SHA-256. A token acts with its role, never an admin's, and as "token:<name>".

export const TOKEN_ROLES = ["VIEWER", "MEMBER", "RELEASE_MANAGER"] as const;
export type TTokenRole = (typeof TOKEN_ROLES)[number];

export const ZCreateApiToken = z.object({
  name: zText().trim().min(1, "Name the token (what uses it, e.g. “ci”)").max(100),
  role: z.enum(TOKEN_ROLES, "Choose viewer, member or release manager"),
  expiresInDays: z.coerce.number().int().min(1).max(3650).optional(),
});
export type TCreateApiToken = z.input<typeof ZCreateApiToken>;

export type TApiTokenView = {
  id: string;
  name: string;
  role: TTokenRole;
  prefix: string;
  createdAt: string;
  createdBy: string | null;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
};

export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** The public part of a token ("pfl_1a2b3c4d"), or null when it is not shaped like one. */
export function tokenPrefixOf(token: string): string | null {
  return /^(pfl_[0-9a-f]{8})_[A-Za-z0-9_-]{43}$/.exec(token)?.[1] ?? null;
}

/** Creates a token; the answer holds it, once. Audited with its name, role, prefix and expiry. */
export async function createApiToken(
  actor: TActor,
  input: TCreateApiToken,
  db: TDb = getDb(),
  now = new Date(),
): Promise<TResult<{ id: string; token: string; prefix: string; expiresAt: string | null }>> {
  assertCan(actor, "tokens:manage");
  const parsed = ZCreateApiToken.safeParse(input);
  if (!parsed.success) return fail("invalid", "Check the token's name, role and expiry.", z.flattenError(parsed.error).fieldErrors);
  const { name, role, expiresInDays } = parsed.data;
  const prefix = `pfl_${randomBytes(4).toString("hex")}`;
  const token = `${prefix}_${randomBytes(32).toString("base64url")}`;
  const expiresAt = expiresInDays ? new Date(now.getTime() + expiresInDays * 86_400_000) : null;
  return runTransaction(db, async (tx) => {
    const created = await tx.apiToken.create({ data: { name, role, prefix, tokenHash: hashToken(token), createdById: actor.id, expiresAt } });
    await recordAudit(tx, actor, {
      action: "token.create",
      entityType: "ApiToken",
      entityId: created.id,
      after: { name, role, prefix, expiresAt: expiresAt?.toISOString() ?? null },
    });
    return ok({ id: created.id, token, prefix, expiresAt: expiresAt?.toISOString() ?? null });
  });
}

export async function revokeApiToken(actor: TActor, input: { tokenId: unknown }, db: TDb = getDb(), now = new Date()): Promise<TResult<{ prefix: string }>> {
  assertCan(actor, "tokens:manage", { entityType: "ApiToken", entityId: fieldOf(input, "tokenId") });
  const tokenId = z.uuid().safeParse(input.tokenId);
  if (!tokenId.success) return fail("not_found", "That token does not exist.");
  return runTransaction(db, async (tx) => {
    const [token] = await tx.$queryRaw<{ name: string; role: TTokenRole; prefix: string; revoked_at: Date | null }[]>`
      SELECT name, role, prefix, revoked_at FROM api_tokens WHERE id = ${tokenId.data}::uuid FOR UPDATE`;
    if (!token) return fail("not_found", "That token does not exist.");
    if (token.revoked_at) return ok({ prefix: token.prefix });
    await tx.apiToken.update({ where: { id: tokenId.data }, data: { revokedAt: now, revokedById: actor.id } });
    await recordAudit(tx, actor, {
      action: "token.revoke",
      entityType: "ApiToken",
      entityId: tokenId.data,
      before: { name: token.name, role: token.role, prefix: token.prefix },
    });
    return ok({ prefix: token.prefix });
  });
}

export async function listApiTokens(actor: TActor, db: TDb = getDb()): Promise<TApiTokenView[]> {
  assertCan(actor, "tokens:manage");
  const tokens = await db.apiToken.findMany({ orderBy: [{ revokedAt: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }], include: { createdBy: { select: { email: true, name: true } } } });
  return tokens.map((t) => ({
    id: t.id,
    name: t.name,
    role: t.role as TTokenRole,
    prefix: t.prefix,
    createdAt: t.createdAt.toISOString(),
    createdBy: t.createdBy ? (t.createdBy.name ?? t.createdBy.email) : null,
    expiresAt: t.expiresAt?.toISOString() ?? null,
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
    revokedAt: t.revokedAt?.toISOString() ?? null,
  }));
}

export type TTokenActor = TActor & { tokenId: string };

/** "Last used" is written at most once a minute per token: a busy CI job does not write on every call. */
const LAST_USED_EVERY_MS = 60_000;

/**
 * The actor a bearer token stands for, or why it does not stand for one. An unknown, revoked
 * or expired token gets the same answer, so a caller cannot tell which tokens exist.
 */
export async function authenticateToken(token: string, db: TDb = getDb(), now = new Date()): Promise<TTokenActor | null> {
  if (!tokenPrefixOf(token)) return null;
  const found = await db.apiToken.findUnique({ where: { tokenHash: hashToken(token) } });
  if (!found || found.revokedAt || (found.expiresAt && found.expiresAt <= now)) return null;
  if (!found.lastUsedAt || now.getTime() - found.lastUsedAt.getTime() > LAST_USED_EVERY_MS) {
    await db.apiToken.update({ where: { id: found.id }, data: { lastUsedAt: now } });
  }
  return { id: null, tokenId: found.id, label: `token:${found.name} (${found.prefix})`, role: found.role };
}
