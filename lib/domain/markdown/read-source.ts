export const MAX_SOURCE_BYTES = 1_048_576;

export type TSourceResult = { ok: true; text: string } | { ok: false; error: string };

const UTF8 = new TextDecoder("utf-8", { fatal: true });

/** Also said by the import page before it sends anything that large. */
export function tooLargeError(bytes: number): string {
  return `The file is ${(bytes / 1_048_576).toFixed(1)} MB; the limit is 1 MB.`;
}

/** Checks that an upload is markdown-sized UTF-8 text before anything parses it. */
export function readSource(input: Uint8Array | string): TSourceResult {
  const bytes = typeof input === "string" ? Buffer.from(input, "utf8") : input;
  if (bytes.byteLength === 0) return { ok: false, error: "The file is empty." };
  if (bytes.byteLength > MAX_SOURCE_BYTES) return { ok: false, error: tooLargeError(bytes.byteLength) };
  if (bytes.includes(0)) return { ok: false, error: "The file is not text: it contains binary data. Import a Markdown (.md) file." };
  try {
    const text = UTF8.decode(bytes);
    return { ok: true, text: text.startsWith("\ufeff") ? text.slice(1) : text };
  } catch {
    return { ok: false, error: "The file is not UTF-8 text. Save it as UTF-8 Markdown and import it again." };
  }
}
