import { z } from 'zod';
import { DriftSettings } from './drift.js';
import { AdvisorSettings } from './ai.js';
import { MarketSourceConfig, MarketSymbol, Timeframe } from './market.js';

export const TRADING_MODES = ['SIMULATOR', 'PAPER', 'LIVE'] as const;
export const TradingMode = z.enum(TRADING_MODES);
export type TradingMode = z.infer<typeof TradingMode>;

export const ExchangeId = z
  .string()
  .regex(/^[a-z][a-z0-9]{1,31}$/, 'an exchange id is lower-case letters and digits, e.g. "kraken"');

/** Per-exchange connection overrides (advanced): the exchange's testnet, or another API base URL. */
export const ExchangeOverride = z
  .object({
    sandbox: z.boolean().default(false),
    baseUrl: z
      .string()
      .regex(/^https?:\/\/[^\s/]+$/, 'a base URL is scheme, host and port only, e.g. http://127.0.0.1:8080')
      .nullable()
      .default(null),
  })
  .strict();
export type ExchangeOverride = z.infer<typeof ExchangeOverride>;
export const ExchangeOverrides = z.record(ExchangeId, ExchangeOverride);

/** One indicator on the Market tab's chart: its kind, period and the colour it was given. */
export const ChartIndicatorSetup = z
  .object({
    kind: z.enum(['SMA', 'EMA', 'BOLLINGER', 'RSI', 'MACD']),
    period: z.number().int().min(2).max(500),
    color: z
      .string()
      .regex(/^#[0-9a-fA-F]{6}$/)
      .optional(),
  })
  .strict();
/** The chart setup of one symbol: timeframe, history length and indicators. */
export const ChartSetup = z
  .object({
    timeframe: Timeframe,
    limit: z.number().int().min(100).max(200_000),
    indicators: z.array(ChartIndicatorSetup).max(12),
  })
  .strict();
export type ChartSetup = z.infer<typeof ChartSetup>;
/** What the Market tab shows (a view preference: not audited): the symbol and each symbol's chart setup. */
export const MarketView = z
  .object({
    symbol: MarketSymbol.nullable().default(null),
    charts: z.record(MarketSymbol, ChartSetup).default({}),
  })
  .strict();
export type MarketView = z.infer<typeof MarketView>;

/** Every persisted setting: its type, its allowed range and its default. */
const REDIS_URL_HINT =
  'a Redis server is redis://HOST:PORT or rediss://HOST:PORT (TLS), e.g. redis://192.168.1.20:6379; leave it empty to sweep on this computer';

/** Where app sweeps find their BullMQ workers: a redis:// or rediss:// address. */
export const SweepRedisUrl = z
  .string()
  .max(300, REDIS_URL_HINT)
  .refine((text) => {
    try {
      const url = new URL(text);
      return (url.protocol === 'redis:' || url.protocol === 'rediss:') && url.hostname.length > 0;
    } catch {
      return false;
    }
  }, REDIS_URL_HINT);

export const SettingsSchema = z
  .object({
    theme: z.enum(['dark', 'light']).default('dark'),
    defaultExchange: ExchangeId.default('kraken'),
    /**
     * Fee rate as a fraction of notional (0.0026 = 0.26 %). Default: the taker fee of the venue a
     * new trader runs on (the simulated exchange, like Kraken's base tier: 0.26 %).
     */
    defaultFeeRate: z
      .number({ error: 'the fee rate is a number of percent from 0 to 5 %' })
      .min(0, 'the fee rate is 0 to 5 %: it cannot be negative')
      .max(0.05, 'the fee rate is at most 5 %')
      .default(0.0026),
    tradingMode: TradingMode.default('SIMULATOR'),
    /** Log retention: the JSON-lines log file rotates at this size (MB)... */
    logMaxFileMb: z
      .number()
      .int('the log file size is a whole number of MB')
      .min(1, 'a log file is at least 1 MB')
      .max(1024, 'a log file is at most 1024 MB')
      .default(10),
    /** ...keeping this many files (the current one included)... */
    logMaxFiles: z
      .number()
      .int('the number of log files is a whole number')
      .min(1, 'keep at least 1 log file')
      .max(100, 'keep at most 100 log files')
      .default(10),
    /** ...and log entries (logs.db, rotated files) older than this many days are removed. Never the audit trail. */
    logRetentionDays: z
      .number()
      .int('the retention is a whole number of days')
      .min(1, 'logs are kept at least 1 day')
      .max(3650, 'logs are kept at most 3650 days (10 years)')
      .default(30),
    /** Where market data comes from; changed through market.setSource, not settings.update. */
    marketSource: MarketSourceConfig.default({ kind: 'simulator' }),
    exchangeOverrides: ExchangeOverrides.default({}),
    /** The Claude model for AI strategies and the advisor (one of resources/ai-models.json); via ai.setModel. */
    aiModel: z.string().min(1).max(100).default('claude-sonnet-5-5'),
    /** LIVE activation needs this many paper trades of the strategy since its approval (never fewer than 20). */
    paperTradesBeforeLive: z
      .number()
      .int('the number of paper trades is a whole number')
      .min(20, 'LIVE needs at least 20 paper trades since approval; the number can only be raised')
      .max(10_000, 'at most 10000 paper trades')
      .default(20),
    /** The AI advisor (paper and simulator only); via ai.advisor.update. */
    advisor: AdvisorSettings.default(AdvisorSettings.parse({})),
    /** The Market tab's symbol and per-symbol chart setup (survives a reload and a restart). */
    marketView: MarketView.default(MarketView.parse({})),
    /** When a run's drift from its backtest raises an alert (and pauses the run, if chosen). */
    drift: DriftSettings.default(DriftSettings.parse({})),
    /**
     * Sweeps started in the app run on the BullMQ workers of this Redis server (`npm run worker --
     * --redis URL` on each machine); null: on this machine's cores.
     */
    sweepRedisUrl: SweepRedisUrl.nullable().default(null),
  })
  .strict();

export type Settings = z.infer<typeof SettingsSchema>;

export const SettingsPatchSchema = z
  .object({
    theme: SettingsSchema.shape.theme.unwrap().optional(),
    defaultExchange: ExchangeId.optional(),
    defaultFeeRate: SettingsSchema.shape.defaultFeeRate.unwrap().optional(),
    exchangeOverrides: ExchangeOverrides.optional(),
    /**
     * Needed when exchangeOverrides points an exchange at a host that is not this computer: exactly
     * exchangeUrlConfirmText(exchangeId, baseUrl), e.g. "SEND KRAKEN KEYS TO api.example.com".
     */
    confirmExchangeUrl: z.string().max(300).optional(),
    logMaxFileMb: SettingsSchema.shape.logMaxFileMb.unwrap().optional(),
    logMaxFiles: SettingsSchema.shape.logMaxFiles.unwrap().optional(),
    logRetentionDays: SettingsSchema.shape.logRetentionDays.unwrap().optional(),
    paperTradesBeforeLive: SettingsSchema.shape.paperTradesBeforeLive.unwrap().optional(),
    marketView: MarketView.optional(),
    drift: DriftSettings.optional(),
    sweepRedisUrl: SweepRedisUrl.nullable().optional(),
  })
  .strict();
export type SettingsPatch = z.infer<typeof SettingsPatchSchema>;

export const DEFAULT_SETTINGS: Settings = SettingsSchema.parse({});
