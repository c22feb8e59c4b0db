import { apiError, apiJson } from "@/lib/api/api-response";
import { runApi } from "@/lib/api/run-api";
import { getApiVerdict } from "@/lib/data/releases/get-release-api";

export const dynamic = "force-dynamic";

/** GET /api/v1/releases/{id}/verdict */
export async function GET(request: Request, { params }: { params: Promise<{ releaseId: string }> }) {
  return runApi(request, async (actor) => {
    const verdict = await getApiVerdict(actor, (await params).releaseId);
    return verdict ? apiJson(verdict) : apiError("not_found", "No such release.");
  });
}
