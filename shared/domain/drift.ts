/**
 * Drift from the backtest (strategies issue 17): a run's trades compared trade by trade with the
 * backtest of the same strategy version over the same candles (electron/engine/drift).
 */
import { z } from 'zod';

export const DriftSettings = z
  .object({
    /** Alert when the run's cumulative return is this many points away from its backtest's. */
    maxEquityGapPercent: z
      .number()
      .min(0.1, 'the equity gap threshold is at least 0.1 points')
      .max(100, 'the equity gap threshold is at most 100 points')
      .default(2),
    /** Alert when more trades than this are missing from the run or extra in it. */
    maxMissedTrades: z
      .number()
      .int('the missed-trades threshold is a whole number')
      .min(0, 'the missed-trades threshold is at least 0')
      .max(100, 'the missed-trades threshold is at most 100')
      .default(1),
    /** Pause the run when its drift goes beyond a threshold (an alert is raised either way). */
    pauseOnBreach: z.boolean().default(false),
  })
  .strict();
export type DriftSettings = z.infer<typeof DriftSettings>;

const Trade = z.object({
  entryTime: z.number(),
  exitTime: z.number().nullable(),
  entryPrice: z.number(),
  exitPrice: z.number().nullable(),
  quantity: z.number(),
  fees: z.number(),
  returnPercent: z.number().nullable(),
});

export const DriftTrade = z.object({
  status: z.enum(['matched', 'missed', 'extra']),
  backtest: Trade.nullable(),
  live: Trade.nullable(),
  entryDelayMs: z.number().nullable(),
  exitDelayMs: z.number().nullable(),
  entrySlippageBps: z.number().nullable(),
  exitSlippageBps: z.number().nullable(),
  feeGapPercent: z.number().nullable(),
  returnGap: z.number().nullable(),
});
export type DriftTrade = z.infer<typeof DriftTrade>;

/** As strategy-runs.ts's RunId (not imported: settings.ts imports this file). */
const RunId = z.string().min(1).max(64);

export const DriftReport = z.object({
  runId: RunId,
  computedAt: z.number(),
  /** The candle range compared (open times) and how many candles. */
  from: z.number(),
  to: z.number(),
  candles: z.number().int(),
  /** What the backtest assumed: fee rate and slippage (fractions). */
  assumed: z.object({ feeRate: z.number(), slippage: z.number() }),
  matched: z.number().int(),
  missed: z.number().int(),
  extra: z.number().int(),
  meanEntrySlippageBps: z.number().nullable(),
  meanExitSlippageBps: z.number().nullable(),
  equityGap: z.number(),
  maxEquityGap: z.number(),
  equity: z.array(z.object({ time: z.number(), live: z.number(), backtest: z.number() })),
  trades: z.array(DriftTrade),
  thresholds: DriftSettings,
  /** Beyond which thresholds, in words; empty when within. */
  breaches: z.array(z.string()),
});
export type DriftReport = z.infer<typeof DriftReport>;

export const DriftQuery = z.object({ runId: RunId }).strict();
