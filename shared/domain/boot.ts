import { z } from 'zod';

/**
 * Where the engine is in its start, before the contract answers. The window (desktop, over the
 * preload's `boot()`) and the headless page (GET /boot) show it until the phase is `ready`, then
 * open the app. Only a database from an older version takes long: its candle rows are converted
 * into blocks once (electron/persistence/candle-conversion.ts).
 */
export const BootStatus = z.discriminatedUnion('phase', [
  z.object({ phase: z.literal('starting') }),
  z.object({
    phase: z.literal('converting-candles'),
    /** Candles moved into blocks so far, over every run of the conversion. */
    converted: z.number().int().nonnegative(),
    /** Candles the old table held. */
    total: z.number().int().nonnegative(),
    /** The series being converted, "source symbol timeframe". */
    series: z.string().max(200),
    elapsedMs: z.number().nonnegative(),
  }),
  z.object({ phase: z.literal('ready') }),
]);
export type BootStatus = z.infer<typeof BootStatus>;

export const BOOT_STARTING: BootStatus = { phase: 'starting' };
export const BOOT_READY: BootStatus = { phase: 'ready' };

/** The headless server's address of the boot status (token as a Bearer header). */
export const BOOT_PATH = '/boot';
/** The desktop's IPC channel of the boot status (not a contract call: the contract is not up yet). */
export const BOOT_CHANNEL = 'app:boot';

/** Percent done, whole, never 100 before the end. */
export function bootPercent(status: Extract<BootStatus, { phase: 'converting-candles' }>): number {
  if (status.total <= 0) return 0;
  return Math.min(99, Math.floor((100 * status.converted) / status.total));
}

/**
 * Seconds left at the rate so far, or null before the rate means anything (under 2 % done or
 * under a second in).
 */
export function bootSecondsLeft(status: Extract<BootStatus, { phase: 'converting-candles' }>): number | null {
  const { converted, total, elapsedMs } = status;
  if (converted <= 0 || elapsedMs < 1000 || converted / Math.max(1, total) < 0.02) return null;
  return Math.ceil(((total - converted) * elapsedMs) / converted / 1000);
}
