import { NextResponse, type NextRequest } from "next/server";
import { getEnv } from "@/lib/env";
import { REQUEST_ID_HEADER, requestLogger, resolveRequestId } from "@/lib/log";
import { clientAddressOf } from "@/lib/security/client-address";
import { buildContentSecurityPolicy, createNonce } from "@/lib/security/csp";
import { getDb } from "@/lib/db";
import { hitRateLimit, type TRateLimitDecision } from "@/lib/security/rate-limit";
import { checkRequest } from "@/lib/http/check-request";

// Runs before every request: a request id (kept from x-request-id when sane), a CSP nonce,
// a log line, a rate limit on sign-in, and an optimistic redirect to the sign-in page for
// visitors without a session cookie. It is not a security boundary: pages, actions, route
// handlers and the data layer check the session and permissions themselves.

const PUBLIC_PATHS = [/^\/sign-in(\/|$)/, /^\/api\//, /^\/healthz$/, /^\/readyz$/, /^\/metrics$/];
const RATE_LIMITED_PATHS = /^\/api\/auth\/(signin|callback)(\/|$)/;
const SESSION_COOKIE = /^(__Secure-)?next-auth\.session-token(\.\d+)?$/;
/** The largest request body accepted (server actions: bodySizeLimit "2mb" in next.config.js). */
const MAX_BODY_BYTES = 2 * 1024 * 1024;

/**
 * The sign-in limit's key: the client's address as trusted proxies report it. Without them
 * the address cannot be known here (lib/security/client-address.ts), and a key the client
 * could choose would let it dodge the limit, so every such request shares one key.
 */
function rateLimitKey(request: NextRequest, env: ReturnType<typeof getEnv>): string {
  return clientAddressOf(request.headers, env.PREFLIGHT_TRUSTED_PROXIES) ?? "unknown-client";
}

/**
 * A post to a page is a server action, posted by our script (a Next-Action header) or, with
 * no JavaScript, as a plain form (the action named inside the multipart body): both must
 * come from a page of this app, its Origin naming our host. /api/* has its own checks
 * (next-auth's CSRF token).
 */
function isForeignServerAction(request: NextRequest, env: ReturnType<typeof getEnv>): boolean {
  if (request.method !== "POST") return false;
  if (!request.headers.has("next-action") && request.nextUrl.pathname.startsWith("/api/")) return false;
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

/** A body sent without a length (chunked) cannot be refused on its size before it is read. */
function hasBodyWithoutLength(request: NextRequest): boolean {
  return !["GET", "HEAD", "OPTIONS"].includes(request.method) && !request.headers.has("content-length") && request.headers.has("transfer-encoding");
}

/** A page for a refused address: plain HTML, no script or style (the CSP allows none here). */
function refusalPage(status: number, message: string): NextResponse {
  const title = status === 404 ? "Not found" : "Bad request";
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title} · Preflight</title></head><body><main><h1>${title}</h1><p>${message}</p><p><a href="/dashboard">Go to the dashboard</a></p></main></body></html>`;
  return new NextResponse(html, { status, headers: { "Content-Type": "text/html; charset=utf-8" } });
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

  const decision = RATE_LIMITED_PATHS.test(pathname) ? await limitSignIn(rateLimitKey(request, env), env.PREFLIGHT_AUTH_RATE_LIMIT, log) : { allowed: true as const };
  const hasSession = request.cookies.getAll().some((cookie) => SESSION_COOKIE.test(cookie.name));

  const declaredLength = Number(request.headers.get("content-length") ?? 0);
  const refusal = checkRequest(pathname, request.nextUrl.searchParams);
  if (hasBodyWithoutLength(request)) {
    log.warn({ path: pathname }, "request refused: body without a length");
    response = NextResponse.json({ error: "Send the request body with a Content-Length (the limit is 2 MB)." }, { status: 411 });
  } else if (declaredLength > MAX_BODY_BYTES) {
    // Refused on its declared size, before any of the body is read. A body sent without a
    // length is cut off by Next.js at the same limit as it is read.
    log.warn({ path: pathname, bytes: declaredLength }, "request refused: body too large");
    response = NextResponse.json({ error: "The request is too large (the limit is 2 MB)." }, { status: 413 });
  } else if (isForeignServerAction(request, env)) {
    log.warn({ origin: request.headers.get("origin") }, "server action refused: origin is not this app");
    response = NextResponse.json({ error: "Cross-origin request refused." }, { status: 403 });
  } else if (refusal) {
    // Malformed ids and parameters are refused here: a page streams, so its status is sent
    // before it could call notFound() (lib/http/check-request.ts).
    response = pathname.startsWith("/api/") || /\/(export|data|evidence-pack)$/.test(pathname)
      ? NextResponse.json({ error: refusal.message }, { status: refusal.status })
      : refusalPage(refusal.status, refusal.message);
  } else if (!decision.allowed) {
    log.warn({ path: pathname }, "sign-in rate limit reached");
    response = NextResponse.json(
      { error: "Too many sign-in attempts. Try again later." },
      { status: 429, headers: { "Retry-After": String(decision.retryAfterSeconds) } },
    );
  } else if (pathname === "/" && hasSession) {
    // Here rather than in next.config.js, whose redirects run before the proxy: this one
    // carries the request id too.
    response = NextResponse.redirect(new URL("/dashboard", request.url));
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
