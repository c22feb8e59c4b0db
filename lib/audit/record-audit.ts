import type { TActor } from "@/lib/auth/permissions";
import type { Prisma } from "@/lib/generated/prisma/client";

export type TTx = Prisma.TransactionClient;

export type TAuditInput = {
  action: string;
  entityType: string;
  entityId: string;
  releaseId?: string | null;
  before?: unknown;
  after?: unknown;
};

function toJson(value: unknown): Prisma.InputJsonValue | undefined {
  if (value === undefined || value === null) return undefined;
  return JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue;
}

/** Writes the audit event of a change; call it inside the change's own transaction. */
export async function recordAudit(tx: TTx, actor: TActor, event: TAuditInput): Promise<void> {
  await tx.auditEvent.create({
    data: {
      actorId: actor.id,
      actorLabel: actor.label,
      action: event.action,
      entityType: event.entityType,
      entityId: event.entityId,
      releaseId: event.releaseId ?? null,
      before: toJson(event.before),
      after: toJson(event.after),
      requestId: actor.requestId ?? null,
      ip: actor.ip ?? null,
      userAgent: actor.userAgent?.slice(0, 500) ?? null,
    },
  });
}
