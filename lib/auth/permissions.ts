import type { Role } from "@/lib/generated/prisma/enums";

// The one permissions table. Code asks `can(actor, permission)`; it never compares roles.
export const PERMISSIONS = [
  "template:read",
  "template:import",
  "template:edit",
  "release:read",
  "release:create",
  "release:manage",
  "release:export",
  "item:update",
  "evidence:add",
  "comment:add",
  "waiver:approve",
  "release:sign-off",
  "audit:read",
  "users:manage",
  "teams:manage",
  "tokens:manage",
  "webhooks:manage",
] as const;
export type TPermission = (typeof PERMISSIONS)[number];

// Viewers (auditors) read everything: every page, history and exports.
const VIEWER: TPermission[] = ["template:read", "release:read", "release:export", "audit:read"];
// Members work items: status, owner, evidence, comments; and sign a release off in a seat
// its sign-off policy lets them fill (lib/domain/sign-off/sign-off-policy.ts decides which).
const MEMBER: TPermission[] = [...VIEWER, "item:update", "evidence:add", "comment:add", "release:sign-off"];
// Release managers run releases: create and manage them (ask for sign-off, add a seat), approve waivers.
const RELEASE_MANAGER: TPermission[] = [...MEMBER, "release:create", "release:manage", "waiver:approve"];

export const ROLE_PERMISSIONS = {
  ADMIN: [...PERMISSIONS],
  RELEASE_MANAGER,
  MEMBER,
  VIEWER,
} satisfies Record<Role, readonly TPermission[]>;

export const ROLES = ["ADMIN", "RELEASE_MANAGER", "MEMBER", "VIEWER"] as const satisfies readonly Role[];

export const ROLE_LABELS: Record<Role, string> = {
  ADMIN: "Admin",
  RELEASE_MANAGER: "Release manager",
  MEMBER: "Member",
  VIEWER: "Viewer",
};

/** Who is acting: a signed-in user, or the CLI run by an operator (no user row). */
export type TActor = { id: string | null; label: string; role: Role; requestId?: string; ip?: string; userAgent?: string };

/** What a refused request was aimed at, as it arrived (unvalidated): recorded with the refusal. */
export type TTarget = { entityType: "Release" | "ReleaseItem" | "User" | "Template" | "Team" | "ApiToken" | "WebhookEndpoint" | "WebhookDelivery"; entityId: unknown };

export class ForbiddenError extends Error {
  constructor(
    readonly actor: TActor,
    readonly permission: TPermission,
    readonly target?: TTarget,
  ) {
    super(`${actor.label} may not ${permission}`);
    this.name = "ForbiddenError";
  }
}

export function can(actor: TActor | null | undefined, permission: TPermission): boolean {
  return !!actor && (ROLE_PERMISSIONS[actor.role] as readonly TPermission[]).includes(permission);
}

export function assertCan(actor: TActor | null | undefined, permission: TPermission, target?: TTarget): asserts actor is TActor {
  if (!actor) throw new ForbiddenError({ id: null, label: "anonymous", role: "VIEWER" }, permission, target);
  if (!can(actor, permission)) throw new ForbiddenError(actor, permission, target);
}

/** A field of an input not yet validated (a server action's argument can be anything). */
export function fieldOf(input: unknown, key: string): unknown {
  return input && typeof input === "object" ? (input as Record<string, unknown>)[key] : undefined;
}

/** The operator running scripts/preflight.ts: full rights, recorded as "cli:<name>". */
export function cliActor(name: string): TActor {
  return { id: null, label: `cli:${name}`, role: "ADMIN" };
}
