import { z } from 'zod';
import { AuditEntry, AuditQuery, AuditVerifyResult } from '../domain/audit.js';
import {
  AlertIdInput,
  AlertListQuery,
  AlertMarkRead,
  AlertRuleEnable,
  AlertRuleInput,
  AlertRuleView,
  AlertSummary,
  AlertTestInput,
  AlertView,
} from '../domain/alerts.js';
import { DriftQuery, DriftReport } from '../domain/drift.js';
import {
  ArenaAdvisorDecisionsQuery,
  ArenaAdvisorId,
  ArenaAdvisorInput,
  ArenaAdvisorView,
  LeaderboardRow,
} from '../domain/arena.js';
import { ExportRequest, ExportResult } from '../domain/export.js';
import { LogEntry, LogQuery } from '../domain/logs.js';
import {
  CandleImportRequest,
  CandleImportResult,
  CandleSeriesInfo,
  CandleSeriesRef,
  CSV_TEXT_MAX,
  CsvPreview,
} from '../domain/candle-data.js';
import {
  BookTop,
  CandlesQuery,
  CandlesResult,
  FeedStatus,
  MarketCandleEvent,
  MarketOverview,
  MarketSourceConfig,
  MarketSymbol,
  Ticker,
  Timeframe,
} from '../domain/market.js';
import { SecretName, SecretsOverview, SecretStatus, SecretValue } from '../domain/secrets.js';
import { SettingsPatchSchema, SettingsSchema, TradingMode } from '../domain/settings.js';
import { SystemStatus } from '../domain/system-status.js';
import {
  CancelAllResult,
  FillQuery,
  OrderDetail,
  OrderListQuery,
  OrdersCsv,
  ReconciliationReport,
  RecoveryEntry,
} from '../domain/order-queries.js';
import { ClientOrderId, FillView, OrderRequest, OrderView, PortfolioView } from '../domain/orders.js';
import { SetTradingMode, TradingStatus } from '../domain/trading.js';
import { KillSwitchRearmRequest, KillSwitchState, RiskSettings } from '../domain/risk.js';
import {
  CreateStrategyInput,
  SavedStrategy,
  StrategyId,
  StrategyIdInput,
  StrategyTemplateView,
  StrategyValidation,
  UpdateStrategyInput,
  ValidateStrategyInput,
} from '../domain/strategy-library.js';
import { BacktestReport, BacktestRequest, JobIdInput, JobProgress } from '../domain/backtest-report.js';
import {
  ActivationCheck,
  ActivationQuery,
  RunEvent,
  RunEventsQuery,
  RunIdInput,
  StrategyRunView,
} from '../domain/strategy-runs.js';
import { GauntletReport, GauntletRequest } from '../domain/gauntlet.js';
import {
  AdvisorDecision,
  AdvisorSettingsPatch,
  AdvisorStatus,
  AiProgress,
  AiStatus,
  GenerateRequest,
  GenerationDecision,
  GenerationIdInput,
  GenerationSummary,
  GenerationView,
} from '../domain/ai.js';
import {
  OptimizeEstimate,
  OptimizeRequest,
  OptimizeSpace,
  SaveSweepSetInput,
  SweepIdInput,
  SweepResultQuery,
  SweepResultView,
  SweepStatusView,
} from '../domain/optimize.js';
import {
  KillSwitchEngageInput,
  KillSwitchEngageResult,
  KillSwitchProgress,
  RiskOverview,
  RiskSettingsPatch,
  RiskUpdated,
  VetoQuery,
  VetoRecord,
} from '../domain/risk-view.js';

/**
 * The one place where the names of calls and events exist.
 * `invoke`: request/response calls from the UI to the engine.
 * `events`: pushes from the engine to every connected UI.
 */
const Empty = z.object({}).strict();

export const SystemInfo = z.object({
  appVersion: z.string(),
  runtime: z.enum(['desktop', 'headless']),
  platform: z.string(),
  dataDir: z.string(),
  databaseFile: z.string(),
  tradingMode: TradingMode,
  startedAt: z.number().int(),
});
export type SystemInfo = z.infer<typeof SystemInfo>;

export const contract = {
  invoke: {
    'system.info': { input: Empty, output: SystemInfo },
    'settings.get': { input: Empty, output: SettingsSchema },
    'settings.update': { input: SettingsPatchSchema, output: SettingsSchema },
    'secrets.overview': { input: Empty, output: SecretsOverview },
    'secrets.set': {
      input: z.object({ name: SecretName, value: SecretValue }).strict(),
      output: SecretStatus,
    },
    'secrets.delete': { input: z.object({ name: SecretName }).strict(), output: SecretStatus },
    'logs.query': { input: LogQuery, output: z.array(LogEntry) },
    // --- audit and export (logs issue) ---
    'audit.query': { input: AuditQuery, output: z.array(AuditEntry) },
    'audit.verify': { input: Empty, output: AuditVerifyResult },
    /** Desktop: a save dialog, then the export streams to the chosen file. The browser uses GET /export. */
    'export.save': { input: ExportRequest, output: ExportResult },
    /**
     * Browser: a one-time link for GET /export (one download, valid for a minute), minted over the
     * authenticated WebSocket so the download needs no token in a cookie or the address.
     */
    'export.downloadLink': {
      input: ExportRequest,
      output: z.object({ url: z.string(), expiresAt: z.number().int() }),
    },
    'system.status': { input: Empty, output: SystemStatus },
    // --- market data (market issue) ---
    'market.overview': { input: Empty, output: MarketOverview },
    'market.setSource': { input: z.object({ source: MarketSourceConfig }).strict(), output: MarketOverview },
    'market.candles': { input: CandlesQuery, output: CandlesResult },
    'market.ticker': { input: z.object({ symbol: MarketSymbol }).strict(), output: Ticker },
    'market.book': {
      input: z.object({ symbol: MarketSymbol, depth: z.number().int().min(1).max(50).default(10) }).strict(),
      output: BookTop,
    },
    /** Live updates for this symbol and timeframe are pushed as market.candle and market.ticker events. */
    'market.watch': { input: z.object({ symbol: MarketSymbol, timeframe: Timeframe }).strict(), output: FeedStatus },
    'candles.preview': { input: z.object({ text: z.string().min(1).max(CSV_TEXT_MAX) }).strict(), output: CsvPreview },
    'candles.import': { input: CandleImportRequest, output: CandleImportResult },
    'candles.exportCsv': {
      input: CandleSeriesRef,
      output: z.object({ csv: z.string(), rows: z.number().int() }),
    },
    'candles.series': { input: Empty, output: z.array(CandleSeriesInfo) },
    // --- orders (orders issue) ---
    /** Validates, asks the risk gate, journals, then sends; a veto or invalid order is an error naming why. */
    'orders.submit': { input: OrderRequest, output: OrderView },
    'orders.cancel': { input: z.object({ clientOrderId: ClientOrderId }).strict(), output: OrderView },
    'orders.cancelAll': { input: z.object({ symbol: MarketSymbol.optional() }).strict(), output: CancelAllResult },
    'orders.list': { input: OrderListQuery, output: z.array(OrderView) },
    /** One order with its timeline and fills. */
    'orders.get': { input: z.object({ clientOrderId: ClientOrderId }).strict(), output: OrderDetail },
    'orders.fills': { input: FillQuery, output: z.array(FillView) },
    /** Balances, positions with P&L at the current price, equity. */
    'portfolio.get': { input: Empty, output: PortfolioView },
    /** Orders whose outcome is being looked up by client order id, with attempts and the last error. */
    'orders.recovery': { input: Empty, output: z.array(RecoveryEntry) },
    /** The last reconciliation of the journal against the exchange (null before the first). */
    'orders.reconciliation': { input: Empty, output: ReconciliationReport.nullable() },
    'orders.exportCsv': { input: OrderListQuery, output: OrdersCsv },
    'trading.status': { input: Empty, output: TradingStatus },
    /** LIVE needs confirm = "TRADE LIVE ON <EXCHANGE>" (TradingStatus.liveConfirmText). */
    'trading.setMode': { input: SetTradingMode, output: TradingStatus },
    // --- risk (risk issue) ---
    /** Exposure, daily loss, drawdown against their limits; breakers; kill switch, protect mode, dead man's switch. */
    'risk.overview': { input: Empty, output: RiskOverview },
    'risk.settings.get': { input: Empty, output: RiskSettings },
    /** Any subset of the settings; a value out of range is refused naming the field and the allowed range. */
    'risk.settings.update': { input: RiskSettingsPatch, output: RiskSettings },
    /** The veto log, newest first. */
    'risk.vetoes': { input: VetoQuery, output: z.array(VetoRecord) },
    'killSwitch.status': { input: Empty, output: KillSwitchState },
    /** FREEZE: block entries, cancel every open order, stop strategies. FLATTEN (confirm "FLATTEN"): then sell every position at market. */
    'killSwitch.engage': { input: KillSwitchEngageInput, output: KillSwitchEngageResult },
    /** The cancels after engage answered: n of m confirmed by the exchange, retrying k, orders placed outside the app. */
    'killSwitch.progress': { input: Empty, output: KillSwitchProgress },
    /** Needs confirm = "RE-ARM TRADING"; audited. */
    'killSwitch.rearm': { input: KillSwitchRearmRequest, output: KillSwitchState },
    // --- strategies (strategies issue) ---
    /** Saved strategies, most recently updated first, each with its last backtest per (symbol, timeframe). */
    'strategies.list': { input: Empty, output: z.array(SavedStrategy) },
    'strategies.get': { input: StrategyIdInput, output: SavedStrategy },
    /** From a definition (validated; issues name the field and the position in a condition) or a template id. */
    'strategies.create': { input: CreateStrategyInput, output: SavedStrategy },
    'strategies.update': { input: UpdateStrategyInput, output: SavedStrategy },
    'strategies.duplicate': { input: StrategyIdInput, output: SavedStrategy },
    'strategies.delete': { input: StrategyIdInput, output: z.object({ deleted: z.literal(true) }) },
    /** For live validation in the editor: every issue with its path, message, position and suggestion. */
    'strategies.validate': { input: ValidateStrategyInput, output: StrategyValidation },
    'strategies.templates': { input: Empty, output: z.array(StrategyTemplateView) },
    /** Runs off the main thread; progress arrives as strategies.progress events with the same jobId. */
    'strategies.backtest': { input: BacktestRequest, output: BacktestReport },
    /** Cancels a running backtest or gauntlet; its call fails with "cancelled". */
    'strategies.cancelJob': { input: JobIdInput, output: z.object({ cancelled: z.boolean() }) },
    /** Backtest, out-of-sample, cost stress, parameter stability, Monte Carlo, verdict (stored for activation). */
    'strategies.gauntlet': { input: GauntletRequest, output: GauntletReport },
    /** Whether the strategy may run now in the current trading mode, and every reason it may not. */
    'strategies.activationCheck': { input: ActivationQuery, output: ActivationCheck },
    /** Starts a run; refused (forbidden, with the reasons) unless strategies.activationCheck allows it. */
    'strategies.activate': { input: ActivationQuery, output: StrategyRunView },
    'strategies.runs': { input: Empty, output: z.array(StrategyRunView) },
    'strategies.pause': { input: RunIdInput, output: StrategyRunView },
    /** Resumes a paused run; the activation rules are checked again. */
    'strategies.resume': { input: RunIdInput, output: StrategyRunView },
    'strategies.stop': { input: RunIdInput, output: StrategyRunView },
    /** A run's decision log, newest first. */
    'strategies.runEvents': { input: RunEventsQuery, output: z.array(RunEvent) },
    // --- AI strategies (AI issue) ---
    'ai.status': { input: Empty, output: AiStatus },
    'ai.setModel': { input: z.object({ model: z.string().min(1).max(100) }).strict(), output: AiStatus },
    /** Generation, validation (one repair round), then the gauntlet; progress as ai.progress events. */
    'ai.generate': { input: GenerateRequest, output: GenerationView },
    /** Cancels a generation in flight (the request is aborted; nothing is saved as a strategy). */
    'ai.cancel': { input: JobIdInput, output: z.object({ cancelled: z.boolean() }) },
    'ai.generations': {
      input: z.object({ limit: z.number().int().min(1).max(500).default(50) }).strict(),
      output: z.array(GenerationSummary),
    },
    'ai.generation': { input: GenerationIdInput, output: GenerationView },
    /** APPROVE saves the strategy (with its gauntlet verdict); DISCARD records the decision. Audited. */
    'ai.decide': { input: GenerationDecision, output: GenerationView },
    'ai.advisor.status': { input: Empty, output: AdvisorStatus },
    'ai.advisor.update': { input: AdvisorSettingsPatch, output: AdvisorStatus },
    /** Asks the advisor now (paper and simulator only; within the daily budget). */
    'ai.advisor.runNow': { input: Empty, output: z.array(AdvisorDecision) },
    'ai.advisor.decisions': {
      input: z.object({ limit: z.number().int().min(1).max(500).default(100) }).strict(),
      output: z.array(AdvisorDecision),
    },
    // --- optimisation (optimisation issue) ---
    /** A signal strategy's numeric parameters with their values and a range to start from. */
    'optimize.space': { input: z.object({ strategyId: StrategyId }).strict(), output: OptimizeSpace },
    /** The count of parameter sets and windows, and about how long the sweep takes, before it starts. */
    'optimize.estimate': { input: OptimizeRequest, output: OptimizeEstimate },
    /** Starts a sweep on the local worker pool (one at a time); progress as optimize.progress events. */
    'optimize.start': { input: OptimizeRequest, output: SweepStatusView },
    'optimize.status': { input: SweepIdInput, output: SweepStatusView },
    /** Stops the sweep; the results so far are kept and optimize.resume continues from there. */
    'optimize.cancel': { input: SweepIdInput, output: SweepStatusView },
    /** Continues a cancelled, failed or interrupted (app restarted) sweep where it stopped. */
    'optimize.resume': { input: SweepIdInput, output: SweepStatusView },
    /** Every set ranked (so far, while it runs), overfitting measures, the walk-forward result when done. */
    'optimize.result': { input: SweepResultQuery, output: SweepResultView },
    'optimize.list': { input: Empty, output: z.array(SweepStatusView) },
    /** A set of a sweep as a new strategy: not backtested, so it may not run before its own backtest. */
    'optimize.saveAsStrategy': { input: SaveSweepSetInput, output: SavedStrategy },
    /** The run's trades against the backtest of its strategy version over the same candles (signal runs). */
    'strategies.drift': { input: DriftQuery, output: DriftReport },
    /** Every run on its own sub-account, best return first (stopped runs stay, marked stopped). */
    'arena.leaderboard': { input: Empty, output: z.array(LeaderboardRow) },
    /** AI advisors of the arena: each with its own model, instructions and capital (simulator and paper only). */
    'arena.advisors': { input: Empty, output: z.array(ArenaAdvisorView) },
    'arena.addAdvisor': { input: ArenaAdvisorInput, output: ArenaAdvisorView },
    /** Stops its schedule; it stays on the leaderboard with its decisions. */
    'arena.stopAdvisor': { input: ArenaAdvisorId, output: ArenaAdvisorView },
    /** Asks the advisor's model now (within its daily budget). */
    'arena.runAdvisor': { input: ArenaAdvisorId, output: z.array(AdvisorDecision) },
    /** Its decisions with their reasoning, newest first. */
    'arena.advisorDecisions': { input: ArenaAdvisorDecisionsQuery, output: z.array(AdvisorDecision) },
    // --- alerts (arena and alerts issue) ---
    'alerts.rules': { input: Empty, output: z.array(AlertRuleView) },
    /** A condition alert's condition is checked like a strategy's (position and suggestion in the error). */
    'alerts.createRule': { input: AlertRuleInput, output: AlertRuleView },
    'alerts.setEnabled': { input: AlertRuleEnable, output: AlertRuleView },
    'alerts.deleteRule': { input: AlertIdInput, output: z.object({ deleted: z.literal(true) }) },
    /** Fired alerts, newest first, with each channel's delivery state. */
    'alerts.list': { input: AlertListQuery, output: z.array(AlertView) },
    'alerts.summary': { input: Empty, output: AlertSummary },
    'alerts.markRead': { input: AlertMarkRead, output: AlertSummary },
    /** Sends a test alert through one channel and answers after the first attempt. */
    'alerts.test': { input: AlertTestInput, output: AlertView },
  },
  events: {
    'settings.changed': SettingsSchema,
    'secrets.changed': SecretStatus,
    'logs.appended': LogEntry,
    // --- audit and export events (logs issue) ---
    'audit.appended': AuditEntry,
    // --- market data events (market issue) ---
    'market.candle': MarketCandleEvent,
    'market.ticker': Ticker,
    'market.status': FeedStatus,
    // --- orders events (orders issue) ---
    'orders.updated': OrderView,
    'orders.fill': FillView,
    'portfolio.updated': PortfolioView,
    'orders.reconciled': ReconciliationReport,
    // --- risk (risk issue) ---
    'risk.updated': RiskUpdated,
    'killSwitch.changed': KillSwitchState,
    'killSwitch.progress': KillSwitchProgress,
    // --- strategies (strategies issue) ---
    'strategies.progress': JobProgress,
    'strategies.runUpdated': StrategyRunView,
    'strategies.runEvent': RunEvent,
    // --- optimisation (optimisation issue) ---
    'optimize.progress': SweepStatusView,
    // --- AI strategies (AI issue) ---
    'ai.progress': AiProgress,
    'ai.advisorDecision': AdvisorDecision,
    // --- alerts ---
    'alerts.fired': AlertView,
    'alerts.updated': AlertView,
    'alerts.summary': AlertSummary,
  },
} as const;

export type Contract = typeof contract;
export type InvokeName = keyof Contract['invoke'];
export type EventName = keyof Contract['events'];
export type InvokeInput<K extends InvokeName> = z.input<Contract['invoke'][K]['input']>;
export type InvokeParsedInput<K extends InvokeName> = z.output<Contract['invoke'][K]['input']>;
export type InvokeOutput<K extends InvokeName> = z.output<Contract['invoke'][K]['output']>;
export type EventPayload<K extends EventName> = z.output<Contract['events'][K]>;

export const INVOKE_NAMES = Object.keys(contract.invoke) as InvokeName[];
export const EVENT_NAMES = Object.keys(contract.events) as EventName[];

export function isInvokeName(name: unknown): name is InvokeName {
  return typeof name === 'string' && Object.hasOwn(contract.invoke, name);
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(contract.events, name);
}
