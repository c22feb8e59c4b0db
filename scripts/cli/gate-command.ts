import type { TActor } from "@/lib/auth/permissions";
import type { TDb } from "@/lib/db";
import { checkGate } from "@/lib/data/releases/check-gate";
import { CliError, type TCliOutput } from "./cli-io";

export type TGateArgs = { service?: string; version?: string; environment?: string; isJson: boolean };

const words = (value: string) => value.replaceAll("_", " ").toLowerCase();

/**
 * `gate`: may this service's version deploy? Returns the exit status: 0 only when the gate
 * passes, 1 when it says no. No matching release or bad input is a CliError, not a "no".
 */
export async function gateCommand(args: TGateArgs, out: TCliOutput, deps: { actor: TActor; db: () => TDb }): Promise<0 | 1> {
  if (!args.service || !args.version) throw new CliError("gate needs --service and --version (and --environment when the version ships to several)");
  const result = await checkGate(deps.actor, { service: args.service, version: args.version, environment: args.environment }, { db: deps.db(), now: new Date() });
  if (!result.ok) throw new CliError(result.error);
  const answer = result.data;
  if (args.isJson) {
    out.json(answer);
    return answer.pass ? 0 : 1;
  }

  const { release, signOff, verdict } = answer;
  const { progress } = verdict;
  out.line(answer.summary);
  out.line(`release: ${release.name} (${release.service} ${release.version} to ${release.environment}), ${words(release.status)}, ${release.id}`);
  out.line(signOff ? `sign-off: GO by ${signOff.by} at ${signOff.at}${signOff.comment ? `: ${signOff.comment.replace(/\s+/g, " ")}` : ""}` : "sign-off: none valid");
  out.line(`verdict: ${verdict.verdict.replaceAll("_", " ")} (${progress.satisfied}/${progress.total} blocking items satisfied, ${progress.percent}%)`);
  for (const reason of verdict.reasons) out.line(`  ${reason.category === "blocked" ? "✗" : "…"} ${reason.message}`);
  for (const exception of verdict.exceptions) out.line(`  ! ${exception.via === "WAIVER" ? "Waived" : "Not applicable"}: ${exception.itemText}`);
  if (verdict.advisories.length) out.line(`  ${verdict.advisories.length} advisory item(s) not done (not blocking).`);
  return answer.pass ? 0 : 1;
}
