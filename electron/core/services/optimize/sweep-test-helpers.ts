/** For the optimise tests: waiting through the contract until a sweep is no longer RUNNING. */
import type { SweepStatusView } from '../../../../shared/domain/optimize.js';
import { until } from '../strategies/testing/contract-harness.js';

export async function sweepEnded(
  data: <T>(name: string, input?: unknown) => Promise<T>,
  sweepId: string,
): Promise<SweepStatusView> {
  let last: SweepStatusView | null = null;
  await until(
    async () => {
      last = await data<SweepStatusView>('optimize.status', { sweepId });
      return last.status !== 'RUNNING';
    },
    `sweep ${sweepId} to end`,
    90_000,
  );
  return last!;
}
