import type { TActor } from "@/lib/auth/permissions";
import type { TDb } from "@/lib/db";
import { createApiToken, TOKEN_ROLES, type TTokenRole } from "@/lib/data/tokens/api-tokens";
import { CliError, type TCliOutput } from "./cli-io";

export type TTokenCreateArgs = { name?: string; role?: string; expiresInDays?: string };

const ROLE_FLAGS = TOKEN_ROLES.map((role) => role.toLowerCase().replaceAll("_", "-"));
const FLAG_OF_FIELD: Record<string, string> = { name: "--name", role: "--role", expiresInDays: "--expires-in-days" };

/** "member", "release-manager", "Release_Manager" → the role; anything else → null. */
function parseRole(role: string): TTokenRole | null {
  const normalized = role.trim().toUpperCase().replaceAll("-", "_");
  return TOKEN_ROLES.find((r) => r === normalized) ?? null;
}

/**
 * `token create`: prints what was created, then the token alone on the last line, so a script
 * can take it with `tail -n 1`. The token is never shown again.
 */
export async function tokenCreateCommand(args: TTokenCreateArgs, out: TCliOutput, deps: { actor: TActor; db: () => TDb }) {
  if (!args.name?.trim()) throw new CliError("token create needs --name (what uses the token, e.g. ci)");
  if (!args.role) throw new CliError(`token create needs --role (${ROLE_FLAGS.join(", ")})`);
  const role = parseRole(args.role);
  if (!role) throw new CliError(`--role must be one of ${ROLE_FLAGS.join(", ")}, not “${args.role}”`);
  if (args.expiresInDays !== undefined && !/^\d+$/.test(args.expiresInDays.trim())) {
    throw new CliError(`--expires-in-days must be a whole number of days, not “${args.expiresInDays}”`);
  }
  const expiresInDays = args.expiresInDays === undefined ? undefined : Number(args.expiresInDays);

  const result = await createApiToken(deps.actor, { name: args.name, role, expiresInDays }, deps.db());
  if (!result.ok) {
    const details = Object.entries(result.fieldErrors ?? {}).map(([field, errors]) => `${FLAG_OF_FIELD[field] ?? field}: ${errors.join("; ")}`);
    throw new CliError([result.error, ...details].join(" "));
  }
  const { prefix, expiresAt, token } = result.data;
  out.line(`Created token “${args.name.trim()}” (${prefix}), role ${role.toLowerCase().replaceAll("_", "-")}, ${expiresAt ? `expires ${expiresAt}` : "never expires"}.`);
  out.line("The token is shown once: store it now (it is the last line below).");
  out.line(token);
}
