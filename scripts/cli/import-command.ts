import { readFile } from "node:fs/promises";
import type { TActor } from "@/lib/auth/permissions";
import type { TDb } from "@/lib/db";
import { importRelease } from "@/lib/data/releases/import-release";
import { importTemplate } from "@/lib/data/templates/import-template";
import type { TImportMode } from "@/lib/domain/checklist/types";
import { summarizeChecklist } from "@/lib/domain/markdown/summarize-checklist";
import { parseChecklistSafely } from "@/lib/markdown-worker/parse-checklist-safely";
import { CliError, type TCliOutput } from "./cli-io";

export type TImportArgs = {
  file: string;
  as: "template" | "release";
  mode?: TImportMode;
  isDryRun: boolean;
  isJson: boolean;
  release: { name?: string; service?: string; version?: string; environment: string; targetLevel?: string };
};

export async function importCommand(args: TImportArgs, out: TCliOutput, deps: { actor: TActor; db: () => TDb }) {
  let bytes: Buffer;
  try {
    bytes = await readFile(args.file);
  } catch {
    throw new CliError(`cannot read ${args.file}`);
  }
  if (args.isDryRun) {
    const parsed = await parseChecklistSafely(bytes, { mode: args.mode });
    if (!parsed.ok) throw new CliError(parsed.error);
    const summary = summarizeChecklist(parsed.checklist);
    if (args.isJson) return out.json(summary);
    out.line(`${summary.title}: ${summary.items} items (${summary.topLevelItems} top-level) in ${args.mode ?? summary.mode} mode, ${summary.done} done`);
    out.line(`go criteria ${summary.criteria.go}, no-go conditions ${summary.criteria.noGo}${summary.levels.length ? `, levels ${summary.levels.join(" < ")}` : ""}`);
    for (const warning of summary.warnings) out.line(`warning: ${warning}`);
    return;
  }

  const source = bytes.toString("utf8");
  if (args.as === "template") {
    const result = await importTemplate(deps.actor, { source, mode: args.mode }, deps.db());
    if (!result.ok) throw new CliError(result.error);
    const { templateId, versionId, number, checklist } = result.data;
    if (args.isJson) return out.json({ templateId, templateVersionId: versionId, number, warnings: checklist.warnings });
    return out.line(`Imported template “${checklist.title}” version ${number} (${versionId}).`);
  }

  const { service, version } = args.release;
  if (!service || !version) throw new CliError("importing a release needs --service and --version");
  const parsed = await parseChecklistSafely(bytes, { mode: args.mode });
  if (!parsed.ok) throw new CliError(parsed.error);
  const result = await importRelease(
    deps.actor,
    { ...args.release, service, version, name: args.release.name ?? `${parsed.checklist.title}`, source, mode: args.mode },
    deps.db(),
  );
  if (!result.ok) throw new CliError(result.error);
  if (args.isJson) return out.json(result.data);
  out.line(`Imported release ${result.data.releaseId}.`);
  for (const warning of result.data.warnings) out.line(`warning: ${warning}`);
}
