/**
 * What the risk service needs from the rest of the core, as small ports: the core wires them to
 * the market service and the order service; tests and benchmarks wire them to a harness.
 */
import type { BookTop, Candle, MarketInfo } from '../../../../shared/domain/market.js';
import type { KillSwitchState } from '../../../../shared/domain/risk.js';
import type { KillSwitchProgress, RiskUpdated } from '../../../../shared/domain/risk-view.js';

export type RiskMarket = {
  sourceId(): string;
  /** The source's own time (the simulator runs ahead of the wall clock at speed > 1). */
  now(): number;
  markets(): Promise<MarketInfo[]>;
  book(symbol: string, depth: number): Promise<BookTop>;
  /** Closed 1-minute candles with open time in [from, to] (source time); absent: no ATR breaker. */
  candles?(symbol: string, from: number, to: number): Promise<Candle[]>;
};

export type RiskEvents = {
  updated(payload: RiskUpdated): void;
  killSwitch(state: KillSwitchState): void;
  /** The kill switch's cancels progressed (n of m confirmed). */
  progress?(progress: KillSwitchProgress): void;
};

/** Something that stops every running strategy (the strategies issue registers one). */
export type StopStrategies = (reason: string) => void | Promise<void>;
