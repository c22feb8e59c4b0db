import "server-only";
import type { TActor } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record-audit";
import { getDb, type TDb } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { requestLogger } from "@/lib/log";
import { runTransaction } from "@/lib/data/run-transaction";

export type TSignInProfile = { email: string | null | undefined; name?: string | null; image?: string | null; isEmailVerified?: boolean };
export type TAdmission = { ok: true; userId: string } | { ok: false };

function defaultRules(): TAdmissionRules {
  const env = getEnv();
  return { allowedDomains: env.PREFLIGHT_ALLOWED_EMAIL_DOMAINS, adminEmails: env.PREFLIGHT_ADMIN_EMAILS };
}

const SIGN_IN: TActor = { id: null, label: "system:sign-in", role: "ADMIN" };

/**
 * Decides whether a person who proved their identity may sign in, creating their user on
 * first sign-in (as a viewer, or an admin when listed in PREFLIGHT_ADMIN_EMAILS). The
 * reason for a refusal is logged, never shown: the sign-in page says the same thing to all.
 */
export type TAdmissionRules = { allowedDomains: string[]; adminEmails: string[] };

export async function admitUser(
  profile: TSignInProfile,
  { db = getDb(), rules = defaultRules() }: { db?: TDb; rules?: TAdmissionRules } = {},
): Promise<TAdmission> {
  const log = requestLogger("sign-in");
  const email = profile.email?.trim().toLowerCase();
  if (!email || profile.isEmailVerified === false) {
    log.warn("sign-in refused: no verified email");
    return { ok: false };
  }
  const domain = email.slice(email.lastIndexOf("@") + 1);
  if (rules.allowedDomains.length > 0 && !rules.allowedDomains.includes(domain)) {
    log.warn({ domain }, "sign-in refused: email domain not allowed");
    return { ok: false };
  }
  const isListedAdmin = rules.adminEmails.includes(email);

  return runTransaction(db, async (tx) => {
    const existing = await tx.user.findUnique({ where: { email } });
    if (existing?.disabledAt) {
      log.warn({ userId: existing.id }, "sign-in refused: account disabled");
      return { ok: false as const };
    }
    if (!existing) {
      const user = await tx.user.create({
        data: { email, name: profile.name ?? null, image: profile.image ?? null, role: isListedAdmin ? "ADMIN" : "VIEWER" },
      });
      await recordAudit(tx, SIGN_IN, { action: "user.create", entityType: "User", entityId: user.id, after: { email, role: user.role } });
      return { ok: true as const, userId: user.id };
    }
    if (isListedAdmin && existing.role !== "ADMIN") {
      await tx.user.update({ where: { id: existing.id }, data: { role: "ADMIN", sessionGeneration: { increment: 1 } } });
      await recordAudit(tx, SIGN_IN, {
        action: "user.role.update",
        entityType: "User",
        entityId: existing.id,
        before: { role: existing.role },
        after: { role: "ADMIN", reason: "listed in PREFLIGHT_ADMIN_EMAILS" },
      });
    }
    return { ok: true as const, userId: existing.id };
  });
}
