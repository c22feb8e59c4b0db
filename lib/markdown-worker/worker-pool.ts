import { availableParallelism } from "node:os";
import path from "node:path";
import type { Worker as TWorker } from "node:worker_threads";

// Taken from Node at run time rather than imported: the bundler follows `new Worker(…)` of an
// imported worker_threads into the worker file and tries to bundle tsx and esbuild with it.
// The built server must start the file as it is on disk (it loads the TypeScript parser).
const { Worker } = process.getBuiltinModule("node:worker_threads") as typeof import("node:worker_threads");
type Worker = TWorker;

// A few warm workers (starting one compiles the parser: about half a second), one job each
// at a time. A worker that runs past its deadline is terminated, not reused; one that runs
// out of memory is stopped by Node itself (resourceLimits).

/** From the working directory, not this module: in the built server this code is bundled elsewhere. */
const WORKER_FILE = path.join(process.cwd(), "lib", "markdown-worker", "worker.mjs");
/** One core stays with the server's own thread, even while hostile documents keep workers busy. */
const MAX_WORKERS = Math.max(1, availableParallelism() - 1);
const MAX_WAITING = 20;
const IDLE_MS = 60_000;
const START_TIMEOUT_MS = 30_000;

export type TWorkerLimits = { deadlineMs: number; memoryMb: number };
export type TWorkerOutcome<T> =
  | { kind: "answered"; answer: T }
  | { kind: "timed-out" }
  | { kind: "out-of-memory" }
  | { kind: "busy" };

type TIdle = { worker: Worker; memoryMb: number; timer: NodeJS.Timeout };
const idle: TIdle[] = [];
const waiting: (() => void)[] = [];
let running = 0;

function retire(worker: Worker) {
  const index = idle.findIndex((slot) => slot.worker === worker);
  if (index >= 0) clearTimeout(idle.splice(index, 1)[0]!.timer);
  void worker.terminate();
}

function start(memoryMb: number): Promise<Worker> {
  const worker = new Worker(WORKER_FILE, {
    execArgv: [],
    resourceLimits: { maxOldGenerationSizeMb: memoryMb, maxYoungGenerationSizeMb: Math.min(64, Math.ceil(memoryMb / 8)) },
  });
  // Jobs listen for their own outcome; these keep a stray error from crashing the server.
  worker.on("error", () => retire(worker));
  worker.on("exit", () => retire(worker));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void worker.terminate();
      reject(new Error(`The markdown worker did not start within ${START_TIMEOUT_MS / 1000} s.`));
    }, START_TIMEOUT_MS);
    worker.once("message", () => {
      clearTimeout(timer);
      resolve(worker);
    });
    worker.once("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

async function acquire(memoryMb: number): Promise<Worker | null> {
  for (;;) {
    const index = idle.findIndex((slot) => slot.memoryMb === memoryMb);
    if (index >= 0) {
      const [slot] = idle.splice(index, 1);
      clearTimeout(slot!.timer);
      running += 1;
      return slot!.worker;
    }
    // A warm worker with other limits (tests set their own) gives up its place.
    if (running + idle.length >= MAX_WORKERS && idle.length > 0) retire(idle[0]!.worker);
    if (running + idle.length < MAX_WORKERS) {
      running += 1;
      try {
        return await start(memoryMb);
      } catch (error) {
        release(null, memoryMb);
        throw error;
      }
    }
    if (waiting.length >= MAX_WAITING) return null;
    await new Promise<void>((resolve) => waiting.push(resolve));
  }
}

function release(worker: Worker | null, memoryMb: number) {
  running -= 1;
  if (worker) {
    // Idle workers do not keep a CLI process alive.
    worker.unref();
    idle.push({ worker, memoryMb, timer: setTimeout(() => retire(worker), IDLE_MS).unref() });
  }
  waiting.shift()?.();
}

function run<T>(worker: Worker, message: unknown, deadlineMs: number): Promise<TWorkerOutcome<T> | { kind: "failed"; error: Error }> {
  return new Promise((resolve) => {
    const finish = (outcome: TWorkerOutcome<T> | { kind: "failed"; error: Error }) => {
      clearTimeout(timer);
      worker.off("message", onMessage).off("error", onError).off("exit", onExit);
      resolve(outcome);
    };
    const onMessage = (answer: T) => finish({ kind: "answered", answer });
    const onError = (error: Error & { code?: string }) =>
      finish(error.code === "ERR_WORKER_OUT_OF_MEMORY" ? { kind: "out-of-memory" } : { kind: "failed", error });
    const onExit = () => finish({ kind: "failed", error: new Error("The markdown worker stopped unexpectedly.") });
    const timer = setTimeout(() => finish({ kind: "timed-out" }), deadlineMs);
    worker.on("message", onMessage).on("error", onError).on("exit", onExit);
    worker.ref();
    worker.postMessage(message);
  });
}

/** Sends one message to a worker and waits for its answer, at most `deadlineMs` once it has started. */
export async function runInWorker<T>(message: unknown, { deadlineMs, memoryMb }: TWorkerLimits): Promise<TWorkerOutcome<T>> {
  const worker = await acquire(memoryMb);
  if (!worker) return { kind: "busy" };
  const outcome = await run<T>(worker, message, deadlineMs);
  if (outcome.kind === "answered") {
    release(worker, memoryMb);
    return outcome;
  }
  retire(worker);
  release(null, memoryMb);
  if (outcome.kind === "failed") throw outcome.error;
  return outcome;
}
