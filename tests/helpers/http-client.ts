import { readFileSync } from "node:fs";
import path from "node:path";
import { encode } from "next-auth/jwt";

/** The session cookie a signed-in user's browser holds (next-auth JWT, as the app issues it). */
export async function sessionCookie(secret: string, userId: string, { maxAge = 8 * 3600 }: { maxAge?: number } = {}): Promise<string> {
  const token = await encode({ token: { sub: userId }, secret, maxAge });
  return `next-auth.session-token=${token}`;
}

let manifest: Record<string, { exportedName: string; filename: string }> | undefined;

/** The id under which the current build serves a server action, by its exported name. */
export function serverActionId(exportedName: string): string {
  manifest ??= (JSON.parse(readFileSync(path.join(".next", "server", "server-reference-manifest.json"), "utf8")) as { node: typeof manifest }).node!;
  const found = Object.entries(manifest).find(([, entry]) => entry.exportedName === exportedName);
  if (!found) throw new Error(`no server action named ${exportedName} in the build`);
  return found[0];
}

export type TActionCall = { status: number; result: unknown; body: string; ms: number };

/**
 * Calls a server action over HTTP as the browser does (POST to the page with its id in
 * Next-Action, arguments as JSON) and returns the action's own result from the RSC stream.
 */
export async function callServerAction(
  baseUrl: string,
  { page, action, args, cookie, origin = baseUrl, timeoutMs = 30_000 }: { page: string; action: string; args: unknown[]; cookie?: string; origin?: string; timeoutMs?: number },
): Promise<TActionCall> {
  const start = performance.now();
  const response = await fetch(`${baseUrl}${page}`, {
    method: "POST",
    headers: {
      accept: "text/x-component",
      "content-type": "text/plain;charset=UTF-8",
      "next-action": serverActionId(action),
      origin,
      ...(cookie ? { cookie } : {}),
    },
    body: JSON.stringify(args),
    redirect: "manual",
    signal: AbortSignal.timeout(timeoutMs),
  });
  const body = await response.text();
  return { status: response.status, result: parseActionResult(body), body, ms: performance.now() - start };
}

/** The action's return value: the row `1:` of the RSC payload (row `0:` is the page's). */
export function parseActionResult(body: string): unknown {
  for (const line of body.split("\n")) {
    const match = /^1:(.*)$/.exec(line);
    if (match) {
      try {
        return JSON.parse(match[1]!);
      } catch {
        return match[1];
      }
    }
  }
  return undefined;
}
