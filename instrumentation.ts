// Runs once when the server starts: a server with an invalid environment refuses to run.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { exitOnInvalidEnv } = await import("@/lib/env");
  exitOnInvalidEnv();
}
