import { describe, expect, it, vi } from "vitest";

// The import page's live preview, as a signed-in admin calls it. The worker's own tests
// (parse-checklist-safely.test.ts) cover the parsing; this covers what the action answers.
vi.mock("@/lib/auth/current-actor", () => ({
  getCurrentActor: async () => ({ id: "00000000-0000-4000-8000-000000000001", label: "admin@example.com", role: "ADMIN", email: "admin@example.com", name: null }),
}));

const { tooLargeError } = await import("@/lib/domain/markdown/read-source");
const { previewChecklistAction } = await import("@/lib/actions/templates/preview-checklist-action");
const { describeSignOffSummary } = await import("@/lib/domain/markdown/summarize-checklist");

describe("previewChecklistAction", { timeout: 30_000 }, () => {
  it("summarises a document", async () => {
    const result = await previewChecklistAction("# Launch\n\n- [ ] One\n- [x] Two\n", null);
    expect(result).toMatchObject({ ok: true, data: { summary: { title: "Launch", items: 2, done: 1 }, text: null } });
  });

  it.each([1.2, 1.9])("answers a %s MB document with the 1 MB limit", async (megabytes) => {
    const source = "- [ ] x\n".repeat(Math.ceil((megabytes * 1_048_576) / 8));
    const result = await previewChecklistAction(source, null);
    expect(result).toEqual({ ok: false, code: "invalid", error: tooLargeError(Buffer.byteLength(source)) });
  });

  it("answers a hostile document with a refusal, not a stall", async () => {
    const started = performance.now();
    expect(await previewChecklistAction(">".repeat(200_000), null)).toMatchObject({ ok: false, code: "invalid", error: expect.stringMatching(/levels deep/) });
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it.each([
    ["a number", 42, null],
    ["an object", { toString: "x" }, null],
    ["an unknown mode", "# T\n\n- [ ] x\n", "everything"],
  ])("answers %s as invalid input", async (_label, source, mode) => {
    expect(await previewChecklistAction(source as never, mode as never)).toMatchObject({ ok: false, code: "invalid" });
  });

  it("reads a chosen file's bytes and answers its text, as the CLI would read it", async () => {
    const file = new Blob([Buffer.from("# Café\n\n- [ ] Crème brûlée ✅\n", "utf8")]);
    expect(await previewChecklistAction(file, null)).toMatchObject({
      ok: true,
      data: { summary: { title: "Café", items: 1, done: 1 }, text: "# Café\n\n- [ ] Crème brûlée ✅\n" },
    });
  });

  it("refuses a Latin-1 file with the CLI's message instead of previewing replacement characters", async () => {
    const file = new Blob([Buffer.from("# Caf\xe9\n\n- [ ] x\n", "latin1")]);
    expect(await previewChecklistAction(file, null)).toEqual({
      ok: false,
      code: "invalid",
      error: "The file is not UTF-8 text. Save it as UTF-8 Markdown and import it again.",
    });
  });

  it("says the sign-off seats the document declares, and the default seat when it declares none", async () => {
    const source = [
      "# Launch",
      "",
      "Sign-off: Release manager (role: release manager, admin)",
      "Sign-off: Security (users: sam@example.com; signatures: 2)",
      "Sign-off rules: no self-approval",
      "",
      "- [ ] One",
      "",
    ].join("\n");
    const result = await previewChecklistAction(source, null);
    if (!result.ok) throw new Error(result.error);
    expect(result.data.summary.signOff).toEqual({
      isDefault: false,
      seats: [
        { name: "Release manager", fillers: "a release manager or admin", required: 1 },
        { name: "Security", fillers: "sam@example.com", required: 2 },
      ],
      allowMultipleSeats: false,
      allowSelfApproval: false,
    });
    expect(describeSignOffSummary(result.data.summary.signOff)).toEqual([
      "Sign-off: Release manager (a release manager or admin); Security (sam@example.com, 2 signatures)",
      "Sign-off rules: no self-approval",
    ]);

    const plain = await previewChecklistAction("# Launch\n\n- [ ] One\n", null);
    if (!plain.ok) throw new Error(plain.error);
    expect(plain.data.summary.signOff).toMatchObject({ isDefault: true, seats: [{ name: "Release manager", fillers: "a release manager or admin", required: 1 }] });
    expect(describeSignOffSummary(plain.data.summary.signOff)).toEqual(["Sign-off: the release manager's seat (default)"]);
  });

  it("applies the section roles chosen in the preview", async () => {
    const result = await previewChecklistAction("# T\n\n## Launch day\n\n- [ ] Rollback plan agreed\n", null, { "0": "GO_CRITERION" });
    expect(result).toMatchObject({ ok: true, data: { summary: { criteria: { go: 1, noGo: 0 }, sections: [{ role: "GO_CRITERION", roleFromHeading: true }] } } });
  });
});
