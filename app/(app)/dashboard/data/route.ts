import { toCsv } from "@/lib/domain/csv";
import { getCurrentActor } from "@/lib/auth/current-actor";
import { can } from "@/lib/auth/permissions";
import { getDashboard } from "@/lib/data/dashboard/get-dashboard";
import { badRequest, optionalParam, zRangeDays } from "@/lib/http/params";

export const dynamic = "force-dynamic";

/** Each dashboard chart's data as CSV, with the dashboard's filters. */
export async function GET(request: Request) {
  const actor = await getCurrentActor();
  if (!actor) return Response.json({ error: "Sign in first." }, { status: 401 });
  if (!can(actor, "release:read")) return Response.json({ error: "You may not read releases." }, { status: 403 });
  const params = new URL(request.url).searchParams;
  const range = optionalParam(zRangeDays).safeParse(params.get("range"));
  if (!range.success) return badRequest("range must be 7, 30, 90 or 365 (days), or absent.");
  const data = await getDashboard(actor, {
    service: params.get("service") || undefined,
    environment: params.get("environment") || undefined,
    rangeDays: range.data ?? null,
  });
  const chart = params.get("chart");
  const rows: Record<string, unknown>[] | null =
    chart === "portfolio" ? data.portfolio
    : chart === "sections" ? data.sections
    : chart === "owners" ? data.owners.map(({ owner, open, overdue }) => ({ owner, open, overdue }))
    : chart === "timelines" ? data.timelines.flatMap((t) => t.points.map((p) => ({ release: t.name, ...p })))
    : null;
  if (!rows) return Response.json({ error: "chart must be portfolio, timelines, sections or owners" }, { status: 400 });
  return new Response(toCsv(rows, { header: true }), {
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="preflight-${chart}.csv"`, "Cache-Control": "no-store" },
  });
}
