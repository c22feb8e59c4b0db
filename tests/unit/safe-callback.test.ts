import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "@/lib/security/safe-callback";

const ORIGIN = "http://127.0.0.1:3000";

/** Where a browser lands when a page of ORIGIN redirects to `location`. */
const landsOn = (location: string) => new URL(location, ORIGIN).origin;

describe("safeCallbackPath", () => {
  it.each([
    // What Next.js hands the page once the query is decoded, and the raw forms too.
    ["/%5Chost/x (raw)", "/%5Chost/x"],
    ["/%5Chost/x (decoded)", "/\\host/x"],
    ["/%09/host (raw)", "/%09/host"],
    ["/%09/host (decoded)", "/\t/host"],
    ["/\\thost (backslash, t)", "/\\thost"],
    ["/\\\\host", "/\\\\host"],
    ["\\\\host", "\\\\host"],
    ["//host", "//host"],
    ["///host", "///host"],
    ["/%2F%2Fhost", "/%2F%2Fhost"],
    ["/%252F%252Fhost (double encoded)", "/%252F%252Fhost"],
    ["/%5Chost% (malformed escape after)", "/%5Chost%"],
    ["https://evil.example/x", "https://evil.example/x"],
    ["http://127.0.0.1:3000.evil.example/", "http://127.0.0.1:3000.evil.example/"],
    ["http://127.0.0.1:3000@evil.example/", "http://127.0.0.1:3000@evil.example/"],
    ["https://127.0.0.1:3000/ (other scheme)", "https://127.0.0.1:3000/"],
    ["javascript:alert(1)", "javascript:alert(1)"],
    ["JavaScript:alert(1)", "JavaScript:alert(1)"],
    ["data:text/html,x", "data:text/html,x"],
    ["  //host (leading spaces)", "  //host"],
    ["/\\n/host", "/\n/host"],
    ["/\\r\\n/host", "/\r\n/host"],
    ["/.//host (dot segment)", "/.//host"],
    ["/x/..//host", "/x/..//host"],
    ["a very long value", `/${"a".repeat(5000)}`],
  ])("refuses %s", (_label, value) => {
    expect(safeCallbackPath(value, ORIGIN)).toBe("/");
  });

  it.each([
    ["a path with query and fragment", "/releases/abc?filter=mine#x", "/releases/abc?filter=mine#x"],
    ["a full URL of our own origin", `${ORIGIN}/releases/abc?filter=mine#x`, "/releases/abc?filter=mine#x"],
    ["a path with a tab in it (the browser drops it)", "/\thost", "/host"],
    ["an encoded slash inside the path", "/a%2Fb", "/a%2Fb"],
    ["slashes in the query", "/releases?next=//host", "/releases?next=//host"],
    ["a relative path", "releases", "/releases"],
  ])("keeps %s", (_label, value, path) => {
    expect(safeCallbackPath(value, ORIGIN)).toBe(path);
  });

  it.each([undefined, null, 42, ["/releases"], { href: "/releases" }])("refuses a non-string %j", (value) => {
    expect(safeCallbackPath(value, ORIGIN)).toBe("/");
  });

  it("answers the fallback given", () => {
    expect(safeCallbackPath("//host", ORIGIN, "/releases")).toBe("/releases");
  });

  it("whatever the input, the result is a path that lands on our origin, decoded or not", () => {
    const piece = fc.constantFrom("/", "\\", "\t", "\n", "\r", " ", "%2F", "%5C", "%09", "%25", ".", "..", "host", "@", ":", "?", "#", "http:", "//");
    const crafted = fc.array(piece, { maxLength: 8 }).map((parts) => parts.join(""));
    fc.assert(
      fc.property(fc.oneof(crafted, fc.string(), fc.webUrl()), (value) => {
        let result = safeCallbackPath(value, ORIGIN);
        expect(result.startsWith("/")).toBe(true);
        for (let depth = 0; depth < 3; depth += 1) {
          expect(landsOn(result)).toBe(ORIGIN);
          result = decodeURIComponentLenient(result);
        }
      }),
      { numRuns: 1000 },
    );
  });
});

function decodeURIComponentLenient(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
