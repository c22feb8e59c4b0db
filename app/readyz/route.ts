import { getDb } from "@/lib/db";
import { checkReadiness } from "@/lib/health/check-readiness";
import { REQUEST_ID_HEADER, requestLogger, resolveRequestId } from "@/lib/log";

// Readiness: the database answers and its migrations are current. 503 with a JSON reason otherwise.
export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  const requestId = resolveRequestId(request.headers.get(REQUEST_ID_HEADER));
  const noStore = { "Cache-Control": "no-store" };
  let readiness;
  try {
    readiness = await checkReadiness(getDb());
  } catch (error) {
    readiness = { ready: false as const, reason: "database_unreachable" as const, detail: String(error) };
  }
  if (readiness.ready) {
    return Response.json({ status: "ready", migrations: readiness.migrations }, { headers: noStore });
  }
  requestLogger(requestId).warn({ reason: readiness.reason, detail: readiness.detail }, "not ready");
  return Response.json(
    { status: "not_ready", reason: readiness.reason, detail: readiness.detail },
    { status: 503, headers: noStore },
  );
}
