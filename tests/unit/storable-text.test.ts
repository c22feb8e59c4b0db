import { describe, expect, it } from "vitest";
import { storableText, zText } from "@/lib/data/text";

describe("storable text", () => {
  it("replaces what PostgreSQL refuses (NUL, lone surrogates) and keeps everything else", () => {
    expect(storableText("a\u0000b")).toBe("a\uFFFDb");
    expect(storableText("x\ud800y")).toBe("x\uFFFDy");
    expect(storableText("x\udc00")).toBe("x\uFFFD");
    expect(storableText("🚀 ✅ é <b>&")).toBe("🚀 ✅ é <b>&");
  });

  it("runs before the usual checks", () => {
    expect(zText().trim().min(1).parse(" \u0000 ")).toBe("\uFFFD");
    expect(zText().max(3).safeParse("abcd").success).toBe(false);
  });
});
