import { spawn } from "node:child_process";

export type TProcessResult = { code: number | null; stdout: string; stderr: string };

/** Runs a command to its end (or kills it after timeoutMs) and collects its output. */
export function runProcess(
  command: string,
  args: string[],
  { env, timeoutMs = 60_000 }: { env: NodeJS.ProcessEnv; timeoutMs?: number },
): Promise<TProcessResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("error", reject);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
