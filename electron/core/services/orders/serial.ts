/**
 * Per-key serialisation: operations on one order (placing it, applying a report, a cancel, a
 * lookup) run one after another, in the order they were asked for; different orders run freely.
 */
export type Serializer = {
  run<T>(key: string, operation: () => T | Promise<T>): Promise<T>;
  /** Resolves when every operation queued so far has finished. */
  idle(): Promise<void>;
};

export function createSerializer(): Serializer {
  const tails = new Map<string, Promise<unknown>>();
  return {
    run<T>(key: string, operation: () => T | Promise<T>): Promise<T> {
      const previous = tails.get(key) ?? Promise.resolve();
      const result = previous.then(operation, operation);
      const tail = result.then(
        () => undefined,
        () => undefined,
      );
      tails.set(key, tail);
      void tail.then(() => {
        if (tails.get(key) === tail) tails.delete(key);
      });
      return result;
    },
    async idle() {
      while (tails.size > 0) await Promise.all([...tails.values()]);
    },
  };
}
