import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { PendingButton, WaitingButton } from "@/components/ui/pending-button";

const waiting = (props: Partial<Parameters<typeof WaitingButton>[0]> = {}, children = "Mark not applicable") =>
  renderToStaticMarkup(createElement(WaitingButton, { isPending: false, pendingText: "Marking not applicable…", className: "btn", ...props }, children));

describe("WaitingButton", () => {
  it("is an enabled plain button named by its children while idle, with no spinner", () => {
    const html = waiting();
    expect(html).toContain('type="button"');
    expect(html).toContain('aria-busy="false"');
    expect(html).toContain(">Mark not applicable</button>");
    expect(html).toContain('class="inline-flex items-center justify-center gap-2 btn"');
    expect(html).not.toContain("disabled");
    expect(html).not.toContain("<svg");
  });

  it("shows a hidden spinner and its waiting words, disabled and busy, while its caller waits", () => {
    const html = waiting({ isPending: true, type: "submit" });
    expect(html).toContain('type="submit"');
    expect(html).toContain('aria-busy="true"');
    expect(html).toContain('disabled=""');
    expect(html).toMatch(/<svg aria-hidden="true"[^>]*>.*<\/svg>Marking not applicable…<\/button>/);
    expect(html).not.toContain(">Mark not applicable<");
  });

  it("stays disabled when told, whether or not it waits", () => {
    const idle = waiting({ disabled: true });
    expect(idle).toContain('disabled=""');
    expect(idle).toContain('aria-busy="false"');
    expect(idle).toContain(">Mark not applicable</button>");
  });

  it("keeps an aria-label while idle and takes the waiting label while it waits", () => {
    const props = { "aria-label": "Save owner and due date of Tests pass", pendingLabel: "Saving owner and due date of Tests pass", pendingText: "Saving…" };
    expect(waiting(props, "Save")).toContain('aria-label="Save owner and due date of Tests pass"');
    const busy = waiting({ ...props, isPending: true }, "Save");
    expect(busy).toContain('aria-label="Saving owner and due date of Tests pass"');
    expect(busy).toContain("Saving…</button>");
    // Without a waiting label, the button keeps its name.
    expect(waiting({ "aria-label": "Rename SRE", isPending: true }, "Rename")).toContain('aria-label="Rename SRE"');
  });

  it("passes its handlers and other attributes through", () => {
    const html = waiting({ id: "mark", title: "Mark it" });
    expect(html).toContain('id="mark"');
    expect(html).toContain('title="Mark it"');
  });
});

describe("PendingButton built on WaitingButton", () => {
  it("is always a submit button and uses the waiting label while forced to wait", () => {
    const html = renderToStaticMarkup(
      createElement(PendingButton, { pendingText: "Removing…", pending: true, "aria-label": "Remove ada@example.com from SRE", pendingLabel: "Removing ada@example.com from SRE" }, "Remove"),
    );
    expect(html).toContain('type="submit"');
    expect(html).toContain('aria-label="Removing ada@example.com from SRE"');
    expect(html).toContain('aria-busy="true"');
    expect(html).toContain("Removing…</button>");
  });
});
