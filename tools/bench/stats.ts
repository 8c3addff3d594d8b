import { performance } from 'node:perf_hooks';

/** One request of a scenario; resolves when its answer is in. */
export type Call = () => Promise<unknown>;

export interface LatencySummary {
  readonly count: number;
  readonly medianMs: number;
  readonly p99Ms: number;
}

export interface ThroughputSummary extends LatencySummary {
  readonly perSecond: number;
}

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] ?? Number.NaN;
}

export function summarize(samples: readonly number[]): LatencySummary {
  const sorted = [...samples].sort((a, b) => a - b);
  return { count: sorted.length, medianMs: percentile(sorted, 50), p99Ms: percentile(sorted, 99) };
}

/**
 * Up to `n` requests one after another, stopping early once `budgetMs` has passed (a pathological
 * latency must not stretch the run beyond a few minutes); the latency of each, in milliseconds.
 */
export async function sequential(
  call: Call,
  n: number,
  budgetMs = Number.POSITIVE_INFINITY,
): Promise<number[]> {
  const samples: number[] = [];
  const deadline = performance.now() + budgetMs;
  for (let i = 0; i < n; i += 1) {
    const started = performance.now();
    await call();
    const ended = performance.now();
    samples.push(ended - started);
    if (ended > deadline) break;
  }
  return samples;
}

export interface ConcurrentRun {
  readonly elapsedMs: number;
  readonly latencies: number[];
}

/** `total` requests with `inFlight` outstanding at any time (closed loop). */
export async function concurrent(call: Call, total: number, inFlight: number): Promise<ConcurrentRun> {
  const latencies: number[] = [];
  let issued = 0;
  const worker = async (): Promise<void> => {
    while (issued < total) {
      issued += 1;
      const started = performance.now();
      await call();
      latencies.push(performance.now() - started);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: inFlight }, worker));
  return { elapsedMs: performance.now() - started, latencies };
}

export function throughput(runs: readonly ConcurrentRun[]): ThroughputSummary {
  const latencies = runs.flatMap((run) => run.latencies);
  const elapsedMs = runs.reduce((sum, run) => sum + run.elapsedMs, 0);
  return { ...summarize(latencies), perSecond: (latencies.length / elapsedMs) * 1000 };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Rejects if `promise` has not settled after `ms`; the timer never keeps the process alive. */
export async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms);
    timer.unref();
  });
  try {
    return await Promise.race([promise, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
