import { performance } from 'node:perf_hooks';

export type Call = () => Promise<unknown>;

export type Load = {
  /** Unmeasured calls first (JIT, caches, connection). */
  warmup: number;
  calls: number;
  /** Concurrent callers for throughput(). */
  inFlight: number;
};

/** One call at a time: the latency of each, in ms, after `warmup` unmeasured calls. */
export async function sequential(call: Call, load: Load): Promise<number[]> {
  for (let i = 0; i < load.warmup; i++) await call();
  const samples = new Array<number>(load.calls);
  for (let i = 0; i < load.calls; i++) {
    const start = performance.now();
    await call();
    samples[i] = performance.now() - start;
  }
  return samples;
}

/** `inFlight` concurrent callers sharing `calls` calls: completed calls per second (after a warm-up batch). */
export async function throughput(call: Call, load: Load): Promise<number> {
  const batch = async (count: number) => {
    let started = 0;
    const worker = async () => {
      while (started < count) {
        started++;
        await call();
      }
    };
    await Promise.all(Array.from({ length: load.inFlight }, worker));
  };
  await batch(load.warmup);
  const start = performance.now();
  await batch(load.calls);
  return load.calls / ((performance.now() - start) / 1000);
}
