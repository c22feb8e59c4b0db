import { z } from "zod";
import { ZTrustedProxies } from "@/lib/security/trusted-proxies";

// The only module that reads process.env. Everything else asks `getEnv()`.

const PLACEHOLDER_SECRETS = new Set(["secret", "changeme", "change-me", "password", "development", "test"]);
export const MIN_SECRET_LENGTH = 32;

const ZOptionalString = z
  .string()
  .trim()
  .transform((value) => (value === "" ? undefined : value))
  .optional();

const ZPostgresUrl = z.url({ protocol: /^postgres(ql)?$/, error: "DATABASE_URL must be a postgres:// URL" });
const ZDatabaseUrl = ZOptionalString.pipe(ZPostgresUrl.optional());

const ZList = z
  .string()
  .optional()
  .transform((value) =>
    (value ?? "")
      .split(",")
      .map((entry) => entry.trim().toLowerCase())
      .filter(Boolean),
  );

type TAuthFields = {
  NODE_ENV: string;
  DATABASE_URL?: string;
  AUTH_GITHUB_ID?: string;
  AUTH_GITHUB_SECRET?: string;
  AUTH_GOOGLE_ID?: string;
  AUTH_GOOGLE_SECRET?: string;
  AUTH_OIDC_ISSUER?: string;
  AUTH_OIDC_ID?: string;
  AUTH_OIDC_SECRET?: string;
  PREFLIGHT_EMBEDDED_DEMO?: "0" | "1";
};

const PROVIDER_GROUPS = [
  ["GitHub", ["AUTH_GITHUB_ID", "AUTH_GITHUB_SECRET"]],
  ["Google", ["AUTH_GOOGLE_ID", "AUTH_GOOGLE_SECRET"]],
  ["OpenID Connect", ["AUTH_OIDC_ISSUER", "AUTH_OIDC_ID", "AUTH_OIDC_SECRET"]],
] as const;

/** Sign-in providers whose every variable is set. */
export function configuredProviders(env: TAuthFields): string[] {
  return PROVIDER_GROUPS.filter(([, keys]) => keys.every((key) => env[key])).map(([name]) => name);
}

function isLoopbackDatabase(url: string | undefined): boolean {
  if (!url) return false;
  try {
    return ["127.0.0.1", "localhost", "[::1]"].includes(new URL(url).hostname);
  } catch {
    return false;
  }
}

/**
 * The demo sign-in (pick a seeded user per role) exists only without any real provider,
 * and in production only for the embedded demo database on this machine: a deployment
 * with a real database can never have it, whatever its flags say.
 */
export function isDemoSignInEnabled(env: TAuthFields): boolean {
  if (configuredProviders(env).length > 0) return false;
  if (env.NODE_ENV !== "production") return true;
  return env.PREFLIGHT_EMBEDDED_DEMO === "1" && isLoopbackDatabase(env.DATABASE_URL);
}

/**
 * The test clock (lib/clock.ts): only where the demo sign-in is, i.e. never on a deployment
 * with a real sign-in provider or a database off this machine, whatever its flags say.
 */
export function isTestClockEnabled(env: TAuthFields & { PREFLIGHT_TEST_CLOCK?: string }): boolean {
  return env.PREFLIGHT_TEST_CLOCK === "1" && isDemoSignInEnabled(env);
}

function describeAuthProblems(env: TAuthFields): string[] {
  const problems: string[] = [];
  for (const [name, keys] of PROVIDER_GROUPS) {
    const set = keys.filter((key) => env[key]);
    if (set.length > 0 && set.length < keys.length) {
      problems.push(`${name} sign-in is half configured: set ${keys.filter((key) => !env[key]).join(" and ")} too, or unset ${set.join(", ")}`);
    }
  }
  if (env.NODE_ENV === "production" && configuredProviders(env).length === 0 && !isDemoSignInEnabled(env)) {
    problems.push(
      "No sign-in provider is configured: set AUTH_GITHUB_ID and AUTH_GITHUB_SECRET, AUTH_GOOGLE_ID and AUTH_GOOGLE_SECRET, or AUTH_OIDC_ISSUER, AUTH_OIDC_ID and AUTH_OIDC_SECRET",
    );
  }
  return problems;
}

export const ZEnv = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    DATABASE_URL: ZDatabaseUrl,
    NEXTAUTH_SECRET: ZOptionalString,
    NEXTAUTH_URL: ZOptionalString.pipe(
      z.url({ protocol: /^https?$/, error: "NEXTAUTH_URL must be an http(s) URL" }).optional(),
    ),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    AUTH_GITHUB_ID: ZOptionalString,
    AUTH_GITHUB_SECRET: ZOptionalString,
    AUTH_GOOGLE_ID: ZOptionalString,
    AUTH_GOOGLE_SECRET: ZOptionalString,
    AUTH_OIDC_ISSUER: ZOptionalString.pipe(z.url({ protocol: /^https?$/, error: "AUTH_OIDC_ISSUER must be an http(s) URL" }).optional()),
    AUTH_OIDC_ID: ZOptionalString,
    AUTH_OIDC_SECRET: ZOptionalString,
    AUTH_OIDC_NAME: ZOptionalString,
    PREFLIGHT_ALLOWED_EMAIL_DOMAINS: ZList,
    PREFLIGHT_ADMIN_EMAILS: ZList,
    /** Extra hosts (host[:port]) allowed to call server actions, e.g. a proxy's public name. */
    PREFLIGHT_ALLOWED_ORIGINS: ZList,
    /** Sign-in and callback requests allowed per client IP per minute. */
    PREFLIGHT_AUTH_RATE_LIMIT: z.coerce.number().int().min(1).default(30),
    /**
     * Proxies whose X-Forwarded-For entries are believed: a hop count (`1`) or a comma list of
     * networks (`10.0.0.0/8, fd00::/8`). Unset: none, and the client's address is unknown to the
     * app (lib/security/client-address.ts says why), so the sign-in limit is shared by all.
     */
    PREFLIGHT_TRUSTED_PROXIES: ZTrustedProxies,
    /** Set by `npm start` when it runs the embedded database: allows the demo sign-in. */
    PREFLIGHT_EMBEDDED_DEMO: z.enum(["0", "1"]).optional(),
    /** The bearer token /metrics asks for; without one, /metrics is off in production. */
    PREFLIGHT_METRICS_TOKEN: ZOptionalString.pipe(z.string().min(16, "PREFLIGHT_METRICS_TOKEN needs at least 16 characters").optional()),
  })
  .superRefine((env, ctx) => {
    for (const problem of describeAuthProblems(env)) ctx.addIssue({ code: "custom", message: problem });
    if (env.NODE_ENV !== "production") return;
    if (!env.DATABASE_URL) {
      ctx.addIssue({ code: "custom", path: ["DATABASE_URL"], message: "DATABASE_URL is required in production" });
    }
    if (!env.NEXTAUTH_URL) {
      ctx.addIssue({
        code: "custom",
        path: ["NEXTAUTH_URL"],
        message: "NEXTAUTH_URL is required in production (the public origin, e.g. https://preflight.example.com)",
      });
    }
    const weakness = describeSecretWeakness(env.NEXTAUTH_SECRET);
    if (weakness) ctx.addIssue({ code: "custom", path: ["NEXTAUTH_SECRET"], message: weakness });
  });

export type TEnv = z.infer<typeof ZEnv>;

/** Why a session secret is unfit for production, or null when it is fine. */
export function describeSecretWeakness(secret: string | undefined): string | null {
  if (!secret) return "NEXTAUTH_SECRET is required in production (generate one with `openssl rand -base64 32`)";
  if (secret.length < MIN_SECRET_LENGTH) {
    return `NEXTAUTH_SECRET is too short: ${secret.length} characters, at least ${MIN_SECRET_LENGTH} required`;
  }
  if (PLACEHOLDER_SECRETS.has(secret.toLowerCase()) || new Set(secret).size < 8) {
    return "NEXTAUTH_SECRET looks like a placeholder: use a random value (`openssl rand -base64 32`)";
  }
  return null;
}

export type TEnvResult = { ok: true; env: TEnv } | { ok: false; problems: string[] };

function describeIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => (issue.code === "custom" || issue.path.length === 0 ? issue.message : `${issue.path.join(".")}: ${issue.message}`));
}

export function parseEnv(source: Record<string, string | undefined>): TEnvResult {
  const result = ZEnv.safeParse(source);
  if (result.success) return { ok: true, env: result.data };
  return { ok: false, problems: describeIssues(result.error) };
}

/**
 * What `npm run db:migrate` reads, and nothing more: a migration job runs with the database's
 * credentials only, not the web app's sign-in secrets, whatever NODE_ENV says.
 */
const MIGRATION_NEEDS_URL = "required by db:migrate (postgresql://user:password@host:5432/database)";
const ZMigrationEnv = z.object({
  DATABASE_URL: z.string({ error: MIGRATION_NEEDS_URL }).trim().min(1, { error: MIGRATION_NEEDS_URL }).pipe(ZPostgresUrl),
});

export type TMigrationEnvResult = { ok: true; databaseUrl: string } | { ok: false; problems: string[] };

export function parseMigrationEnv(source: Record<string, string | undefined> = process.env): TMigrationEnvResult {
  const result = ZMigrationEnv.safeParse(source);
  if (result.success) return { ok: true, databaseUrl: result.data.DATABASE_URL };
  return { ok: false, problems: describeIssues(result.error) };
}

/** One line per problem, for a person reading a failed start. */
export function formatEnvProblems(problems: string[]): string {
  return ["Preflight refuses to start: the environment is not valid.", ...problems.map((p) => `  - ${p}`)].join("\n");
}

/** What `npm start` needs before it decides how to run the server. */
export const ZLauncherEnv = z.object({
  DATABASE_URL: ZOptionalString,
  NEXTAUTH_SECRET: ZOptionalString,
  NEXTAUTH_URL: ZOptionalString,
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  PREFLIGHT_HOST: ZOptionalString,
  PREFLIGHT_DATA_DIR: z.string().trim().min(1).default(".data"),
  PREFLIGHT_SEED_DEMO: z.enum(["0", "1"]).optional(),
});

export type TLauncherEnv = z.infer<typeof ZLauncherEnv>;

export function getLauncherEnv(): TLauncherEnv {
  return ZLauncherEnv.parse(process.env);
}

/** The environment as it is, for entry points that hand it on to a child process. */
export function inheritedEnv(): NodeJS.ProcessEnv {
  return { ...process.env };
}

let cached: TEnv | undefined;

export function getEnv(): TEnv {
  if (cached) return cached;
  const result = parseEnv(process.env);
  if (!result.ok) throw new Error(formatEnvProblems(result.problems));
  cached = result.env;
  return cached;
}

/**
 * At server start: in production a missing DATABASE_URL or NEXTAUTH_URL, or a missing or
 * weak NEXTAUTH_SECRET, stops the process with a message saying what to fix.
 */
export function exitOnInvalidEnv(): void {
  // `next build` loads server code too; only a running server must stop.
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  const result = parseEnv(process.env);
  if (result.ok) return;
  console.error(formatEnvProblems(result.problems));
  process.exit(1);
}
