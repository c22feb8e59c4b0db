import { buildOpenApiDocument } from "@/lib/api/openapi";

/**
 * GET /api/v1/openapi.json: the API's OpenAPI 3.1 document. Public (no token): it describes
 * the API and holds no data. Built per request rather than at build time, which has no database
 * settings to load the route modules' imports with.
 */
export function GET() {
  return Response.json(buildOpenApiDocument(), { headers: { "Cache-Control": "public, max-age=300" } });
}
