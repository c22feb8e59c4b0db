import { NextResponse, type NextRequest } from "next/server";
import { getEnv } from "@/lib/env";
import { REQUEST_ID_HEADER, requestLogger, resolveRequestId } from "@/lib/log";
import { buildContentSecurityPolicy, createNonce } from "@/lib/security/csp";
import { getDb } from "@/lib/db";
import { hitRateLimit, type TRateLimitDecision } from "@/lib/security/rate-limit";

// Runs before every request: a request id (kept from x-request-id when sane), a CSP nonce,
// a log line, a rate limit on sign-in, and an optimistic redirect to the sign-in page for
// visitors without a session cookie. It is not a security boundary: pages, actions, route
// handlers and the data layer check the session and permissions themselves.

const PUBLIC_PATHS = [/^\/sign-in(\/|$)/, /^\/api\//, /^\/healthz$/, /^\/readyz$/];
const RATE_LIMITED_PATHS = /^\/api\/auth\/(signin|callback)(\/|$)/;
const SESSION_COOKIE = /^(__Secure-)?next-auth\.session-token(\.\d+)?$/;
/** The largest request body accepted (server actions: bodySizeLimit "2mb" in next.config.js). */
const MAX_BODY_BYTES = 2 * 1024 * 1024;

function clientIp(request: NextRequest): string {
  return request.headers.get("x-forwarded-for")?.split(",")[0]?.trim() || request.headers.get("x-real-ip") || "local";
}

/** A server action must come from a page of this app: its Origin names our host. */
function isForeignServerAction(request: NextRequest, env: ReturnType<typeof getEnv>): boolean {
  if (request.method !== "POST" || !request.headers.has("next-action")) return false;
  const origin = request.headers.get("origin");
  if (!origin) return true;
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    return true;
  }
  const ownHosts = [request.nextUrl.host, env.NEXTAUTH_URL ? new URL(env.NEXTAUTH_URL).host : null];
  return !ownHosts.includes(host) && !env.PREFLIGHT_ALLOWED_ORIGINS.includes(host.toLowerCase());
}

/** The shared sign-in limit; if the database cannot count, sign-in (which needs it too) is let through. */
async function limitSignIn(key: string, limit: number, log: ReturnType<typeof requestLogger>): Promise<TRateLimitDecision> {
  try {
    return await hitRateLimit(getDb(), `sign-in:${key}`, { limit, windowMs: 60_000 });
  } catch (error) {
    log.warn({ err: error instanceof Error ? error.message : String(error) }, "sign-in rate limit could not be counted");
    return { allowed: true };
  }
}

export async function proxy(request: NextRequest) {
  const env = getEnv();
  const requestId = resolveRequestId(request.headers.get(REQUEST_ID_HEADER));
  const log = requestLogger(requestId);
  const { pathname, search } = request.nextUrl;
  log.info({ method: request.method, path: pathname }, "request");

  let response: NextResponse;
  const nonce = createNonce();
  const csp = buildContentSecurityPolicy(nonce, {
    isDev: env.NODE_ENV === "development",
    isHttps: env.NEXTAUTH_URL?.startsWith("https:") ?? false,
  });

  const decision = RATE_LIMITED_PATHS.test(pathname) ? await limitSignIn(clientIp(request), env.PREFLIGHT_AUTH_RATE_LIMIT, log) : { allowed: true as const };
  const hasSession = request.cookies.getAll().some((cookie) => SESSION_COOKIE.test(cookie.name));

  const declaredLength = Number(request.headers.get("content-length") ?? 0);
  if (declaredLength > MAX_BODY_BYTES) {
    // Refused on its declared size, before any of the body is read. A body sent without a
    // length is cut off by Next.js at the same limit as it is read.
    log.warn({ path: pathname, bytes: declaredLength }, "request refused: body too large");
    response = NextResponse.json({ error: "The request is too large (the limit is 2 MB)." }, { status: 413 });
  } else if (isForeignServerAction(request, env)) {
    log.warn({ origin: request.headers.get("origin") }, "server action refused: origin is not this app");
    response = NextResponse.json({ error: "Cross-origin request refused." }, { status: 403 });
  } else if (!decision.allowed) {
    log.warn({ path: pathname }, "sign-in rate limit reached");
    response = NextResponse.json(
      { error: "Too many sign-in attempts. Try again later." },
      { status: 429, headers: { "Retry-After": String(decision.retryAfterSeconds) } },
    );
  } else if (!hasSession && !PUBLIC_PATHS.some((path) => path.test(pathname))) {
    const signIn = new URL("/sign-in", request.url);
    if (pathname !== "/" && pathname !== "/releases") signIn.searchParams.set("callbackUrl", `${pathname}${search}`);
    response = NextResponse.redirect(signIn);
  } else {
    const requestHeaders = new Headers(request.headers);
    requestHeaders.set(REQUEST_ID_HEADER, requestId);
    requestHeaders.set("x-nonce", nonce);
    requestHeaders.set("Content-Security-Policy", csp);
    response = NextResponse.next({ request: { headers: requestHeaders } });
  }

  response.headers.set(REQUEST_ID_HEADER, requestId);
  response.headers.set("Content-Security-Policy", csp);
  if (env.NODE_ENV === "production") {
    response.headers.set("Strict-Transport-Security", "max-age=63072000; includeSubDomains");
  }
  return response;
}

export const config = {
  matcher: [{ source: "/((?!_next/static|_next/image|favicon.ico).*)" }],
};
