import { z } from 'zod';
import { ExchangeId, TradingMode } from './settings.js';

/**
 * The trading mode: where orders go. SIMULATOR: the built-in simulated exchange on the simulator's
 * market. PAPER: simulated fills on an exchange's live market data. LIVE: real orders on the
 * exchange, with real money: switching to it needs the confirmation text that names the exchange.
 */

/** The exact text that confirms live trading on an exchange, e.g. "TRADE LIVE ON KRAKEN". */
export function liveConfirmText(exchangeId: string): string {
  return `TRADE LIVE ON ${exchangeId.toUpperCase()}`;
}

export const SetTradingMode = z
  .object({
    mode: TradingMode,
    /** PAPER and LIVE: the ccxt exchange id (default: the one in use, else the default exchange). */
    exchangeId: ExchangeId.optional(),
    /** LIVE only: must be exactly liveConfirmText(exchangeId), e.g. "TRADE LIVE ON KRAKEN". */
    confirm: z.string().max(100).optional(),
  })
  .strict();
export type SetTradingMode = z.input<typeof SetTradingMode>;

export const TradingStatus = z.object({
  mode: TradingMode,
  exchangeId: z.string().nullable(),
  /** 'simulator', 'paper:<exchange>' or the exchange id (live). */
  venue: z.string(),
  /** Why new orders are refused (the exchange refused the API key, the kill switch...), or null. */
  halted: z.string().nullable(),
  /** Startup reconciliation of this venue has finished. */
  reconciled: z.boolean(),
  /** The text LIVE needs for this venue's exchange (null in SIMULATOR). */
  liveConfirmText: z.string().nullable(),
  /** The simulated exchange's fee rates (fractions of notional); null in LIVE, where the exchange charges. */
  simulatedFees: z.object({ makerRate: z.string(), takerRate: z.string() }).nullable(),
});
export type TradingStatus = z.infer<typeof TradingStatus>;
