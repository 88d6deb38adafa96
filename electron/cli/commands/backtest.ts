import fs from 'node:fs';
import path from 'node:path';
import { TIMEFRAME_MS, TIMEFRAMES, type Timeframe } from '../../../shared/domain/market.js';
import { DEFAULT_RISK_SETTINGS, RiskSettings } from '../../../shared/domain/risk.js';
import { parseTimeParam } from '../../../shared/domain/export.js';
import { BacktestSettings, type StrategyDefinition } from '../../../shared/domain/strategy.js';
import { CliDataError, loadStrategy, parseJsonFile, readText } from './input-files.js';
import {
  approveAll,
  columnsFromCandles,
  riskGateForBacktest,
  runBacktest,
  toTimeframe,
  type BacktestResult,
  type OrderGate,
} from '../../engine/backtest/index.js';
import { systemClock } from '../../adapters/clock/system-clock.js';
import { DATABASE_FILE } from '../../core/create-core.js';
import { createSourceFactory } from '../../core/market-sources.js';
import type { Logger } from '../../logging/types.js';
import { openDatabase } from '../../persistence/database.js';
import { MIGRATIONS } from '../../persistence/migrations/index.js';
import { conversionReporter } from '../../persistence/candle-conversion.js';
import { createCandleRepo } from '../../persistence/repositories/candle-repo.js';
import { parseCandleCsv } from '../../engine/market/csv.js';
import type { OhlcvColumns } from '../../engine/strategy/columns.js';
import { CliUsageError, parseArgs, single, type ParsedArgs } from '../args.js';
import { resolveDataDir } from '../data-dir.js';
import type { CliIo } from '../io.js';
import { parseStartOptions } from '../../core/config.js';
import { createEndpointResolver } from '../../core/exchange-endpoints.js';

export const BACKTEST_USAGE = `backtest --strategy FILE.json (--candles FILE.csv | --exchange ID --symbol S [--timeframe T] [--days N])
         [--fee 0.001] [--slippage-bps 5] [--capital 10000] [--risk default|off|FILE.json]
         [--from ISO] [--to ISO] [--json] [--data-dir DIR]
    Backtests a strategy (the JSON of a signal strategy) on candles and prints a report.
    --candles      a candle CSV (the same reader as the app's import); candles finer than the
                   strategy's timeframe are resampled to it
    --exchange     candles from the candle store in the data dir (ccxt id, or "simulator" for the
                   simulator's stored history); missing ranges are fetched. --timeframe defaults
                   to the strategy's, --days to 30 (the last N days)
    --fee          fee rate per fill (0.001 = 0.1 %); --slippage-bps per fill (5 = 0.05 %)
    --capital      starting capital in the quote currency
    --risk         default: every order asks the risk gate with the default risk settings;
                   off: no risk checks besides the strategy's own stop, target and trail;
                   FILE.json: risk settings (as in the Risk tab) over the defaults
    --from, --to   candles whose open time is in [from, to): 2025-01-31, 2025-01-31T14:00:00Z or ms
    --json         one JSON object: metrics, grade, trades, vetoes`;

const SPEC = {
  values: [
    '--candles',
    '--strategy',
    '--fee',
    '--slippage-bps',
    '--capital',
    '--risk',
    '--from',
    '--to',
    '--exchange',
    '--symbol',
    '--timeframe',
    '--days',
    '--data-dir',
  ],
  flags: ['--json'],
} as const;

export function numberOption(args: ParsedArgs, name: string): number | undefined {
  const text = single(args, name);
  if (text === undefined) return undefined;
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value)) throw new CliUsageError(`${name} must be a number, not "${text}"`);
  return value;
}

function riskGate(args: ParsedArgs): { gate: OrderGate; risk: string } {
  const { settings, risk } = riskOption(args);
  return { gate: settings ? riskGateForBacktest(settings) : approveAll, risk };
}

/** --risk as settings (null: off), serialisable for workers (sweeps). */
export function riskOption(args: ParsedArgs): { settings: RiskSettings | null; risk: string } {
  const risk = single(args, '--risk') ?? 'default';
  if (risk === 'off') return { settings: null, risk };
  if (risk === 'default') return { settings: DEFAULT_RISK_SETTINGS, risk };
  const parsed = RiskSettings.safeParse(parseJsonFile(readText(risk, 'risk settings file'), risk));
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(top level)'}: ${i.message}`);
    throw new CliDataError(`${risk}: the risk settings have ${issues.length} problem(s):\n${issues.join('\n')}`);
  }
  return { settings: parsed.data, risk };
}

/** Candles from a CSV file, in the strategy's timeframe. */
export function csvCandles(file: string, strategy: Pick<StrategyDefinition, 'timeframe'>): OhlcvColumns {
  const csv = parseCandleCsv(readText(file, 'candle file'));
  if (csv.fatal !== null) throw new CliDataError(`${file}: ${csv.fatal}`);
  if (csv.errorCount > 0) {
    const rows = csv.errors.map((e) => `  line ${e.line}: ${e.reason}`).join('\n');
    const more = csv.errorCount > csv.errors.length ? `\n  ... and ${csv.errorCount - csv.errors.length} more` : '';
    throw new CliDataError(`${file}: ${csv.errorCount} bad row(s):\n${rows}${more}`);
  }
  if (csv.candles.length === 0) throw new CliDataError(`${file} holds no candles`);
  const timeframe = csv.timeframe?.timeframe ?? null;
  if (timeframe === null) {
    throw new CliDataError(`${file}: the spacing of the candles is not a timeframe (${TIMEFRAMES.join(', ')})`);
  }
  return convert(columnsFromCandles(csv.candles), timeframe, strategy.timeframe, file);
}

function convert(columns: OhlcvColumns, from: Timeframe, to: Timeframe, what: string): OhlcvColumns {
  if (from === to) return columns;
  if (TIMEFRAME_MS[from] > TIMEFRAME_MS[to] || TIMEFRAME_MS[to] % TIMEFRAME_MS[from] !== 0) {
    throw new CliDataError(
      `${what}: the candles are ${from}, the strategy needs ${to} (candles can only be resampled to a coarser timeframe)`,
    );
  }
  return toTimeframe(columns, from, to);
}

export async function storeCandles(
  args: ParsedArgs,
  io: CliIo,
  strategy: Pick<StrategyDefinition, 'symbols' | 'timeframe'>,
  from?: number,
  to?: number,
) {
  const exchange = single(args, '--exchange')!;
  const symbol = single(args, '--symbol') ?? strategy.symbols[0]!;
  const timeframeText = single(args, '--timeframe') ?? strategy.timeframe;
  if (!(TIMEFRAMES as readonly string[]).includes(timeframeText)) {
    throw new CliUsageError(`--timeframe must be one of ${TIMEFRAMES.join(', ')}, not "${timeframeText}"`);
  }
  const timeframe = timeframeText as Timeframe;
  const days = numberOption(args, '--days') ?? 30;
  if (!Number.isInteger(days) || days < 1 || days > 3650)
    throw new CliUsageError(`--days must be a whole number from 1 to 3650`);
  const dataDir = resolveDataDir(args, io.env);
  fs.mkdirSync(dataDir, { recursive: true });
  const db = openDatabase({ file: path.join(dataDir, DATABASE_FILE), migrations: MIGRATIONS, synchronous: 'FULL' });
  // The same sources as the app over the same candle store: the simulator writes its history on
  // first start; an exchange source fetches only the ranges the store does not hold.
  const source = createSourceFactory({
    clock: systemClock,
    logger: QUIET,
    // A database from before migration 12: its candles are converted into blocks first (progress on stderr).
    store: createCandleRepo(db, { onConversion: conversionReporter((line) => io.stderr.write(`${line}\n`)) }),
    simSpeed: 1,
    simSeed: 1,
    // WORKSTATION_EXCHANGE_URLS (ID=URL,...) points an exchange at a proxy or a local server, as for the app.
    endpoint: createEndpointResolver(parseStartOptions([], io.env).exchangeUrls, () => ({})),
  })(exchange === 'simulator' ? { kind: 'simulator' } : { kind: 'exchange', exchangeId: exchange });
  try {
    await source.start?.();
    const end = to ?? source.now?.() ?? Date.now();
    const start = from ?? end - days * 86_400_000;
    const candles = await source.fetchCandles({ symbol, timeframe, from: start, to: end });
    if (candles.length === 0) {
      throw new CliDataError(
        `no ${timeframe} candles of ${symbol} from ${exchange} between ${iso(start)} and ${iso(end)}`,
      );
    }
    return {
      symbol,
      columns: convert(columnsFromCandles(candles), timeframe, strategy.timeframe, `${exchange} ${symbol}`),
    };
  } finally {
    await source.close().catch(() => undefined);
    db.close();
  }
}

const quiet = () => undefined;
/** The CLI reports failures as errors; the sources' own progress logging is not printed. */
const QUIET: Logger = {
  error: quiet,
  warn: quiet,
  info: quiet,
  debug: quiet,
  log: quiet,
  addSecret: quiet,
  close: () => Promise.resolve(),
};

export function timeOption(args: ParsedArgs, name: string): number | undefined {
  const text = single(args, name);
  if (text === undefined) return undefined;
  try {
    return parseTimeParam(text, name);
  } catch {
    throw new CliUsageError(
      `${name} "${text}" is not a time: use ISO 8601 (2025-01-31 or 2025-01-31T14:00:00Z) or UTC milliseconds`,
    );
  }
}

export function inRange(columns: OhlcvColumns, from?: number, to?: number): OhlcvColumns {
  if (from === undefined && to === undefined) return columns;
  let start = 0;
  while (start < columns.length && from !== undefined && columns.time[start]! < from) start++;
  let end = start;
  while (end < columns.length && (to === undefined || columns.time[end]! < to)) end++;
  const cut = (a: Float64Array) => a.subarray(start, end);
  return {
    length: end - start,
    time: cut(columns.time),
    open: cut(columns.open),
    high: cut(columns.high),
    low: cut(columns.low),
    close: cut(columns.close),
    volume: cut(columns.volume),
  };
}

const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

/** The JSON the command prints with --json. */
export function backtestJson(result: BacktestResult, risk: string) {
  return {
    strategy: result.strategyName,
    symbol: result.symbol,
    timeframe: result.timeframe,
    candles: result.candles,
    start: result.start,
    end: result.end,
    settings: result.settings,
    risk,
    accounting: result.accounting,
    metrics: { ...result.metrics, winRate: result.metrics.winRatePercent },
    grade: result.grade,
    exact: result.exact,
    trades: result.trades,
    vetoes: result.vetoes,
  };
}

const fmt = (n: number | null, digits = 2) => (n === null ? 'n/a' : n.toFixed(digits));

function report(r: BacktestResult, risk: string): string {
  const m = r.metrics;
  const lines = [
    `${r.strategyName} on ${r.symbol} ${r.timeframe}: ${r.candles} candles, ${iso(r.start)} to ${iso(r.end)}`,
    `settings: capital ${r.settings.initialCapital}, fee ${r.settings.feeRate}, slippage ${r.settings.slippage * 10_000} bps, risk ${risk}`,
    '',
    `grade: ${r.grade.grade}`,
    ...r.grade.reasons.map((reason) => `  - ${reason}`),
    '',
    `final equity      ${fmt(m.finalEquity)}`,
    `net profit        ${fmt(m.netProfit)} (${fmt(m.netProfitPercent)} %)`,
    `buy and hold      ${fmt(m.buyAndHoldPercent)} %`,
    `trades            ${m.trades}`,
    `win rate          ${fmt(m.winRatePercent, 1)} %`,
    `profit factor     ${m.profitFactor === null ? 'no losing trade' : fmt(m.profitFactor)}`,
    `expectancy        ${fmt(m.expectancy)}`,
    `max drawdown      ${fmt(m.maxDrawdownPercent)} % over ${m.maxDrawdownDurationCandles} candles${m.maxDrawdownRecovered ? '' : ' (not recovered)'}`,
    `sharpe            ${fmt(m.sharpe)}`,
    `sortino           ${m.sortino === null ? 'n/a (no negative return)' : fmt(m.sortino)}`,
    `exposure          ${fmt(m.exposurePercent, 1)} %`,
    `fees paid         ${fmt(m.feesPaid)}`,
    '',
    `trades (${r.trades.length}):`,
    ...r.trades.map(
      (t) =>
        `  ${iso(t.entryTime)} @ ${t.entryPrice.toFixed(2)} -> ${iso(t.exitTime)} @ ${t.exitPrice.toFixed(2)}  qty ${t.quantity.toPrecision(6)}  pnl ${t.pnl.toFixed(2)} (${t.pnlPercent.toFixed(2)} %)  ${t.reason}`,
    ),
    `vetoes (${r.vetoes.length}):`,
    ...r.vetoes.map((v) => `  ${iso(v.time)} ${v.kind} ${v.rule}: ${v.detail}`),
  ];
  return `${lines.join('\n')}\n`;
}

/** --fee, --slippage-bps and --capital as backtest settings. */
export function settingsOption(args: ParsedArgs): BacktestSettings {
  const slippageBps = numberOption(args, '--slippage-bps') ?? 5;
  const settings = BacktestSettings.safeParse({
    feeRate: numberOption(args, '--fee') ?? 0.001,
    slippage: slippageBps / 10_000,
    initialCapital: numberOption(args, '--capital') ?? 10_000,
  });
  if (!settings.success) {
    const option = { feeRate: '--fee', slippage: '--slippage-bps', initialCapital: '--capital' };
    const issue = settings.error.issues[0]!;
    const name = option[issue.path[0] as keyof typeof option] ?? String(issue.path[0]);
    throw new CliUsageError(`${name}: ${issue.message}${name === '--slippage-bps' ? ' (500 bps)' : ''}`);
  }
  return settings.data;
}

export async function backtest(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, SPEC);
  const strategyFile = single(args, '--strategy');
  if (strategyFile === undefined) throw new CliUsageError('--strategy FILE.json is required');
  const candleFile = single(args, '--candles');
  const exchange = single(args, '--exchange');
  if ((candleFile === undefined) === (exchange === undefined)) {
    throw new CliUsageError('give either --candles FILE.csv or --exchange ID (with --symbol, --timeframe, --days)');
  }
  const settings = settingsOption(args);
  const from = timeOption(args, '--from');
  const to = timeOption(args, '--to');
  if (from !== undefined && to !== undefined && to <= from) throw new CliUsageError('--to must be after --from');
  const strategy = loadStrategy(strategyFile);
  const { gate, risk } = riskGate(args);
  let symbol: string | undefined;
  let columns: OhlcvColumns;
  if (candleFile !== undefined) {
    symbol = single(args, '--symbol');
    columns = inRange(csvCandles(candleFile, strategy), from, to);
  } else {
    const stored = await storeCandles(args, io, strategy, from, to);
    symbol = stored.symbol;
    columns = inRange(stored.columns, from, to);
  }
  if (columns.length === 0) throw new CliDataError('there are no candles in the chosen range');
  const result = runBacktest({ strategy, candles: columns, symbol, settings, gate });
  io.stdout.write(args.flags.has('--json') ? `${JSON.stringify(backtestJson(result, risk))}\n` : report(result, risk));
  return 0;
}
