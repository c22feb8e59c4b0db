import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createServer } from "node:net";

export type TAppServer = {
  url: string;
  /** The node process serving (for its memory, or to kill it). */
  pid: number;
  /** The session-signing secret it was started with (to mint session cookies in load tests). */
  secret: string;
  stop: () => Promise<void>;
  output: () => string;
};

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

/**
 * `next start` on the current build, as production runs it, against the given database; with
 * `workers`, `npm start`'s cluster of that many servers on the port (scripts/serve.mjs).
 */
export async function startAppServer(
  databaseUrl: string,
  { port: wantedPort, env: extraEnv = {}, nodeArgs = [], workers }: { port?: number; env?: Record<string, string>; nodeArgs?: string[]; workers?: number } = {},
): Promise<TAppServer> {
  const port = wantedPort ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const secret = extraEnv.NEXTAUTH_SECRET ?? randomBytes(32).toString("base64url");
  const child: ChildProcess = spawn(
    process.execPath,
    workers ? [...nodeArgs, "scripts/serve.mjs"] : [...nodeArgs, "node_modules/next/dist/bin/next", "start", "-p", String(port), "-H", "127.0.0.1"],
    {
      env: {
        ...process.env,
        NODE_ENV: "production",
        NEXT_TELEMETRY_DISABLED: "1",
        DATABASE_URL: databaseUrl,
        NEXTAUTH_URL: url,
        NEXTAUTH_SECRET: secret,
        LOG_LEVEL: "warn",
        // The demo sign-in, as on the embedded `npm start` (the database is on loopback).
        PREFLIGHT_EMBEDDED_DEMO: "1",
        ...(workers ? { PORT: String(port), PREFLIGHT_HOST: "127.0.0.1", PREFLIGHT_WORKERS: String(workers) } : {}),
        ...extraEnv,
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));

  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}:\n${output}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`next start did not answer /healthz within 60 s:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }

  return {
    url,
    pid: child.pid!,
    secret,
    output: () => output,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}
