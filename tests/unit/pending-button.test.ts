import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { FormPendingContext, PendingButton } from "@/components/ui/pending-button";
import { WorkProgress } from "@/components/ui/work-progress";

const button = (props: Partial<Parameters<typeof PendingButton>[0]> = {}) =>
  createElement(PendingButton, { pendingText: "Publishing…", className: "btn", ...props }, "Publish template");

describe("PendingButton", () => {
  it("is an enabled submit button named by its children while its form is idle", () => {
    const html = renderToStaticMarkup(createElement("form", null, button()));
    expect(html).toContain('type="submit"');
    expect(html).toContain('aria-busy="false"');
    expect(html).toContain(">Publish template</button>");
    expect(html).not.toContain("disabled");
    expect(html).not.toContain("<svg");
  });

  it("says it is waiting, with a hidden spinner, disabled and busy", () => {
    const html = renderToStaticMarkup(button({ pending: true }));
    expect(html).toContain('aria-busy="true"');
    expect(html).toContain('disabled=""');
    expect(html).toMatch(/<svg aria-hidden="true"[^>]*>.*<\/svg>Publishing…<\/button>/);
    expect(html).not.toContain("Publish template");
  });

  it("waits while a NavigationForm's navigation loads, and stays disabled when told", () => {
    const navigating = renderToStaticMarkup(createElement(FormPendingContext, { value: true }, button()));
    expect(navigating).toContain("Publishing…");
    const disabled = renderToStaticMarkup(button({ disabled: true }));
    expect(disabled).toContain('disabled=""');
    expect(disabled).toContain('aria-busy="false"');
  });
});

describe("WorkProgress", () => {
  it("keeps an empty polite status in the page while idle, and no bar", () => {
    const html = renderToStaticMarkup(createElement(WorkProgress, { label: "Import progress", status: "", active: false }));
    expect(html).toContain('role="status"');
    expect(html).toContain('aria-live="polite"');
    expect(html).not.toContain("<progress");
  });

  it("shows a determinate bar when the size is known and an indeterminate one otherwise", () => {
    const known = renderToStaticMarkup(
      createElement(WorkProgress, { label: "Import progress", status: "Reading file (2.0 MB)…", active: true, value: 512, max: 2048, detail: "0.5 KB of 2.0 KB" }),
    );
    expect(known).toContain("Reading file (2.0 MB)…");
    expect(known).toMatch(/<progress aria-label="Import progress" aria-valuetext="0.5 KB of 2.0 KB" value="512" max="2048"/);
    const unknown = renderToStaticMarkup(createElement(WorkProgress, { label: "Export progress", status: "Exporting CSV…", active: true, value: 10, max: null }));
    expect(unknown).toMatch(/<progress aria-label="Export progress"/);
    expect(unknown).not.toMatch(/value=/);
  });
});
