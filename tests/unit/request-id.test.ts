import { describe, expect, it } from "vitest";
import { resolveRequestId } from "@/lib/log";

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("request ids", () => {
  it("keeps a sane upstream id", () => {
    expect(resolveRequestId("lb-7f3a.91:2")).toBe("lb-7f3a.91:2");
  });

  it.each([null, undefined, "", "a b", "x\r\nSet-Cookie: y", "x".repeat(129), "<script>"])(
    "replaces %j with a fresh uuid",
    (incoming) => {
      expect(resolveRequestId(incoming)).toMatch(uuid);
    },
  );

  it("makes a different id for each request", () => {
    expect(resolveRequestId(null)).not.toBe(resolveRequestId(null));
  });
});
