import "server-only";
import { z } from "zod";
import { zText } from "@/lib/data/text";
import { assertCan, type TActor } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record-audit";
import { getDb, type TDb } from "@/lib/db";
import { fail, ok, type TResult } from "@/lib/data/result";

export const ZAddComment = z.object({ itemId: z.uuid(), body: zText().trim().min(1, "Write a comment").max(5000) });
export type TAddComment = z.infer<typeof ZAddComment>;

/** Comments discuss an item; they do not change what a sign-off vouches for. */
export async function addComment(actor: TActor, input: TAddComment, db: TDb = getDb()): Promise<TResult<{ commentId: string; releaseId: string }>> {
  assertCan(actor, "comment:add");
  const parsed = ZAddComment.safeParse(input);
  if (!parsed.success) return fail("invalid", "The comment is empty.", z.flattenError(parsed.error).fieldErrors);
  return db.$transaction(async (tx) => {
    const item = await tx.releaseItem.findUnique({ where: { id: parsed.data.itemId } });
    if (!item) return fail<{ commentId: string; releaseId: string }>("not_found", "That item does not exist.");
    const comment = await tx.comment.create({
      data: { releaseId: item.releaseId, releaseItemId: item.id, authorId: actor.id, body: parsed.data.body },
    });
    await recordAudit(tx, actor, {
      action: "comment.add",
      entityType: "Comment",
      entityId: comment.id,
      releaseId: item.releaseId,
      after: { itemId: item.id, body: comment.body },
    });
    return ok({ commentId: comment.id, releaseId: item.releaseId });
  });
}
