import { NextResponse, type NextRequest } from "next/server";
import { buildContentSecurityPolicy, createNonce } from "@/lib/security/csp";
import { REQUEST_ID_HEADER, requestLogger, resolveRequestId } from "@/lib/log";
import { getEnv } from "@/lib/env";

// Runs before every request: gives it a request id (kept from x-request-id when sane),
// a CSP nonce, and a log line. It is not a security boundary; checks live in lib/data.
export function proxy(request: NextRequest) {
  const requestId = resolveRequestId(request.headers.get(REQUEST_ID_HEADER));
  const nonce = createNonce();
  const env = getEnv();
  const csp = buildContentSecurityPolicy(nonce, {
    isDev: env.NODE_ENV === "development",
    isHttps: env.NEXTAUTH_URL?.startsWith("https:") ?? false,
  });

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set(REQUEST_ID_HEADER, requestId);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", csp);

  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set(REQUEST_ID_HEADER, requestId);
  response.headers.set("Content-Security-Policy", csp);
  if (env.NODE_ENV === "production") {
    response.headers.set("Strict-Transport-Security", "max-age=63072000; includeSubDomains");
  }

  requestLogger(requestId).info({ method: request.method, path: request.nextUrl.pathname }, "request");
  return response;
}

export const config = {
  matcher: [{ source: "/((?!_next/static|_next/image|favicon.ico).*)" }],
};
