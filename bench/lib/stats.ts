import { performance } from "node:perf_hooks";

export type TSummary = { n: number; p50: number; p95: number; max: number; perSecond?: number };

/** Nearest-rank percentile of sorted samples. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export function summarize(samples: number[], seconds?: number): TSummary {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    n: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    max: sorted.at(-1) ?? NaN,
    ...(seconds ? { perSecond: sorted.length / seconds } : {}),
  };
}

/**
 * Times `work` `runs` times after `warmup` untimed runs, one at a time. With `timesItself`,
 * `work` returns the milliseconds of the part that counts (a preparation step is not timed).
 */
export async function timeSerial(
  work: (i: number) => Promise<unknown> | unknown,
  { runs, warmup = 3, timesItself = false }: { runs: number; warmup?: number; timesItself?: boolean },
): Promise<TSummary> {
  for (let i = 0; i < warmup; i += 1) await work(i);
  const samples: number[] = [];
  for (let i = warmup; samples.length < runs; i += 1) {
    const start = performance.now();
    const result = await work(i);
    samples.push(timesItself ? Number(result) : performance.now() - start);
  }
  return summarize(samples);
}

/**
 * `concurrency` workers each call `work(worker, i)` back to back for `seconds`; every call
 * is timed. Throughput is completed calls over the wall time.
 */
export async function timeConcurrent(
  concurrency: number,
  seconds: number,
  work: (worker: number, i: number) => Promise<unknown>,
): Promise<TSummary & { errors: number }> {
  const samples: number[] = [];
  let errors = 0;
  const started = performance.now();
  const until = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      for (let i = 0; performance.now() < until; i += 1) {
        const start = performance.now();
        try {
          await work(worker, i);
          samples.push(performance.now() - start);
        } catch {
          errors += 1;
        }
      }
    }),
  );
  return { ...summarize(samples, (performance.now() - started) / 1000), errors };
}
