import "server-only";
import { z } from "zod";
import type { TFailure } from "@/lib/data/result";

// How the REST API answers (docs/decisions/0009-api-tokens.md): JSON, and every error as
// { "error": { "code", "message", … } } with the status that says what went wrong.

export const API_ERROR_STATUS = {
  invalid_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  unprocessable: 422,
  rate_limited: 429,
  unavailable: 503,
} as const;
export type TApiErrorCode = keyof typeof API_ERROR_STATUS;

export const ZApiError = z.object({
  error: z.object({
    code: z.enum(Object.keys(API_ERROR_STATUS) as [TApiErrorCode, ...TApiErrorCode[]]),
    message: z.string(),
    fieldErrors: z.record(z.string(), z.array(z.string())).optional(),
    currentVersion: z.number().int().optional().describe("On a 409 over an item: its version now, to retry with."),
  }),
});

export function apiError(code: TApiErrorCode, message: string, extra: { fieldErrors?: Record<string, string[]>; currentVersion?: number; headers?: HeadersInit } = {}): Response {
  const { headers, ...details } = extra;
  return Response.json({ error: { code, message, ...details } }, { status: API_ERROR_STATUS[code], headers: { "Cache-Control": "no-store", ...headers } });
}

export function apiJson(body: unknown, status = 200): Response {
  return Response.json(body, { status, headers: { "Cache-Control": "no-store" } });
}

/** A data-layer refusal as the API says it. */
export function apiFailure(failure: TFailure): Response {
  switch (failure.code) {
    case "invalid":
      return apiError("unprocessable", failure.error, { fieldErrors: failure.fieldErrors });
    case "not_found":
      return apiError("not_found", failure.error);
    case "conflict":
      return apiError("conflict", failure.error, failure.current ? { currentVersion: failure.current.version } : {});
    case "busy":
      return apiError("unavailable", failure.error, { headers: { "Retry-After": "1" } });
  }
}

/** The request's JSON body: an object, or a 400 saying why not. */
export async function readJsonObject(request: Request): Promise<{ ok: true; body: Record<string, unknown> } | { ok: false; response: Response }> {
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return { ok: false, response: apiError("invalid_request", "The body is not JSON.") };
  }
  if (!body || typeof body !== "object" || Array.isArray(body)) return { ok: false, response: apiError("invalid_request", "The body must be a JSON object.") };
  return { ok: true, body: body as Record<string, unknown> };
}

/** A zod refusal as a 422 with the fields it names. */
export function apiInvalid(error: z.ZodError, message = "The request is not valid."): Response {
  return apiError("unprocessable", message, { fieldErrors: z.flattenError(error).fieldErrors as Record<string, string[]> });
}
