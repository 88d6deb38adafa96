/** What the composition root (create-core.ts) is given by the entries (desktop, headless, tests). */
import type { SecretStore } from '../adapters/secrets/secret-store.js';
import type { Clock } from '../engine/clock.js';
import type { Scheduler } from '../engine/scheduler.js';
import type { ConversionProgress } from '../persistence/candle-conversion.js';
import type { SaveFilePrompt } from './services/export/export-service.js';
import type { OrdersConfig } from './services/orders/create-orders.js';

export type CoreConfig = {
  dataDir: string;
  runtime: 'desktop' | 'headless';
  appVersion: string;
  secretStore: SecretStore;
  clock?: Clock;
  /** Desktop only: asks where to save an export (Electron's save dialog); headless exports download. */
  saveFilePrompt?: SaveFilePrompt;
  /** Simulated market time per real time (default 1). */
  simSpeed?: number;
  /** The simulator's seed (default 1). */
  simSeed?: number;
  /** Simulated time at the simulator's first start, UTC ms (default: the wall clock). */
  simStart?: number;
  /** Base URL overrides per exchange id. */
  exchangeUrls?: Record<string, string>;
  /** Timers of the order service (recovery every 30 s, expiry); default the system's. */
  scheduler?: Scheduler;
  /** The simulated exchange's fees, slippage and paper balances; default expiry; the risk gate; the live adapter. */
  orders?: OrdersConfig;
  /**
   * The job worker's script (backtests): a bundled entry passes out/main/backtest-worker.js (its
   * own build entry); default the TypeScript source, loaded with tsx (dev, tests).
   */
  backtestWorkerUrl?: URL;
  /** The Anthropic Messages API's base URL (default the real API; a local test server in tests and e2e). */
  anthropicBaseUrl?: string;
  /** Certificate pins, "host=sha256/...,sha256/...;host2=..." (default: WORKSTATION_TLS_PINS; none). */
  tlsPins?: string;
  /** AI strategy generation: the per-request timeout and retries (default 120 s, 2 retries). */
  aiRequest?: { timeoutMs?: number; maxRetries?: number };
  /** The Telegram Bot API's base URL for alerts (default the real API; a local test server in tests). */
  telegramBaseUrl?: string;
  /**
   * Progress of converting an older database's candle rows into blocks (once, before the core is
   * up), for the start screen; `conversionPause` is the turn the event loop gets between chunks
   * (default setImmediate; tests hold it to look at the engine in the middle).
   */
  onConversion?: (progress: ConversionProgress) => void;
  conversionPause?: () => Promise<void>;
};
