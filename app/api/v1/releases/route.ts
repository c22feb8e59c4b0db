import { apiFailure, apiInvalid, apiJson, readJsonObject } from "@/lib/api/api-response";
import { STATUSES_OF_STATE, ZCreateReleaseBody, ZReleaseListQuery } from "@/lib/api/api-schemas";
import { runApi } from "@/lib/api/run-api";
import { createRelease } from "@/lib/data/releases/create-release";
import { getApiRelease } from "@/lib/data/releases/get-release-api";
import { listReleases } from "@/lib/data/releases/list-releases";

export const dynamic = "force-dynamic";

/** GET /api/v1/releases?service=&version=&environment=&state= */
export async function GET(request: Request) {
  return runApi(request, async (actor) => {
    const query = ZReleaseListQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams));
    if (!query.success) return apiInvalid(query.error, "The filters are not valid.");
    const { service, version, environment, state } = query.data;
    const releases = await listReleases(actor, { where: { service, version, environment, ...(state ? { status: { in: STATUSES_OF_STATE[state] } } : {}) } });
    return apiJson({
      releases: releases.map((r) => ({
        id: r.id,
        name: r.name,
        service: r.service,
        version: r.version,
        environment: r.environment,
        status: r.status,
        targetDate: r.targetDate,
        verdict: r.verdict,
        percent: r.percent,
        createdAt: r.createdAt,
      })),
    });
  });
}

/** POST /api/v1/releases: a release of a template version. */
export async function POST(request: Request) {
  return runApi(request, async (actor) => {
    const body = await readJsonObject(request);
    if (!body.ok) return body.response;
    const input = ZCreateReleaseBody.safeParse(body.body);
    if (!input.success) return apiInvalid(input.error, "The release is not complete.");
    const created = await createRelease(actor, input.data);
    if (!created.ok) return apiFailure(created);
    return apiJson(await getApiRelease(actor, created.data.releaseId), 201);
  });
}
