import { apiFailure, apiInvalid, apiJson } from "@/lib/api/api-response";
import { ZGateQueryParams } from "@/lib/api/api-schemas";
import { runApi } from "@/lib/api/run-api";
import { checkGate } from "@/lib/data/releases/check-gate";

export const dynamic = "force-dynamic";

/**
 * GET /api/v1/gate?service=&version=&environment=: may it deploy? 200 with pass true only with
 * a valid GO sign-off the verdict still allows; 200 with pass false otherwise (with the reasons).
 */
export async function GET(request: Request) {
  return runApi(request, async (actor) => {
    const query = ZGateQueryParams.safeParse(Object.fromEntries(new URL(request.url).searchParams));
    if (!query.success) return apiInvalid(query.error, "Name the service and version.");
    const answer = await checkGate(actor, query.data);
    return answer.ok ? apiJson(answer.data) : apiFailure(answer);
  });
}
