import type { TActor } from "@/lib/auth/permissions";
import type { TDb } from "@/lib/db";
import { EXPORT_FORMATS, exportRelease, type TExportFormat } from "@/lib/data/releases/export-release";
import { getReleaseVerdict } from "@/lib/data/releases/get-release-verdict";
import { CliError, type TCliOutput } from "./cli-io";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function checkReleaseId(releaseId: string | undefined): string {
  if (!releaseId || !UUID.test(releaseId)) throw new CliError("give a release id (a UUID)");
  return releaseId;
}

export async function exportCommand(releaseId: string | undefined, format: string, out: TCliOutput, deps: { actor: TActor; db: () => TDb }) {
  const id = checkReleaseId(releaseId);
  if (!(EXPORT_FORMATS as readonly string[]).includes(format)) throw new CliError(`--format must be one of ${EXPORT_FORMATS.join(", ")}`);
  const exported = await exportRelease(deps.actor, id, format as TExportFormat, { db: deps.db() });
  if (!exported) throw new CliError(`no release ${id}`);
  out.raw(exported.body);
}

export async function verdictCommand(releaseId: string | undefined, isJson: boolean, out: TCliOutput, deps: { actor: TActor; db: () => TDb }) {
  const id = checkReleaseId(releaseId);
  const verdict = await getReleaseVerdict(deps.actor, id, { db: deps.db() });
  if (!verdict) throw new CliError(`no release ${id}`);
  if (isJson) return out.json(verdict);
  const { progress } = verdict;
  out.line(`${verdict.name}: ${verdict.verdict.replaceAll("_", " ")} (${progress.satisfied}/${progress.total} blocking items satisfied, ${progress.percent}%)`);
  for (const reason of verdict.reasons) out.line(`  ${reason.category === "blocked" ? "✗" : "…"} ${reason.message}`);
  for (const exception of verdict.exceptions) out.line(`  ! ${exception.via === "WAIVER" ? "Waived" : "Not applicable"}: ${exception.itemText}`);
  if (verdict.advisories.length) out.line(`  ${verdict.advisories.length} advisory item(s) not done (not blocking).`);
}
