import { apiError, apiFailure, apiInvalid, apiJson, readJsonObject } from "@/lib/api/api-response";
import { ZItemStatusBody } from "@/lib/api/api-schemas";
import { runApi } from "@/lib/api/run-api";
import { getDb } from "@/lib/db";
import { findReleaseItem, getApiVerdict } from "@/lib/data/releases/get-release-api";
import { updateItemStatus } from "@/lib/data/releases/update-item-status";

export const dynamic = "force-dynamic";

/** PATCH /api/v1/releases/{id}/items/{key}: { status, expectedVersion, naReason? } */
export async function PATCH(request: Request, { params }: { params: Promise<{ releaseId: string; key: string }> }) {
  return runApi(request, async (actor) => {
    const { releaseId, key } = await params;
    const body = await readJsonObject(request);
    if (!body.ok) return body.response;
    const input = ZItemStatusBody.safeParse(body.body);
    if (!input.success) return apiInvalid(input.error, "The change is not valid.");
    const item = await findReleaseItem(getDb(), releaseId, key);
    if (!item) return apiError("not_found", "No such item in that release.");
    const changed = await updateItemStatus(actor, { itemId: item.id, ...input.data });
    if (!changed.ok) return apiFailure(changed);
    return apiJson({ item: { key: key, status: changed.data.item.status, version: changed.data.version }, verdict: await getApiVerdict(actor, releaseId) });
  });
}
