import { z } from "zod";

// The only module that reads process.env. Everything else asks `getEnv()`.

const PLACEHOLDER_SECRETS = new Set(["secret", "changeme", "change-me", "password", "development", "test"]);
export const MIN_SECRET_LENGTH = 32;

const ZOptionalString = z
  .string()
  .trim()
  .transform((value) => (value === "" ? undefined : value))
  .optional();

export const ZEnv = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    DATABASE_URL: ZOptionalString.pipe(
      z.url({ protocol: /^postgres(ql)?$/, error: "DATABASE_URL must be a postgres:// URL" }).optional(),
    ),
    NEXTAUTH_SECRET: ZOptionalString,
    NEXTAUTH_URL: ZOptionalString.pipe(
      z.url({ protocol: /^https?$/, error: "NEXTAUTH_URL must be an http(s) URL" }).optional(),
    ),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  })
  .superRefine((env, ctx) => {
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

export function parseEnv(source: Record<string, string | undefined>): TEnvResult {
  const result = ZEnv.safeParse(source);
  if (result.success) return { ok: true, env: result.data };
  const problems = result.error.issues.map((issue) =>
    issue.code === "custom" || issue.path.length === 0 ? issue.message : `${issue.path.join(".")}: ${issue.message}`,
  );
  return { ok: false, problems };
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
