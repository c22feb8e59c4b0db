import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { LocalTime } from "@/components/ui/local-time";

// The server cannot know the reader's zone: it renders UTC, which the browser's first
// render repeats (no hydration mismatch) before it switches to the reader's own time.
describe("LocalTime on the server", () => {
  const render = (props: Parameters<typeof LocalTime>[0]) => renderToStaticMarkup(createElement(LocalTime, props));

  it("renders the UTC time, with the instant in dateTime and UTC in the title", () => {
    expect(render({ iso: "2026-11-24T06:15:09.000Z" })).toBe('<time dateTime="2026-11-24T06:15:09.000Z" title="2026-11-24 06:15 UTC">2026-11-24 06:15 UTC</time>');
  });

  it("renders the same UTC text in every mode", () => {
    for (const mode of ["date", "time", "relative"] as const) {
      expect(render({ iso: "2026-11-24T06:15:09.000Z", mode })).toContain(">2026-11-24 06:15 UTC</time>");
    }
  });

  it("adds seconds when asked, and nothing for print until the browser knows the zone", () => {
    expect(render({ iso: "2026-11-24T06:15:09.000Z", seconds: true, printUtc: true })).toBe(
      '<time dateTime="2026-11-24T06:15:09.000Z" title="2026-11-24 06:15:09 UTC">2026-11-24 06:15:09 UTC</time>',
    );
  });
});
