import { getCurrentActor } from "@/lib/auth/current-actor";
import { can } from "@/lib/auth/permissions";
import { buildEvidencePack } from "@/lib/data/releases/build-evidence-pack";
import { isId } from "@/lib/http/params";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ releaseId: string }> }) {
  const actor = await getCurrentActor();
  if (!actor) return Response.json({ error: "Sign in first." }, { status: 401 });
  if (!can(actor, "audit:read")) return Response.json({ error: "You may not read the audit trail." }, { status: 403 });
  const { releaseId } = await params;
  if (!isId(releaseId)) return Response.json({ error: "No such release." }, { status: 404 });
  const pack = await buildEvidencePack(actor, releaseId);
  if (!pack) return Response.json({ error: "No such release." }, { status: 404 });
  return new Response(Buffer.from(pack.zip), {
    headers: {
      "Content-Type": "application/zip",
      "Content-Disposition": `attachment; filename="${pack.filename}"`,
      "Cache-Control": "no-store",
    },
  });
}
