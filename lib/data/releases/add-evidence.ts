import "server-only";
import { z } from "zod";
import { zText } from "@/lib/data/text";
import { assertCan, type TActor } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record-audit";
import { getDb, type TDb } from "@/lib/db";
import { fail, ok, type TResult } from "@/lib/data/result";
import { invalidateSignOffs } from "@/lib/data/sign-offs/invalidate-sign-offs";

const ZHttpUrl = z.url({ protocol: /^https?$/, error: "Use an http:// or https:// link" });

export const ZAddEvidence = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("LINK"), itemId: z.uuid(), url: ZHttpUrl, note: zText().trim().max(2000).optional() }),
  z.object({ kind: z.literal("NOTE"), itemId: z.uuid(), note: zText().trim().min(1, "Write the note").max(5000) }),
]);
export type TAddEvidence = z.input<typeof ZAddEvidence>;

export async function addEvidence(actor: TActor, input: TAddEvidence, db: TDb = getDb()): Promise<TResult<{ evidenceId: string; releaseId: string }>> {
  assertCan(actor, "evidence:add");
  const parsed = ZAddEvidence.safeParse(input);
  if (!parsed.success) return fail("invalid", "The evidence is not valid.", z.flattenError(parsed.error).fieldErrors);
  const evidence = parsed.data;
  return db.$transaction(async (tx) => {
    const item = await tx.releaseItem.findUnique({ where: { id: evidence.itemId } });
    if (!item) return fail<{ evidenceId: string; releaseId: string }>("not_found", "That item does not exist.");
    const row = await tx.evidence.create({
      data: {
        releaseItemId: item.id,
        kind: evidence.kind,
        url: evidence.kind === "LINK" ? evidence.url : null,
        note: evidence.note || null,
        addedById: actor.id,
      },
    });
    const invalidatedSignOffs = await invalidateSignOffs(tx, actor, item.releaseId, `Evidence added to “${item.text}”`);
    await recordAudit(tx, actor, {
      action: "evidence.add",
      entityType: "Evidence",
      entityId: row.id,
      releaseId: item.releaseId,
      after: { itemId: item.id, kind: row.kind, url: row.url, note: row.note, invalidatedSignOffs },
    });
    return ok({ evidenceId: row.id, releaseId: item.releaseId });
  });
}
