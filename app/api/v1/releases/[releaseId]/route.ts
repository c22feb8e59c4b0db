import { apiError, apiJson } from "@/lib/api/api-response";
import { runApi } from "@/lib/api/run-api";
import { getApiRelease } from "@/lib/data/releases/get-release-api";

export const dynamic = "force-dynamic";

/** GET /api/v1/releases/{id}: the release, its verdict with reasons, its items. */
export async function GET(request: Request, { params }: { params: Promise<{ releaseId: string }> }) {
  return runApi(request, async (actor) => {
    const release = await getApiRelease(actor, (await params).releaseId);
    return release ? apiJson(release) : apiError("not_found", "No such release.");
  });
}
