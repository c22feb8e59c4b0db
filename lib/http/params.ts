import { z } from "zod";

// The one parser of ids and query parameters for routes and pages. A parameter that is
// absent or empty means "not given"; one that is present but malformed (an id of 36 dashes,
// a sequence number past bigint, a date PostgreSQL cannot store, a range of garbage) is
// refused here with 400 or 404, and never reaches the database to answer 500.

const BIGINT_MAX = BigInt("9223372036854775807");

/** An entity id: a UUID. */
export const zId = z.uuid();

/** A position in the audit chain: a positive integer that PostgreSQL's bigint holds. */
export const zSeq = z
  .string()
  .regex(/^\d{1,19}$/)
  .transform((value) => BigInt(value))
  .refine((value) => value > BigInt(0) && value <= BIGINT_MAX);

/** A calendar day, YYYY-MM-DD, within years people mean (PostgreSQL has no year 0). */
export const zDay = z.iso.date().refine((value) => value >= "1900-01-01" && value <= "9999-12-31");

/** A whole number of days back, as the dashboard's time range offers them. */
export const zRangeDays = z.enum(["7", "30", "90", "365"]).transform(Number);

/** A small positive whole number (a version number, a page). */
export const zCount = z.string().regex(/^\d{1,6}$/).transform(Number).refine((value) => value > 0);

/** Wraps a schema so "" and absence both mean "not given". */
export function optionalParam<T extends z.ZodType>(schema: T) {
  return z.preprocess((value) => (value === "" || value === null ? undefined : value), schema.optional());
}

/** Reads a query (URLSearchParams or a page's searchParams) with a schema; null when a given parameter is malformed. */
export function parseQuery<T extends z.ZodType>(schema: T, query: URLSearchParams | Record<string, string | string[] | undefined>): z.output<T> | null {
  const record = query instanceof URLSearchParams ? Object.fromEntries(query) : Object.fromEntries(Object.entries(query).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  const parsed = schema.safeParse(record);
  return parsed.success ? parsed.data : null;
}

export function isId(value: unknown): value is string {
  return zId.safeParse(value).success;
}

/** A route handler's answer to a malformed parameter. */
export function badRequest(message = "A parameter of this request is malformed."): Response {
  return Response.json({ error: message }, { status: 400 });
}
