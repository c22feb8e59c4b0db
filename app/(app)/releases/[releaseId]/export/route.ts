import { getCurrentActor } from "@/lib/auth/current-actor";
import { can } from "@/lib/auth/permissions";
import { EXPORT_FORMATS, exportRelease, type TExportFormat } from "@/lib/data/releases/export-release";
import { isId } from "@/lib/http/params";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ releaseId: string }> }) {
  const actor = await getCurrentActor();
  if (!actor) return Response.json({ error: "Sign in first." }, { status: 401 });
  if (!can(actor, "release:export")) return Response.json({ error: "You may not export releases." }, { status: 403 });
  const { releaseId } = await params;
  const format = new URL(request.url).searchParams.get("format") ?? "md";
  if (!(EXPORT_FORMATS as readonly string[]).includes(format) || !isId(releaseId)) {
    return Response.json({ error: "Unknown release or format (md, json or csv)." }, { status: 400 });
  }
  const exported = await exportRelease(actor, releaseId, format as TExportFormat);
  if (!exported) return Response.json({ error: "No such release." }, { status: 404 });
  return new Response(exported.body, {
    headers: {
      "Content-Type": exported.contentType,
      "Content-Disposition": `attachment; filename="${exported.filename}"`,
      "Cache-Control": "no-store",
    },
  });
}
