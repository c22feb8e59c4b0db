import "server-only";
import { z } from "zod";
import { zText } from "@/lib/data/text";
import { assertCan, fieldOf, type TActor } from "@/lib/auth/permissions";
import { getDb, type TDb } from "@/lib/db";
import { fail, ok, type TResult } from "@/lib/data/result";
import { writeRelease } from "@/lib/data/releases/write-release";

export const ZAddComment = z.object({ itemId: z.uuid(), body: zText().trim().min(1, "Write a comment").max(5000) });
export type TAddComment = z.infer<typeof ZAddComment>;

/**
 * Comments discuss an item; they do not change what a sign-off vouches for (but take the
 * release lock like every release write), so a shipped or cancelled release still takes them.
 */
export async function addComment(actor: TActor, input: TAddComment, db: TDb = getDb()): Promise<TResult<{ commentId: string; releaseId: string }>> {
  assertCan(actor, "comment:add", { entityType: "ReleaseItem", entityId: fieldOf(input, "itemId") });
  const parsed = ZAddComment.safeParse(input);
  if (!parsed.success) return fail("invalid", "The comment is empty.", z.flattenError(parsed.error).fieldErrors);
  return writeRelease(db, actor, { itemId: parsed.data.itemId }, async (tx, { release, item }) => {
    const comment = await tx.comment.create({ data: { releaseId: release.id, releaseItemId: item!.id, authorId: actor.id, body: parsed.data.body } });
    return ok({
      data: { commentId: comment.id },
      audit: { action: "comment.add", entityType: "Comment", entityId: comment.id, after: { itemId: item!.id, body: comment.body } },
    });
  }, { whenClosed: "allow" });
}
