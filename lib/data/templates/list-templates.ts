import "server-only";
import { assertCan, type TActor } from "@/lib/auth/permissions";
import { getDb, type TDb } from "@/lib/db";

export type TTemplateListItem = {
  id: string;
  name: string;
  description: string | null;
  latestVersion: number;
  items: number;
  levels: string[];
  publishedAt: string | null;
};

export async function listTemplates(actor: TActor, db: TDb = getDb()): Promise<TTemplateListItem[]> {
  assertCan(actor, "template:read");
  const templates = await db.checklistTemplate.findMany({
    orderBy: { name: "asc" },
    include: { versions: { orderBy: { number: "desc" }, take: 1, include: { _count: { select: { items: true } } } } },
  });
  return templates.flatMap((template) => {
    const latest = template.versions[0];
    if (!latest) return [];
    return [
      {
        id: template.id,
        name: template.name,
        description: template.description,
        latestVersion: latest.number,
        items: latest._count.items,
        levels: latest.levels,
        publishedAt: latest.publishedAt?.toISOString() ?? null,
      },
    ];
  });
}
