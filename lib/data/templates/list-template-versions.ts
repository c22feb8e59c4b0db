import "server-only";
import { assertCan, type TActor } from "@/lib/auth/permissions";
import { getDb, type TDb } from "@/lib/db";

export type TTemplateVersionOption = { id: string; label: string; levels: string[] };

/** Published template versions to create a release from, newest first within each template. */
export async function listTemplateVersions(actor: TActor, db: TDb = getDb()): Promise<TTemplateVersionOption[]> {
  assertCan(actor, "template:read");
  const versions = await db.templateVersion.findMany({
    where: { publishedAt: { not: null } },
    orderBy: [{ template: { name: "asc" } }, { number: "desc" }],
    include: { template: { select: { name: true } }, _count: { select: { items: true } } },
  });
  return versions.map((v) => ({ id: v.id, label: `${v.template.name} — version ${v.number} (${v._count.items} items)`, levels: v.levels }));
}
