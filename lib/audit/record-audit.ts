import type { TActor } from "@/lib/auth/permissions";
import { assertAuditPayload, type TAuditAction, type TAuditAfter, type TAuditBefore } from "@/lib/domain/audit/audit-events";
import type { Prisma } from "@/lib/generated/prisma/client";

export type TTx = Prisma.TransactionClient;

/** An event to record, its payload typed by its action (lib/domain/audit/audit-events.ts). */
export type TAuditInput = {
  [A in TAuditAction]: {
    action: A;
    entityType: string;
    entityId: string;
    releaseId?: string | null;
    before?: TAuditBefore<A>;
    after?: TAuditAfter<A>;
  };
}[TAuditAction];

function toJson(value: unknown): Prisma.InputJsonValue | undefined {
  if (value === undefined || value === null) return undefined;
  return JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue;
}

/**
 * Writes the audit event of a change; call it inside the change's own transaction, last.
 * Its insert takes the chain's advisory lock (the database trigger), so a release-scoped
 * change must already hold its release's row lock (lib/data/releases/write-release.ts).
 */
export async function recordAudit(tx: TTx, actor: TActor, event: TAuditInput): Promise<bigint> {
  const before = toJson(event.before);
  const after = toJson(event.after);
  assertAuditPayload(event.action, before, after);
  const { seq } = await tx.auditEvent.create({
    select: { seq: true },
    data: {
      actorId: actor.id,
      actorLabel: actor.label,
      action: event.action,
      entityType: event.entityType,
      entityId: event.entityId,
      releaseId: event.releaseId ?? null,
      before,
      after,
      requestId: actor.requestId ?? null,
      ip: actor.ip ?? null,
      userAgent: actor.userAgent?.slice(0, 500) ?? null,
    },
  });
  // The chaining trigger numbered it: the release's new revision (lib/data/releases/revision-cache.ts).
  return seq;
}
