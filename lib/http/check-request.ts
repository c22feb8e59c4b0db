import { z } from "zod";
import { optionalParam, zCount, zDay, zId, zRangeDays, zSeq } from "@/lib/http/params";

// What the proxy refuses before a page or route runs: a malformed id in the path (404) or a
// malformed known query parameter (400). Pages stream (their status is sent before they
// finish), so a page's own notFound() cannot change the status any more: the proxy decides.
// Pages and routes parse the same parameters with the same schemas (lib/http/params.ts).

const QUERY: Record<string, z.ZodType> = {
  before: optionalParam(zSeq),
  at: optionalParam(zSeq),
  compare: optionalParam(zSeq),
  from: optionalParam(zDay),
  to: optionalParam(zDay),
  releaseId: optionalParam(zId),
  itemId: optionalParam(zId),
  templateId: optionalParam(zId),
  range: optionalParam(zRangeDays),
  version: optionalParam(zCount),
};

/** Path segments that are ids, after their collection: /releases/<id>/…, /templates/<id>, /templates/drafts/<id>. */
const ID_PATHS = [/^\/releases\/([^/]+)/, /^\/templates\/([^/]+)/, /^\/templates\/drafts\/([^/]+)/];
const NAMED = new Set(["new", "import", "drafts"]);

export type TRefusal = { status: 400 | 404; message: string };

export function checkRequest(pathname: string, query: URLSearchParams): TRefusal | null {
  for (const pattern of ID_PATHS) {
    const id = pattern.exec(pathname)?.[1];
    if (id !== undefined && !NAMED.has(id) && !zId.safeParse(decodeSegment(id)).success) {
      return { status: 404, message: "There is no such page: the address names something that cannot exist." };
    }
  }
  for (const [name, schema] of Object.entries(QUERY)) {
    const values = query.getAll(name);
    if (values.length > 1 || (values.length === 1 && !schema.safeParse(values[0]).success)) {
      return { status: 400, message: `The “${name}” parameter of this address is malformed.` };
    }
  }
  return null;
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
