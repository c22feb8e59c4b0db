import { getCurrentActor } from "@/lib/auth/current-actor";
import { can } from "@/lib/auth/permissions";
import { getTemplateSource } from "@/lib/data/templates/get-template-view";
import { isId, optionalParam, zCount } from "@/lib/http/params";

export const dynamic = "force-dynamic";

/** A template version's Markdown as it was published (imported, or written by the editor). */
export async function GET(request: Request, { params }: { params: Promise<{ templateId: string }> }) {
  const actor = await getCurrentActor();
  if (!actor) return Response.json({ error: "Sign in first." }, { status: 401 });
  if (!can(actor, "template:read")) return Response.json({ error: "You may not read templates." }, { status: 403 });
  const { templateId } = await params;
  const version = optionalParam(zCount).safeParse(new URL(request.url).searchParams.get("version") ?? undefined);
  if (!isId(templateId) || !version.success) return Response.json({ error: "Unknown template or version." }, { status: 400 });
  const source = await getTemplateSource(actor, templateId, version.data ?? null);
  if (!source) return Response.json({ error: "No such template version." }, { status: 404 });
  const slug = source.title.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 60) || "template";
  return new Response(source.markdown, {
    headers: {
      "Content-Type": "text/markdown; charset=utf-8",
      "Content-Disposition": `attachment; filename="${slug}-v${source.number}.md"`,
      "Cache-Control": "no-store",
    },
  });
}
