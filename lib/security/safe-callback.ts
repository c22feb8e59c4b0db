// Where the browser may be sent after sign-in: a path of this app, nothing else. Looking at
// the first characters is not enough: browsers drop tabs and newlines from a URL, trim
// leading spaces and read `\` as `/`, so `/\host`, `/<tab>/host` and ` //host` all leave the
// site. The value is resolved with the WHATWG URL parser (the browser's own rules) and its
// origin compared, and so is every percent-decoding of it, in case some later hop decodes
// again (`/%5Chost` is a harmless path only until something decodes it).

const MAX_LENGTH = 2048;
/** Decodings checked; a value still encoded deeper than this is refused, not trusted. */
const MAX_DECODES = 3;

/** The URL `value` resolves to from a page of `origin`, when it stays on that origin. */
function resolveOnOrigin(value: string, origin: string): URL | null {
  try {
    const url = new URL(value, origin);
    return url.origin === origin ? url : null;
  } catch {
    return null;
  }
}

/** One level of %XX decoding that never throws (a malformed escape elsewhere must not hide `%5C`). */
function decodeOnce(text: string): string {
  return text.replace(/%([0-9a-f]{2})/gi, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
}

/** Whether `path`, and each decoding of it, still resolves to `origin`. */
function staysOnOrigin(path: string, origin: string): boolean {
  let current = path;
  for (let depth = 0; depth <= MAX_DECODES; depth += 1) {
    if (!resolveOnOrigin(current, origin)) return false;
    const decoded = decodeOnce(current);
    if (decoded === current) return true;
    current = decoded;
  }
  return false;
}

/**
 * The path, query and fragment of `value` when it is a URL of `origin` (relative or absolute),
 * else `fallback`. The result is itself safe to put in a Location header: it resolves to
 * `origin` as written and after any number of decodings up to MAX_DECODES.
 */
export function safeCallbackPath(value: unknown, origin: string, fallback = "/"): string {
  if (typeof value !== "string" || value.length > MAX_LENGTH) return fallback;
  let ownOrigin: string;
  try {
    ownOrigin = new URL(origin).origin;
  } catch {
    return fallback;
  }
  const url = resolveOnOrigin(value, ownOrigin);
  if (!url) return fallback;
  // Re-serialised by the parser: control characters are encoded, `\` became `/`. A path
  // such as `/.//host` still resolves to `//host`, which the re-check below refuses.
  const path = `${url.pathname}${url.search}${url.hash}`;
  return staysOnOrigin(path, ownOrigin) && staysOnOrigin(value, ownOrigin) ? path : fallback;
}
