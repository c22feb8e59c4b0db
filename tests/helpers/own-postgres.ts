import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort } from "@/tests/helpers/app-server";

export type TOwnPostgres = {
  /** The server, at its `postgres` database (create databases under it). */
  url: string;
  port: number;
  /** Stops the server. "immediate" is a crash: no checkpoint, recovery on the next start. */
  stop: (mode?: "fast" | "immediate") => void;
  start: () => void;
  destroy: () => void;
};

/** The PostgreSQL server programs (initdb, pg_ctl) of the newest version installed. */
export function findPostgresBin(): string | null {
  const fromConfig = spawnSync("pg_config", ["--bindir"], { encoding: "utf8" });
  if (fromConfig.status === 0 && existsSync(path.join(fromConfig.stdout.trim(), "initdb"))) return fromConfig.stdout.trim();
  const root = "/usr/lib/postgresql";
  if (!existsSync(root)) return null;
  const versions = readdirSync(root).filter((v) => existsSync(path.join(root, v, "bin", "initdb"))).sort((a, b) => Number(b) - Number(a));
  return versions[0] ? path.join(root, versions[0], "bin") : null;
}

export const POSTGRES_MISSING =
  "The reliability suite starts a PostgreSQL server of its own (to stop and restart it) and needs the server programs initdb and pg_ctl: apt-get install -y postgresql.";

/**
 * A PostgreSQL server of the suite's own, in a temporary directory on a free port, that a
 * test may stop and start as an outage would (the machine's shared server is left alone).
 * As root, it runs as the `postgres` user: PostgreSQL refuses to run as root.
 */
export async function startOwnPostgres(): Promise<TOwnPostgres> {
  const bin = findPostgresBin();
  if (!bin) throw new Error(POSTGRES_MISSING);
  const isRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(path.join(os.tmpdir(), "preflight-pg-"));
  chmodSync(dir, 0o777);
  const data = path.join(dir, "data");
  const run = (program: string, args: string[]) => {
    const [command, argv] = isRoot ? ["runuser", ["-u", "postgres", "--", path.join(bin, program), ...args]] : [path.join(bin, program), args];
    const result = spawnSync(command, argv as string[], { encoding: "utf8", cwd: dir });
    if (result.status !== 0) throw new Error(`${program} ${args.join(" ")} failed:\n${result.stdout}\n${result.stderr}`);
  };
  run("initdb", ["-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync"]);
  const port = await freePort();
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`;
  const start = () => run("pg_ctl", ["-D", data, "-o", options, "-l", path.join(dir, "server.log"), "-w", "-t", "60", "start"]);
  const stop = (mode: "fast" | "immediate" = "fast") => run("pg_ctl", ["-D", data, "-m", mode, "-w", "-t", "60", "stop"]);
  start();
  return {
    url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    port,
    start,
    stop,
    destroy: () => {
      try {
        stop("immediate");
      } catch {
        // already stopped
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
