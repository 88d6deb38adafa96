import { z } from 'zod';

/**
 * A part of the workstation that is not running yet (its issue is not built, or it is stopped):
 * shown as such, never with invented figures.
 */
const NotRunning = z.object({ state: z.literal('not_running'), reason: z.string() });

function component<S extends z.ZodRawShape>(shape: S) {
  return z.discriminatedUnion('state', [NotRunning, z.object({ state: z.literal('running'), ...shape })]);
}

export const ExchangeConnection = z.object({
  exchange: z.string(),
  connected: z.boolean(),
  /** Round trip of the last request, ms; null before the first. */
  latencyMs: z.number().nonnegative().nullable(),
  lastError: z.string().nullable(),
});

export const CircuitBreakerState = z.object({
  name: z.string(),
  state: z.enum(['closed', 'open', 'half_open']),
  /** When it entered this state, UTC ms. */
  since: z.number().int().nullable(),
});

/**
 * A feed's state: its source's (connecting, reconnecting, down, maintenance, stale) while that is
 * not live; else waiting (no closed candle yet), live, or stale (the last closed more than two
 * candles ago).
 */
export const FEED_STATES_SHOWN = [
  'live',
  'waiting',
  'stale',
  'connecting',
  'reconnecting',
  'down',
  'maintenance',
] as const;
export const FeedState = z.enum(FEED_STATES_SHOWN);
export type FeedState = z.infer<typeof FeedState>;

export const FeedLastCandle = z.object({
  source: z.string(),
  symbol: z.string(),
  timeframe: z.string(),
  /** Open time of the last closed candle received, UTC ms; null before the first. */
  lastCandleTime: z.number().int().nullable(),
  state: FeedState,
  /** How many parts of the engine read it (a chart, a strategy run, the order quotes). */
  subscribers: z.number().int().nonnegative(),
});

export const DatabaseFileSize = z.object({
  name: z.string(),
  file: z.string(),
  /** The file plus its -wal and -shm companions. */
  bytes: z.number().int().nonnegative(),
});

export const SystemStatus = z.object({
  appVersion: z.string(),
  runtime: z.enum(['desktop', 'headless']),
  /** Server time of this answer, UTC ms. */
  time: z.number().int(),
  startedAt: z.number().int(),
  databases: z.array(DatabaseFileSize),
  /** Size of the JSON-lines log files (current and rotated). */
  logFilesBytes: z.number().int().nonnegative(),
  logStore: z.object({ entries: z.number().int().nonnegative(), oldestTime: z.number().int().nullable() }),
  audit: z.object({ entries: z.number().int().nonnegative(), lastTime: z.number().int().nullable() }),
  retention: z.object({
    logRetentionDays: z.number().int(),
    lastPrunedAt: z.number().int().nullable(),
    lastPrunedEntries: z.number().int().nonnegative(),
  }),
  exchange: component({ connections: z.array(ExchangeConnection) }),
  circuitBreakers: component({ breakers: z.array(CircuitBreakerState) }),
  recoveryQueue: component({ length: z.number().int().nonnegative() }),
  feeds: component({ feeds: z.array(FeedLastCandle) }),
});
export type SystemStatus = z.infer<typeof SystemStatus>;
export type StatusComponent<K extends 'exchange' | 'circuitBreakers' | 'recoveryQueue' | 'feeds'> = SystemStatus[K];
