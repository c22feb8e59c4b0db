import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MAX_SOURCE_BYTES, readSource, tooLargeError } from "@/lib/domain/markdown/read-source";

const utf16le = (text: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
const utf16be = (text: string) => Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, "utf16le").swap16()]);
const SAMPLE = "# Launch ✅\n\n- [ ] Vérifier l’état 🚀\n";

describe("source size in messages", () => {
  it.each([
    [1_090_519, "The file is 1.04 MB; the limit is 1 MB."],
    [1_600_000, "The file is 1.53 MB; the limit is 1 MB."],
    [12_345_678, "The file is 11.77 MB; the limit is 1 MB."],
    [1_053_819, "The file is 1.01 MB; the limit is 1 MB."],
    [MAX_SOURCE_BYTES + 1, "The file is 1,048,577 bytes; the limit is 1,048,576 bytes (1 MB)."],
    [1_053_000, "The file is 1,053,000 bytes; the limit is 1,048,576 bytes (1 MB)."],
  ])("says %i bytes as it is", (bytes, message) => {
    expect(tooLargeError(bytes)).toBe(message);
  });

  it("always shows a size visibly over the limit", () => {
    fc.assert(
      fc.property(fc.integer({ min: MAX_SOURCE_BYTES + 1, max: 50 * MAX_SOURCE_BYTES }), (bytes) => {
        const message = tooLargeError(bytes);
        const megabytes = /^The file is (\d+\.\d\d) MB; the limit is 1 MB\.$/.exec(message)?.[1];
        const exact = /^The file is ([\d,]+) bytes; the limit is 1,048,576 bytes \(1 MB\)\.$/.exec(message)?.[1];
        expect(megabytes ?? exact).toBeDefined();
        if (megabytes) expect(Number(megabytes)).toBeGreaterThan(1);
        if (exact) expect(Number(exact.replace(/,/g, ""))).toBe(bytes);
      }),
      { numRuns: 2000 },
    );
  });

  it("refuses a source over the limit with that message", () => {
    const bytes = new Uint8Array(MAX_SOURCE_BYTES + 1).fill(0x61);
    expect(readSource(bytes)).toEqual({ ok: false, error: "The file is 1,048,577 bytes; the limit is 1,048,576 bytes (1 MB)." });
    expect(readSource(new Uint8Array(MAX_SOURCE_BYTES).fill(0x61)).ok).toBe(true);
  });
});

describe("source decoding", () => {
  it("reads UTF-8, with or without a byte order mark", () => {
    expect(readSource(Buffer.from(SAMPLE, "utf8"))).toEqual({ ok: true, text: SAMPLE });
    expect(readSource(Buffer.from(`\ufeff${SAMPLE}`, "utf8"))).toEqual({ ok: true, text: SAMPLE });
    expect(readSource(SAMPLE)).toEqual({ ok: true, text: SAMPLE });
  });

  it.each([
    ["UTF-16LE", utf16le],
    ["UTF-16BE", utf16be],
  ])("reads %s with a byte order mark instead of calling it binary", (_label, encode) => {
    expect(readSource(encode(SAMPLE))).toEqual({ ok: true, text: SAMPLE });
  });

  it("refuses UTF-16 with a byte order mark that does not decode", () => {
    const cut = utf16le(SAMPLE).subarray(0, 7);
    const loneSurrogate = Buffer.from([0xfe, 0xff, 0xd8, 0x3d, 0x00, 0x41]);
    for (const bytes of [cut, loneSurrogate]) {
      expect(readSource(bytes)).toEqual({
        ok: false,
        error: "The file starts as UTF-16 text but is not valid UTF-16. Save it as UTF-8 Markdown and import it again.",
      });
    }
  });

  it.each([
    ["NUL bytes and no byte order mark", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01])],
    ["UTF-16 without a byte order mark", Buffer.from(SAMPLE, "utf16le")],
    ["UTF-16 whose text holds NUL", utf16le("a\0b")],
  ])("calls %s binary", (_label, bytes) => {
    expect(readSource(bytes)).toEqual({ ok: false, error: "The file is not text: it contains binary data. Import a Markdown (.md) file." });
  });

  it("refuses text in another encoding with the same message as before", () => {
    expect(readSource(Buffer.from([0x66, 0xff, 0xfe, 0x41]))).toEqual({
      ok: false,
      error: "The file is not UTF-8 text. Save it as UTF-8 Markdown and import it again.",
    });
    expect(readSource(Buffer.from("Caf\xe9", "latin1")).ok).toBe(false);
  });

  it.each([
    ["no bytes", new Uint8Array()],
    ["an empty string", ""],
    ["a UTF-8 byte order mark alone", Buffer.from([0xef, 0xbb, 0xbf])],
    ["a UTF-16 byte order mark alone", Buffer.from([0xff, 0xfe])],
  ])("calls %s empty", (_label, input) => {
    expect(readSource(input)).toEqual({ ok: false, error: "The file is empty." });
  });
});
