import type { StrategyDefinition } from '../../../shared/domain/strategy.js';
import { systemClock } from '../../adapters/clock/system-clock.js';
import { createSweepPool, defaultWorkers } from '../../adapters/workers/sweep-pool.js';
import { createRedisExecutor } from '../../adapters/workers/sweep-queue.js';
import { OBJECTIVES, type Constraints, type Objective } from '../../engine/optimize/objectives.js';
import { planSets, runOptimisation, windowCount } from '../../engine/optimize/plan.js';
import { gridSize, parseRanges, RangeSpecError } from '../../engine/optimize/ranges.js';
import { parameterSpace } from '../../engine/optimize/space.js';
import {
  SweepCancelledError,
  type SweepConfig,
  type SweepExecutor,
  type SweepProgress,
} from '../../engine/optimize/sweep.js';
import { parseWalkForward, WalkForwardSpecError, type WalkForwardSpec } from '../../engine/optimize/walk-forward.js';
import type { OhlcvColumns } from '../../engine/strategy/columns.js';
import { CliUsageError, parseArgs, single, type ParsedArgs } from '../args.js';
import type { CliIo } from '../io.js';
import { csvCandles, inRange, numberOption, riskOption, settingsOption, storeCandles, timeOption } from './backtest.js';
import { CliDataError, loadDefinition } from './input-files.js';
import { sweepJson, sweepText, walkForwardText } from './optimize-report.js';
import { openSweepStore, storedArgv } from './optimize-store.js';

export const OPTIMIZE_USAGE = `optimize --strategy FILE.json (--candles FILE.csv | --exchange ID --symbol S [--timeframe T] [--days N])
         --param NAME=START:END:STEP|V1,V2,... [--param ...] [--objective sharpe]
         [--method grid|random] [--samples N] [--seed S] [--min-trades N] [--max-drawdown PCT]
         [--walk-forward is=60d,oos=15d[,step=15d][,anchored]] [--workers N] [--redis URL]
         [--fee 0.001] [--slippage-bps 5] [--capital 10000] [--risk default|off|FILE.json]
         [--from ISO] [--to ISO] [--top 10] [--list] [--json] [--data-dir DIR]
    Sweeps a strategy's parameters: every set is backtested exactly as the backtest command
    would (same fees, slippage and risk gate), on all cores.
    --list          prints the strategy's parameter names with their values and stops
    --param         a parameter and its values (names as --list prints them, see the README)
    --objective     ${OBJECTIVES.join(', ')}
    --method        grid: every combination (default); random: --samples N of them, drawn with --seed
    --min-trades, --max-drawdown   sets outside these are ranked after the others and never chosen
    --walk-forward  optimise on each in-sample window, run the best set on the next out-of-sample
                    window, and report the stitched out-of-sample result first
    --workers       worker threads (default: one per core)
    --redis         run the chunks as BullMQ jobs on this Redis (start workers there with
                    npm run worker -- --redis URL) instead of this machine's threads
    --json          one JSON object (with --walk-forward: the walk-forward result)`;

const SPEC = {
  values: [
    '--candles',
    '--strategy',
    '--param',
    '--objective',
    '--method',
    '--samples',
    '--seed',
    '--min-trades',
    '--max-drawdown',
    '--walk-forward',
    '--workers',
    '--redis',
    '--top',
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
    '--resume',
  ],
  flags: ['--json', '--list'],
} as const;

function wholeOption(args: ParsedArgs, name: string, min: number): number | undefined {
  const v = numberOption(args, name);
  if (v !== undefined && (!Number.isInteger(v) || v < min))
    throw new CliUsageError(`${name} must be a whole number of at least ${min}`);
  return v;
}

function objectiveOption(args: ParsedArgs): Objective {
  const text = single(args, '--objective') ?? 'sharpe';
  const found = OBJECTIVES.find((o) => o.toLowerCase() === text.toLowerCase());
  if (!found) throw new CliUsageError(`--objective must be one of ${OBJECTIVES.join(', ')}, not "${text}"`);
  return found;
}

async function loadCandles(args: ParsedArgs, io: CliIo, strategy: StrategyDefinition): Promise<OhlcvColumns> {
  const candleFile = single(args, '--candles');
  const exchange = single(args, '--exchange');
  if ((candleFile === undefined) === (exchange === undefined)) {
    throw new CliUsageError('give either --candles FILE.csv or --exchange ID (with --symbol, --timeframe, --days)');
  }
  const from = timeOption(args, '--from');
  const to = timeOption(args, '--to');
  if (from !== undefined && to !== undefined && to <= from) throw new CliUsageError('--to must be after --from');
  const columns =
    candleFile !== undefined
      ? inRange(csvCandles(candleFile, strategy), from, to)
      : inRange((await storeCandles(args, io, strategy, from, to)).columns, from, to);
  if (columns.length === 0) throw new CliDataError('there are no candles in the chosen range');
  return columns;
}

function progressPrinter(
  io: CliIo,
  walkForward: boolean,
): (p: SweepProgress & { window?: number; windows?: number }) => void {
  let lastTenth = -1;
  let lastWindow = -1;
  return (p) => {
    if (p.total === 0) return;
    const tenth = Math.floor((p.done / p.total) * 10);
    if (tenth === lastTenth && p.window === lastWindow) return;
    lastTenth = tenth;
    lastWindow = p.window ?? -1;
    const where = walkForward && p.windows !== undefined ? `window ${p.window! + 1}/${p.windows}: ` : '';
    const eta = p.etaMs === null ? '' : `, about ${Math.ceil(p.etaMs / 1000)} s left`;
    io.stderr.write(`${where}${p.done}/${p.total} sets, ${p.setsPerSecond.toFixed(1)} sets/s${eta}\n`);
  };
}

/** How a sweep runs and prints, not what it computes: not stored with it, given again on --resume. */
const RUN_OPTIONS = new Set(['--json', '--workers', '--redis', '--top', '--data-dir', '--resume']);

/** argv without (keep = false) or with only (keep = true) the RUN_OPTIONS. */
function splitArgv(argv: readonly string[], keep: boolean): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const name = arg.includes('=') ? arg.slice(0, arg.indexOf('=')) : arg;
    const takesValue = !arg.includes('=') && (SPEC.values as readonly string[]).includes(name);
    const part = takesValue && i + 1 < argv.length ? [arg, argv[++i]!] : [arg];
    if (RUN_OPTIONS.has(name) === keep) out.push(...part);
  }
  return out;
}

export async function optimize(argv: readonly string[], io: CliIo): Promise<number> {
  let args = parseArgs(argv, SPEC);
  const resume = single(args, '--resume') ?? null;
  const sweepArgv = resume === null ? splitArgv(argv, false) : storedArgv(args, io, resume);
  if (resume !== null) args = parseArgs([...sweepArgv, ...splitArgv(argv, true)], SPEC);
  const strategyFile = single(args, '--strategy');
  if (strategyFile === undefined) throw new CliUsageError('--strategy FILE.json is required');
  const strategy = loadDefinition(strategyFile);
  const space = parameterSpace(strategy);
  if (args.flags.has('--list')) {
    const lines = space.parameters.map((p) => `  ${p.name} = ${p.value}${p.integer ? ' (whole numbers)' : ''}`);
    io.stdout.write(`parameters of ${strategy.name}:\n${lines.join('\n')}\n`);
    return 0;
  }
  const json = args.flags.has('--json');
  const objective = objectiveOption(args);
  const constraints: Constraints = {
    minTrades: wholeOption(args, '--min-trades', 0),
    maxDrawdownPercent: numberOption(args, '--max-drawdown'),
  };
  const method = single(args, '--method') ?? 'grid';
  if (method !== 'grid' && method !== 'random')
    throw new CliUsageError(`--method must be grid or random, not "${method}"`);
  let ranges;
  let walkForward: WalkForwardSpec | null = null;
  try {
    ranges = parseRanges(args.values.get('--param') ?? [], space.parameters);
    const wf = single(args, '--walk-forward');
    if (wf !== undefined) walkForward = parseWalkForward(wf);
  } catch (error) {
    if (error instanceof RangeSpecError || error instanceof WalkForwardSpecError)
      throw new CliUsageError(error.message);
    throw error;
  }
  const samples = wholeOption(args, '--samples', 1);
  if (method === 'random' && samples === undefined) throw new CliUsageError('--method random needs --samples N');
  let sets;
  try {
    sets = planSets(ranges, method, samples, wholeOption(args, '--seed', 0) ?? 1);
  } catch (error) {
    throw error instanceof RangeSpecError ? new CliUsageError(error.message) : error;
  }
  const settings = settingsOption(args);
  const risk = riskOption(args);
  const columns = await loadCandles(args, io, strategy);
  const top = wholeOption(args, '--top', 1) ?? 10;
  const config: SweepConfig = {
    strategy,
    settings,
    risk: risk.settings,
    accounting: 'exact',
    shareSeries: true,
    blocks: 12,
  };
  const redis = single(args, '--redis');
  const workers = wholeOption(args, '--workers', 1) ?? defaultWorkers();
  const executor: SweepExecutor & { close(): Promise<void> } =
    redis !== undefined
      ? await createRedisExecutor({ url: redis, columns, config })
      : createSweepPool({ columns, config, workers });
  const onProgress = progressPrinter(io, walkForward !== null);
  const started = systemClock.now();
  const windows = windowCount(columns, strategy, walkForward);
  const store = openSweepStore(args, io, {
    resume,
    argv: sweepArgv,
    strategyName: strategy.name,
    total: sets.length * windows,
    columns,
    now: started,
  });
  io.stderr.write(
    `sweep ${store.id}${resume ? ' resumed' : ''} (if interrupted: npm run cli -- optimize --resume ${store.id})\n`,
  );
  const controller = new AbortController();
  const interrupt = () => controller.abort();
  process.once('SIGINT', interrupt);
  const signal = controller.signal;
  const head = `${strategy.name} on ${strategy.symbols[0]} ${strategy.timeframe}: ${columns.length} candles; ${method} search over ${sets.length} of ${gridSize(ranges)} sets, objective ${objective}`;
  try {
    const outcome = await runOptimisation({
      executor,
      columns,
      strategy,
      ranges,
      sets,
      objective,
      constraints,
      walkForward,
      initialCapital: settings.initialCapital,
      store: { done: (k) => store.done(k), add: (k, r) => store.add(k, r) },
      onProgress,
      signal,
      clock: systemClock,
    });
    store.finish('DONE');
    if (outcome.kind === 'sweep') {
      const summary = outcome.summary;
      const seconds = (systemClock.now() - started) / 1000;
      if (json) {
        io.stdout.write(
          `${JSON.stringify({ strategy: strategy.name, candles: columns.length, sweepId: store.id, method, objective, constraints, risk: risk.risk, ranges, seconds, ...sweepJson(summary, top) })}\n`,
        );
      } else {
        io.stdout.write(
          `${[head, `sweep ${store.id}: ${redis ? 'redis' : `${workers} workers`}, ${seconds.toFixed(1)} s`, ...sweepText(summary, ranges, objective, top)].join('\n')}\n`,
        );
      }
      return 0;
    }
    const summary = outcome.summary;
    if (json) {
      io.stdout.write(
        `${JSON.stringify({ strategy: strategy.name, candles: columns.length, sweepId: store.id, method, objective, constraints, risk: risk.risk, ranges, walkForward: { ...walkForward, ...summary } })}\n`,
      );
    } else {
      io.stdout.write(`${[head, ...walkForwardText(summary, ranges), '', `sweep ${store.id}`].join('\n')}\n`);
    }
    return 0;
  } catch (error) {
    if (error instanceof SweepCancelledError) {
      store.finish('CANCELLED', 'interrupted');
      io.stderr.write(
        `interrupted: the results so far are stored; continue with npm run cli -- optimize --resume ${store.id}\n`,
      );
      return 1;
    }
    store.finish('FAILED', error instanceof Error ? error.message : String(error));
    throw error;
  } finally {
    process.off('SIGINT', interrupt);
    store.close();
    await executor.close();
  }
}
