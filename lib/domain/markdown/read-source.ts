export const MAX_SOURCE_BYTES = 1_048_576;

export type TSourceResult = { ok: true; text: string } | { ok: false; error: string };

const MEGABYTE = 1_048_576;
const UTF8 = new TextDecoder("utf-8", { fatal: true });
const UTF16_BOMS = [
  { bom: [0xff, 0xfe], encoding: "utf-16le" },
  { bom: [0xfe, 0xff], encoding: "utf-16be" },
] as const;
const BINARY = "The file is not text: it contains binary data. Import a Markdown (.md) file.";

const byteCount = (bytes: number) => `${bytes.toLocaleString("en-US")} bytes`;

/**
 * Also said by the import page before it sends anything that large. The size has two
 * decimals, or is given in bytes where those would round to the limit ("1.00 MB").
 */
export function tooLargeError(bytes: number): string {
  const megabytes = (bytes / MEGABYTE).toFixed(2);
  if (Number(megabytes) > MAX_SOURCE_BYTES / MEGABYTE) return `The file is ${megabytes} MB; the limit is 1 MB.`;
  return `The file is ${byteCount(bytes)}; the limit is ${byteCount(MAX_SOURCE_BYTES)} (1 MB).`;
}

function decode(bytes: Uint8Array): TSourceResult {
  // A UTF-16 file is full of NUL bytes, so its byte order mark is looked for first.
  const utf16 = UTF16_BOMS.find(({ bom }) => bom.every((byte, i) => bytes[i] === byte));
  if (utf16) {
    try {
      return { ok: true, text: new TextDecoder(utf16.encoding, { fatal: true }).decode(bytes) };
    } catch {
      return { ok: false, error: "The file starts as UTF-16 text but is not valid UTF-16. Save it as UTF-8 Markdown and import it again." };
    }
  }
  if (bytes.includes(0)) return { ok: false, error: BINARY };
  try {
    const text = UTF8.decode(bytes);
    return { ok: true, text: text.startsWith("\ufeff") ? text.slice(1) : text };
  } catch {
    return { ok: false, error: "The file is not UTF-8 text. Save it as UTF-8 Markdown and import it again." };
  }
}

/** Checks that an upload is markdown-sized text (UTF-8, or UTF-16 with a byte order mark) before anything parses it. */
export function readSource(input: Uint8Array | string): TSourceResult {
  const bytes = typeof input === "string" ? new TextEncoder().encode(input) : input;
  if (bytes.byteLength === 0) return { ok: false, error: "The file is empty." };
  if (bytes.byteLength > MAX_SOURCE_BYTES) return { ok: false, error: tooLargeError(bytes.byteLength) };
  const read = decode(bytes);
  if (!read.ok) return read;
  if (read.text.includes("\0")) return { ok: false, error: BINARY };
  return read.text.length === 0 ? { ok: false, error: "The file is empty." } : read;
}
