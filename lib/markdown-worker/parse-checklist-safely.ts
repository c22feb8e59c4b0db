import type { TParseOptions, TParseResult } from "@/lib/domain/markdown/parse-checklist";
import { readSource } from "@/lib/domain/markdown/read-source";
import { runInWorker } from "@/lib/markdown-worker/worker-pool";

// Some Markdown takes micromark seconds or minutes ("*a_" 8,000 times: 17 s) and a parse
// cannot be interrupted on the thread that runs it. Untrusted documents (previews, imports,
// the CLI) are therefore parsed in a worker thread that is stopped at a deadline or a memory
// limit: a hostile document costs one worker that long, and every other request is served.

/** A legitimate 1 MB document took about 8 s and 350 MB on a busy two-core machine. */
export const PARSE_DEADLINE_MS = 10_000;
export const PARSE_MEMORY_MB = 512;

export type TSafeParseOptions = TParseOptions & { deadlineMs?: number; memoryMb?: number };

type TWorkerAnswer = { result: TParseResult } | { tooDeep: true } | { crash: string };

const tooComplex = (why: string): TParseResult => ({
  ok: false,
  error: `This document is too complex to parse (${why}). Simplify it, or split it into smaller documents.`,
});

/** parseChecklist for untrusted input: the same results, or a refusal instead of a stall. */
export async function parseChecklistSafely(input: Uint8Array | string, options: TSafeParseOptions = {}): Promise<TParseResult> {
  const { deadlineMs = PARSE_DEADLINE_MS, memoryMb = PARSE_MEMORY_MB, ...parseOptions } = options;
  // Too large, empty or not text: refused here, without a worker.
  const read = readSource(input);
  if (!read.ok) return read;
  const outcome = await runInWorker<TWorkerAnswer>({ input, options: parseOptions }, { deadlineMs, memoryMb });
  switch (outcome.kind) {
    case "busy":
      return { ok: false, error: "The server is parsing too many documents at once. Try again in a moment." };
    case "timed-out":
      return tooComplex(`took over ${deadlineMs / 1000} s`);
    case "out-of-memory":
      return tooComplex(`needed over ${memoryMb} MB of memory`);
  }
  const { answer } = outcome;
  if ("result" in answer) return answer.result;
  if ("tooDeep" in answer) return tooComplex("it nests too deeply");
  throw new Error(`The markdown parser failed: ${answer.crash}`);
}
