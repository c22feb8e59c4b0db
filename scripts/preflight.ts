// `npm run preflight -- <command>`: import, export and verdict from the command line.
//   import <file> [--as template|release] [--mode tasks|lists] [--dry-run] [--json]
//          [--name N] [--service S] [--version V] [--environment E] [--target-level L]
//   export <release-id> --format md|json|csv
//   verdict <release-id> [--json]
//   gate --service S --version V [--environment E] [--json]
//                          (may it deploy? exit 0 only with a valid GO sign-off the verdict still allows, 1 otherwise)
//   token create --name N --role viewer|member|release-manager [--expires-in-days D]
//                          (an API token; printed once, alone on the last line: `| tail -n 1`)
//   create-admin <email>   (creates the user as an admin, or promotes and re-enables them)
//   verify-audit           (walks the audit hash chain: OK with the count, or the first broken event)
//   backup <file>          (pg_dump of the whole database, custom format; see docs/runbooks/backup-restore.md)
//   restore <file>         (into an empty database, in one transaction; then verifies the audit chain)
// Writes act as "cli:<os user>" with full rights and are audited like any other change.
import { userInfo } from "node:os";
import { parseArgs } from "node:util";
import { cliActor } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db";
import { createAdmin } from "@/lib/data/users/create-admin";
import { verifyAuditChain } from "@/lib/audit/verify-audit-chain";
import type { TImportMode } from "@/lib/domain/checklist/types";
import { CliError, stdoutOutput } from "./cli/cli-io";
import { importCommand } from "./cli/import-command";
import { backupCommand, restoreCommand } from "./cli/backup-commands";
import { exportCommand, verdictCommand } from "./cli/release-commands";
import { gateCommand } from "./cli/gate-command";
import { tokenCreateCommand } from "./cli/token-command";
import { getEnv } from "@/lib/env";

const USAGE =
  "usage: preflight import <file> [--as template|release] [--mode tasks|lists] [--dry-run] [--json] | export <release-id> --format md|json|csv | verdict <release-id> [--json] | gate --service S --version V [--environment E] [--json] | token create --name N --role viewer|member|release-manager [--expires-in-days D] | create-admin <email> | verify-audit | backup <file> | restore <file>";

/** Resolves to the exit status when it is not 0 without being an error (a closed gate). */
async function main(argv: string[]): Promise<number | void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      as: { type: "string", default: "template" },
      mode: { type: "string" },
      "dry-run": { type: "boolean", default: false },
      json: { type: "boolean", default: false },
      format: { type: "string", default: "md" },
      name: { type: "string" },
      service: { type: "string" },
      version: { type: "string" },
      // No default: the gate must not narrow to production when the environment is not named.
      environment: { type: "string" },
      "target-level": { type: "string" },
      role: { type: "string" },
      "expires-in-days": { type: "string" },
    },
  });
  const [command, target] = positionals;
  const deps = { actor: cliActor(userInfo().username), db: getDb };
  switch (command) {
    case "import": {
      if (!target) throw new CliError("import needs a file");
      if (values.as !== "template" && values.as !== "release") throw new CliError("--as must be template or release");
      if (values.mode !== undefined && values.mode !== "tasks" && values.mode !== "lists") throw new CliError("--mode must be tasks or lists");
      return importCommand(
        {
          file: target,
          as: values.as,
          mode: values.mode as TImportMode | undefined,
          isDryRun: values["dry-run"],
          isJson: values.json,
          release: {
            name: values.name,
            service: values.service,
            version: values.version,
            environment: values.environment ?? "production",
            targetLevel: values["target-level"],
          },
        },
        stdoutOutput,
        deps,
      );
    }
    case "export":
      return exportCommand(target, values.format, stdoutOutput, deps);
    case "verdict":
      return verdictCommand(target, values.json, stdoutOutput, deps);
    case "gate":
      return gateCommand({ service: values.service, version: values.version, environment: values.environment, isJson: values.json }, stdoutOutput, deps);
    case "token": {
      if (target !== "create") throw new CliError("usage: preflight token create --name N --role viewer|member|release-manager [--expires-in-days D]");
      return tokenCreateCommand({ name: values.name, role: values.role, expiresInDays: values["expires-in-days"] }, stdoutOutput, deps);
    }
    case "verify-audit": {
      const report = await verifyAuditChain(deps.db());
      if (!report.ok) {
        throw new CliError(`audit chain BROKEN at event ${report.broken.seq} (${report.broken.id}): ${report.broken.problem}; ${report.count} events before it verified`);
      }
      return stdoutOutput.line(`audit chain OK: ${report.count} events verified; head ${report.headHash ?? "(empty)"}`);
    }
    case "create-admin": {
      if (!target) throw new CliError("create-admin needs an email address");
      const result = await createAdmin(deps.actor, target, deps.db());
      if (!result.ok) throw new CliError(result.error);
      return stdoutOutput.line(`${target} is ${result.data.isNew ? "now an admin (new user)" : "now an admin"}.`);
    }
    case "backup":
    case "restore": {
      const url = getEnv().DATABASE_URL;
      if (!url) throw new CliError(`${command} needs DATABASE_URL (the database to ${command === "backup" ? "back up" : "restore into"})`);
      return command === "backup" ? backupCommand(target, url, deps.db(), stdoutOutput) : restoreCommand(target, url, deps.db(), stdoutOutput);
    }
    default:
      throw new CliError(USAGE);
  }
}

try {
  const status = await main(process.argv.slice(2));
  // Commands that print return whatever stdout.write returned (a boolean): only a number is a status.
  process.exitCode = typeof status === "number" ? status : 0;
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`preflight: ${message.split("\n")[0]}\n`);
  process.exitCode = 1;
} finally {
  const { getDbsIfCreated } = await import("@/lib/db");
  await Promise.all(getDbsIfCreated().map((db) => db.$disconnect()));
}
