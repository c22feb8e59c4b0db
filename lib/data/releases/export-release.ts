import "server-only";
import type { TActor } from "@/lib/auth/permissions";
import { assertCan } from "@/lib/auth/permissions";
import { getDb, type TDb } from "@/lib/db";
import { getReleaseChecklist } from "@/lib/data/releases/get-release-checklist";
import { exportCsv } from "@/lib/domain/checklist/export-csv";
import { exportMarkdown } from "@/lib/domain/markdown/export-markdown";
import { readSignOffPolicy } from "@/lib/domain/sign-off/sign-off-policy-schema";
import { computeVerdict } from "@/lib/domain/verdict/compute-verdict";

export const EXPORT_FORMATS = ["md", "json", "csv"] as const;
export type TExportFormat = (typeof EXPORT_FORMATS)[number];

const CONTENT_TYPES: Record<TExportFormat, string> = {
  md: "text/markdown; charset=utf-8",
  json: "application/json",
  csv: "text/csv; charset=utf-8",
};

export type TExport = { filename: string; contentType: string; body: string };

export async function exportRelease(
  actor: TActor,
  releaseId: string,
  format: TExportFormat,
  { now = new Date(), db = getDb() }: { now?: Date; db?: TDb } = {},
): Promise<TExport | null> {
  assertCan(actor, "release:export");
  const found = await getReleaseChecklist(actor, releaseId, db);
  if (!found) return null;
  const { release, checklist } = found;
  const slug = `${release.service}-${release.version}`.replace(/[^A-Za-z0-9._-]+/g, "-");
  let body: string;
  if (format === "md") {
    // The release's own seats (a release manager may have added some), not its version's.
    const own = await db.release.findUnique({ where: { id: releaseId }, select: { signOffPolicy: true } });
    body = exportMarkdown({ ...checklist, signOff: readSignOffPolicy(own?.signOffPolicy) });
  } else if (format === "csv") body = exportCsv(checklist);
  else {
    const verdict = computeVerdict({ items: found.verdictItems, levels: checklist.levels, targetLevel: release.targetLevel, now });
    body = `${JSON.stringify({ release, levels: checklist.levels, verdict, sections: checklist.sections }, null, 2)}\n`;
  }
  return { filename: `${slug}.${format}`, contentType: CONTENT_TYPES[format], body };
}
