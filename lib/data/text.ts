import { z } from "zod";

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Text as PostgreSQL can store it: NUL characters (which text columns refuse) and lone
 * UTF-16 surrogates (which JSON columns refuse) become U+FFFD instead of failing the write.
 */
export function storableText(value: string): string {
  return value.replaceAll("\u0000", "\uFFFD").replace(LONE_SURROGATE, "\uFFFD");
}

/** z.string() for anything typed by a person: storable, then the usual checks. */
export const zText = () => z.string().overwrite(storableText);
