import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { SeatsEditor } from "@/components/templates/seats-editor";
import { newDraftSeat, type TDraftSignOff } from "@/lib/domain/checklist/template-draft";

// The template editor's "Sign-off seats" panel as the server renders it: every control named,
// a seat's problems said next to it, the default seat shown for a draft without seats.

const render = (signOff: TDraftSignOff | undefined) =>
  renderToStaticMarkup(createElement(SeatsEditor, { signOff, apply: () => {}, newId: () => "new", onAnnounce: () => {} }));

/** The text of each <label>, and the aria-label of each control that has one. */
function names(html: string): string[] {
  const labels = [...html.matchAll(/<label[^>]*>(.*?)<\/label>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, "").trim());
  const aria = [...html.matchAll(/aria-label="([^"]+)"/g)].map((m) => m[1]!);
  const legends = [...html.matchAll(/<legend[^>]*>(.*?)<\/legend>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, "").trim());
  return [...legends, ...labels, ...aria];
}

describe("SeatsEditor", () => {
  it("shows the default seat for a draft without seats of its own, every control named", () => {
    const html = render(undefined);
    expect(names(html)).toEqual([
      "Sign-off seats",
      "Roles who may sign Release manager",
      "Seat name",
      "Signatures needed for Release manager",
      "Admin",
      "Release manager",
      "Member",
      "Teams who may sign Release manager",
      "People who may sign Release manager",
      "One person may fill several seats",
      "Allow self-approval (someone who changed an item may be a seat&#x27;s only signer)",
      "Seat 1: Release manager",
      "Remove seat Release manager",
    ]);
    expect(html).toContain('value="Release manager"');
    expect(html).toContain(">Add a seat</button>");
    expect(html).not.toContain('aria-invalid="true"');
  });

  it("says next to a seat that it has no name or nobody who may fill it", () => {
    const html = render({ seats: [newDraftSeat("s1")], allowMultipleSeats: true, allowSelfApproval: false });
    expect(html).toContain("A sign-off seat has no name.");
    expect(html).toContain("A sign-off seat says nobody who may fill it: choose a role, or name a team or people.");
    expect(html).toContain('id="s1-seatName" maxLength="60" placeholder="e.g. Security" aria-invalid="true" aria-describedby="s1-seatName-message"');
    expect(names(html)).toContain("Teams who may sign seat 1");
    expect(names(html)).toContain("Remove seat 1");
  });

  it("says a release needs a seat when the last one is removed", () => {
    expect(render({ seats: [], allowMultipleSeats: false, allowSelfApproval: true })).toContain("A release needs at least one sign-off seat: add one.");
  });
});
