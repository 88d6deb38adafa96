/**
 * The risk service over the order harness (real workstation.db, audit trail, simulated exchange on
 * a model feed): what the risk tests and the kill-switch benchmark drive. Not used by the app.
 */
import type { Candle } from '../../../../../shared/domain/market.js';
import type { KillSwitchState } from '../../../../../shared/domain/risk.js';
import type { RiskUpdated } from '../../../../../shared/domain/risk-view.js';
import { systemClock } from '../../../../adapters/clock/system-clock.js';
import { systemScheduler } from '../../../../adapters/clock/system-scheduler.js';
import { createHarness, type Harness, type HarnessOptions } from '../../orders/testing/order-harness.js';
import type { RiskMarket } from '../ports.js';
import { createRiskService, type RiskService, type RiskServiceDeps } from '../risk-service.js';

export type RiskHarness = {
  h: Harness;
  risk: RiskService;
  seen: { updated: RiskUpdated[]; killSwitch: KillSwitchState[] };
  close(): Promise<void>;
};

export type RiskHarnessOptions = HarnessOptions & {
  timing?: RiskServiceDeps['timing'];
  /** 1-hour candles for the ATR breaker (default: none, the breaker is not checked). */
  candles?: (symbol: string, from: number, to: number) => Promise<Candle[]>;
  /** Start the risk service's timers (default true). */
  start?: boolean;
};

export function createRiskHarness(o: RiskHarnessOptions): RiskHarness {
  let risk: RiskService | null = null;
  const h = createHarness({ ...o, riskGate: (intent) => risk!.gate(intent) });
  const clock = o.clock ?? systemClock;
  const prices = o.priceFeed ?? h.feed;
  const market: RiskMarket = {
    sourceId: () => prices.sourceId(),
    now: () => clock.now(),
    markets: () => prices.markets(),
    book: (symbol, depth) => prices.book(symbol, depth),
    ...(o.candles ? { candles: o.candles } : {}),
  };
  const seen: RiskHarness['seen'] = { updated: [], killSwitch: [] };
  risk = createRiskService({
    db: h.db,
    clock,
    scheduler: o.scheduler ?? systemScheduler,
    logger: h.logger,
    audit: h.audit,
    orders: h.service,
    market,
    events: { updated: (p) => seen.updated.push(p), killSwitch: (s) => seen.killSwitch.push(s) },
    timing: { pollMs: 50, markMs: 60_000, heartbeatMs: 60_000, ...o.timing },
  });
  const service = risk;
  if (o.start ?? true) service.start();
  return {
    h,
    risk: service,
    seen,
    async close() {
      await service.close();
      await h.close();
    },
  };
}
