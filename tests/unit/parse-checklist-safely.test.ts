import { describe, expect, it } from "vitest";
import { MAX_NESTING } from "@/lib/domain/markdown/check-nesting";
import { parseChecklist } from "@/lib/domain/markdown/parse-checklist";
import { parseChecklistSafely } from "@/lib/markdown-worker/parse-checklist-safely";
import { hasSeeds, readSeed } from "@/tests/helpers/seeds";

// Parsing in a worker thread with a deadline. The deadline here is short; starting a
// worker (it compiles the parser) is not part of it, so answers are allowed a margin.
const DEADLINE_MS = 2_000;
const START_MARGIN_MS = 4_000;

/** Runs `work` while a 50 ms interval ticks on this thread; returns the longest gap between ticks. */
async function longestPause<T>(work: () => Promise<T>): Promise<{ result: T; elapsedMs: number; longestGapMs: number }> {
  const started = performance.now();
  let last = started;
  let longestGapMs = 0;
  const interval = setInterval(() => {
    const now = performance.now();
    longestGapMs = Math.max(longestGapMs, now - last);
    last = now;
  }, 50);
  try {
    const result = await work();
    longestGapMs = Math.max(longestGapMs, performance.now() - last);
    return { result, elapsedMs: performance.now() - started, longestGapMs };
  } finally {
    clearInterval(interval);
  }
}

const TOO_DEEP = new RegExp(`more than ${MAX_NESTING} levels deep`);
const TOO_SLOW = /^This document is too complex to parse \(took over 2 s\)\./;

describe("parsing untrusted markdown in a worker", { timeout: 30_000 }, () => {
  it.each([
    ["200 KB of >", ">".repeat(200_000), TOO_DEEP],
    ['"*a_" 8,000 times (17 s on the request thread)', `# T\n\n- [ ] ${"*a_".repeat(8_000)}\n`, TOO_SLOW],
    ["50,000 nested quotes", `${"> ".repeat(50_000)}- [ ] x`, TOO_DEEP],
    ["a megabyte of unclosed link brackets", `- [ ] ${"[".repeat(1_000_000)}`, TOO_SLOW],
    ["a megabyte of unclosed emphasis", `- [ ] ${"**a".repeat(330_000)}`, TOO_SLOW],
  ])("answers %s within the deadline", async (_label, input, refusal) => {
    const { result, elapsedMs } = await longestPause(() => parseChecklistSafely(input, { deadlineMs: DEADLINE_MS }));
    expect(result).toEqual({ ok: false, error: expect.stringMatching(refusal) });
    expect(elapsedMs).toBeLessThan(DEADLINE_MS + START_MARGIN_MS);
  });

  it("keeps this thread responsive while a hostile document parses", async () => {
    const { result, longestGapMs } = await longestPause(() => parseChecklistSafely(`- [ ] ${"*a_".repeat(8_000)}`, { deadlineMs: DEADLINE_MS }));
    expect(result.ok).toBe(false);
    // The 50 ms interval kept ticking: the parse ran elsewhere (in-thread, one gap of seconds).
    expect(longestGapMs).toBeLessThan(500);
  });

  it("stops a parse that needs more memory than its limit, and says so", async () => {
    const big = `# T\n\n${"- [ ] Something to check, with `code` and a [link](https://example.com)\n".repeat(4_000)}`;
    const result = await parseChecklistSafely(big, { memoryMb: 48, deadlineMs: 20_000 });
    expect(result).toEqual({ ok: false, error: "This document is too complex to parse (needed over 48 MB of memory). Simplify it, or split it into smaller documents." });
  });

  it("refuses a document over 1 MB without parsing it", async () => {
    const { result, elapsedMs } = await longestPause(() => parseChecklistSafely("- [ ] x\n".repeat(200_000)));
    expect(result).toEqual({ ok: false, error: "The file is 1.53 MB; the limit is 1 MB." });
    expect(elapsedMs).toBeLessThan(1_000);
  });

  it("answers documents sent together, and after a worker was stopped", async () => {
    const hostile = parseChecklistSafely(`- [ ] ${"*a_".repeat(8_000)}`, { deadlineMs: DEADLINE_MS });
    const normal = Array.from({ length: 5 }, (_, i) => parseChecklistSafely(`# Doc ${i}\n\n- [ ] item ${i}\n`));
    const results = await Promise.all([hostile, ...normal]);
    expect(results.map((result) => result.ok)).toEqual([false, true, true, true, true, true]);
    expect(results.slice(1).map((result) => result.ok && result.checklist.title)).toEqual(["Doc 0", "Doc 1", "Doc 2", "Doc 3", "Doc 4"]);
  });

  const documents: [string, () => string | Buffer][] = [
    ["states and meta", () => "# R\n\n## Ops\n\n- [x] Dashboards\n  - Owner: sre\\_team\n  - Evidence: <https://grafana.example.com/d/1>\n- [ ] Redis\n  - Status: Not applicable\n  - N/A: No Redis &amp; no cache\n"],
    ["a level table", () => "# M\n\n| Check | Level C | Level B |\n| - | :-: | :-: |\n| Health | ✅ | ✅ |\n"],
    ["bytes with mojibake", () => Buffer.from("# Launch âœ… plan\n\n- [ ] CafÃ© ready\n", "utf8")],
    ...(hasSeeds
      ? (["deployment-checklist.md", "readiness-plan-go-no-go.md", "action-plan.md"] as const).map((name): [string, () => Buffer] => [name, () => readSeed(name)])
      : []),
  ];
  if (!hasSeeds) it.skip("gives the seed documents the same results (../shared/seeds is not there)", () => {});

  it.each(documents)("gives %s the same result as parsing in this thread", async (_label, read) => {
    for (const mode of [undefined, "tasks", "lists"] as const) {
      expect(await parseChecklistSafely(read(), { mode })).toEqual(parseChecklist(read(), { mode }));
    }
  });
});
