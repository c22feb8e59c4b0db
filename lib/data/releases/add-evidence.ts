import "server-only";
import { z } from "zod";
import { zText } from "@/lib/data/text";
import { assertCan, fieldOf, type TActor } from "@/lib/auth/permissions";
import { getDb, type TDb } from "@/lib/db";
import { fail, ok, type TResult } from "@/lib/data/result";
import { writeRelease } from "@/lib/data/releases/write-release";

const ZHttpUrl = z.url({ protocol: /^https?$/, error: "Use an http:// or https:// link" });
/** Optional: evidence that stops counting on a date (a certificate, a pen test), through the end of that day (UTC). */
const ZExpiresOn = z.iso.date("Choose a date for the evidence to expire").optional();

export const ZAddEvidence = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("LINK"), itemId: z.uuid(), url: ZHttpUrl, note: zText().trim().max(2000).optional(), expiresOn: ZExpiresOn }),
  z.object({ kind: z.literal("NOTE"), itemId: z.uuid(), note: zText().trim().min(1, "Write the note").max(5000), expiresOn: ZExpiresOn }),
]);
export type TAddEvidence = z.input<typeof ZAddEvidence>;

type TData = { evidenceId: string; releaseId: string };

export async function addEvidence(actor: TActor, input: TAddEvidence, db: TDb = getDb(), now = new Date()): Promise<TResult<TData>> {
  assertCan(actor, "evidence:add", { entityType: "ReleaseItem", entityId: fieldOf(input, "itemId") });
  const parsed = ZAddEvidence.safeParse(input);
  if (!parsed.success) return fail("invalid", "The evidence is not valid.", z.flattenError(parsed.error).fieldErrors);
  const evidence = parsed.data;
  const expiresAt = evidence.expiresOn ? new Date(`${evidence.expiresOn}T23:59:59Z`) : null;
  if (expiresAt && expiresAt <= now) return fail("invalid", "The evidence would already have expired.", { expiresOn: ["Choose today or a later date"] });
  return writeRelease(db, actor, { itemId: evidence.itemId }, async (tx, { item }) => {
    const row = await tx.evidence.create({
      data: {
        releaseItemId: item!.id,
        kind: evidence.kind,
        url: evidence.kind === "LINK" ? evidence.url : null,
        note: evidence.note || null,
        addedById: actor.id,
        expiresAt,
      },
    });
    return ok({
      data: { evidenceId: row.id },
      what: `Evidence added to “${item!.text}”`,
      audit: { action: "evidence.add", entityType: "Evidence", entityId: row.id, after: { itemId: item!.id, kind: row.kind, url: row.url, note: row.note, expiresAt: row.expiresAt?.toISOString() ?? null } },
    });
  });
}
