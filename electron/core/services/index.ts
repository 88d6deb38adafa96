import type { SystemInfo } from '../../../shared/ipc/contract.js';
import type { LogStore } from '../../logging/log-store.js';
import type { CandleDataService } from './candle-data-service.js';
import type { MarketService } from './market-service.js';
import type { OrderService } from './orders/order-service.js';
import type { RiskService } from './risk/risk-service.js';
import type { StrategyService } from './strategies/strategy-service.js';
import type { GauntletService } from './strategies/gauntlet-service.js';
import type { RunManager } from './strategies/runs/run-manager.js';
import type { AdvisorService } from './ai/advisor/advisor-service.js';
import type { ArenaAdvisors } from './ai/advisor/arena-advisors.js';
import type { AiService } from './ai/ai-service.js';
import type { AlertService } from './alerts/alert-service.js';
import type { DriftService } from './strategies/runs/drift-service.js';
import type { ArenaService } from './strategies/runs/arena-service.js';
import type { AuditService } from './audit-service.js';
import type { ExportService } from './export/export-service.js';
import type { RetentionService } from './retention-service.js';
import type { SecretsService } from './secrets-service.js';
import type { StatusService } from './status-service.js';
import type { SettingsService } from './settings-service.js';
import type { OptimizeService } from './optimize/optimize-service.js';

/** Everything the handlers may use. */
export type CoreServices = {
  info: Omit<SystemInfo, 'tradingMode'>;
  settings: SettingsService;
  secrets: SecretsService;
  logStore: LogStore;
  /** The hash-chained audit trail; later services record their decisions through it. */
  audit: AuditService;
  exporter: ExportService;
  retention: RetentionService;
  /** system.status; later services report their part through status.provide(). */
  status: StatusService;
  /** The active market-data source (simulator, exchange or replay) and its live feed. */
  market: MarketService;
  /** Candle CSV import/export and the list of stored series. */
  candles: CandleDataService;
  /** Orders, the portfolio and the trading mode: journal, execution adapter, recovery, reconciliation. */
  orders: OrderService;
  /** The risk gate every order passes, the kill switch, protect mode, loss limits, the dead man's switch. */
  risk: RiskService;
  /** The strategy library: saved strategies, templates, validation, stored backtest summaries. */
  strategies: StrategyService;
  /** The validation gauntlet: runs in the job worker, stores verdicts (gauntletVerdict) for activation. */
  gauntlet: GauntletService;
  /** Running strategies: activation, evaluation at every candle close, pause/resume/stop, restart. */
  runs: RunManager;
  /** The AI advisor (paper and simulator only): scheduled decisions through the risk gate, a daily budget. */
  advisor: AdvisorService;
  /** AI advisors in the paper arena, each with its own model, instructions and sub-account. */
  arenaAdvisors: ArenaAdvisors;
  /** AI strategy generation with Claude: validation, one repair round, the gauntlet, the trader's decision. */
  ai: AiService;
  /** Price, indicator and event alerts: the in-app list and delivery to Telegram, Discord, a webhook. */
  alerts: AlertService;
  /** A run's trades against its backtest; alerts (and pauses, if chosen) beyond the thresholds. */
  drift: DriftService;
  /** The paper arena: each run on its own sub-account, ranked on the leaderboard. */
  arena: ArenaService;
  /** Parameter sweeps and walk-forward runs on the local worker pool (Strategies > Optimise). */
  optimize: OptimizeService;
};
