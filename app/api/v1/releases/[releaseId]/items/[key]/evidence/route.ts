import { apiError, apiFailure, apiInvalid, apiJson, readJsonObject } from "@/lib/api/api-response";
import { ZEvidenceBody } from "@/lib/api/api-schemas";
import { runApi } from "@/lib/api/run-api";
import { getDb } from "@/lib/db";
import { addEvidence } from "@/lib/data/releases/add-evidence";
import { findReleaseItem, getApiVerdict } from "@/lib/data/releases/get-release-api";
import { recordCiResult } from "@/lib/data/releases/record-ci-result";

export const dynamic = "force-dynamic";

/**
 * POST /api/v1/releases/{id}/items/{key}/evidence: a link, a note, or a CI result
 * ({ kind: "ci", check, result, url, commit }), which also marks the item done or blocked.
 */
export async function POST(request: Request, { params }: { params: Promise<{ releaseId: string; key: string }> }) {
  return runApi(request, async (actor) => {
    const { releaseId, key } = await params;
    const body = await readJsonObject(request);
    if (!body.ok) return body.response;
    const input = ZEvidenceBody.safeParse(body.body);
    if (!input.success) return apiInvalid(input.error, "The evidence is not valid.");
    const item = await findReleaseItem(getDb(), releaseId, key);
    if (!item) return apiError("not_found", "No such item in that release.");
    const evidence = input.data;
    const saved =
      evidence.kind === "ci"
        ? await recordCiResult(actor, { itemId: item.id, check: evidence.check, result: evidence.result, url: evidence.url, commit: evidence.commit, expectedVersion: evidence.expectedVersion })
        : await addEvidence(
            actor,
            evidence.kind === "link"
              ? { kind: "LINK", itemId: item.id, url: evidence.url, note: evidence.note, expiresOn: evidence.expiresOn }
              : { kind: "NOTE", itemId: item.id, note: evidence.note, expiresOn: evidence.expiresOn },
          );
    if (!saved.ok) return apiFailure(saved);
    // The item and the verdict as they stand now, not the whole release: CI posts on every run.
    const [after, verdict] = await Promise.all([
      getDb().releaseItem.findUnique({ where: { id: item.id }, select: { status: true, version: true } }),
      getApiVerdict(actor, releaseId),
    ]);
    return apiJson({ evidenceId: saved.data.evidenceId, item: after ? { key, ...after } : null, verdict }, 201);
  });
}
