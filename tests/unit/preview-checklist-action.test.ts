import { describe, expect, it, vi } from "vitest";

// The import page's live preview, as a signed-in admin calls it. The worker's own tests
// (parse-checklist-safely.test.ts) cover the parsing; this covers what the action answers.
vi.mock("@/lib/auth/current-actor", () => ({
  getCurrentActor: async () => ({ id: "00000000-0000-4000-8000-000000000001", label: "admin@example.com", role: "ADMIN", email: "admin@example.com", name: null }),
}));

const { previewChecklistAction } = await import("@/lib/actions/templates/preview-checklist-action");

describe("previewChecklistAction", { timeout: 30_000 }, () => {
  it("summarises a document", async () => {
    const result = await previewChecklistAction("# Launch\n\n- [ ] One\n- [x] Two\n", null);
    expect(result).toMatchObject({ ok: true, data: { title: "Launch", items: 2, done: 1 } });
  });

  it.each([1.2, 1.9])("answers a %s MB document with the 1 MB limit", async (megabytes) => {
    const source = "- [ ] x\n".repeat(Math.ceil((megabytes * 1_048_576) / 8));
    const result = await previewChecklistAction(source, null);
    expect(result).toEqual({ ok: false, code: "invalid", error: `The file is ${megabytes.toFixed(1)} MB; the limit is 1 MB.` });
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
});
