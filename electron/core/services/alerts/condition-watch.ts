/**
 * Evaluates each enabled condition alert at the close of every candle of its symbol and timeframe,
 * on the active market source (simulator, exchange or replay), with enough history for its
 * indicators. One evaluation per rule at a time; a candle is evaluated once.
 */
import type { Candle, Timeframe } from '../../../../shared/domain/market.js';
import { compileAlertCondition, conditionAtLast, type AlertCondition } from '../../../engine/alerts/condition.js';
import type { Logger } from '../../../logging/types.js';
import type { AlertRuleRow } from '../../../persistence/repositories/alert-repo.js';
import type { CandleFeed } from '../strategies/runs/candle-feed.js';
import { closedCandleWindow } from '../strategies/runs/history-window.js';
import type { MarketService } from '../market-service.js';

/** Extra candles beyond the warm-up, so that EMA-based values settle as they do on long histories. */
const SETTLE_CANDLES = 300;
const MAX_WINDOW = 5_000;

export type ConditionWatch = {
  /** Follows the enabled condition rules: subscribes new ones, drops removed or disabled ones. */
  sync(rules: readonly AlertRuleRow[]): void;
  /** Why a rule cannot be evaluated (its condition no longer checks), else null. */
  problem(ruleId: string): string | null;
  close(): void;
};

type Watched = { key: string; condition: AlertCondition; stop: () => void; busy: Promise<void> };

export function createConditionWatch(deps: {
  feed: CandleFeed;
  market: Pick<MarketService, 'candles'>;
  logger: Logger;
  /** Called with the rule id, whether the condition holds at this closed candle, and the candle. */
  onEvaluated: (ruleId: string, candle: Candle, holds: boolean) => void;
}): ConditionWatch {
  const watched = new Map<string, Watched>();
  const problems = new Map<string, string>();

  async function evaluate(ruleId: string, w: Watched, symbol: string, timeframe: Timeframe, candle: Candle) {
    const count = Math.min(MAX_WINDOW, w.condition.warmupCandles + SETTLE_CANDLES);
    const columns = await closedCandleWindow(deps.market, symbol, timeframe, candle, count);
    const { holds } = conditionAtLast(w.condition, columns);
    deps.onEvaluated(ruleId, candle, holds);
  }

  return {
    sync(rules) {
      const wanted = new Set<string>();
      for (const rule of rules) {
        if (rule.spec.kind !== 'condition' || !rule.enabled) continue;
        const { symbol, timeframe, condition: text } = rule.spec;
        const key = `${symbol}|${timeframe}|${text}`;
        wanted.add(rule.id);
        if (watched.get(rule.id)?.key === key) continue;
        watched.get(rule.id)?.stop();
        watched.delete(rule.id);
        const compiled = compileAlertCondition(text, timeframe);
        if (!compiled.ok) {
          problems.set(rule.id, `the condition no longer checks: ${compiled.errors[0]?.message ?? 'unknown error'}`);
          continue;
        }
        problems.delete(rule.id);
        const w: Watched = { key, condition: compiled.condition, stop: () => undefined, busy: Promise.resolve() };
        w.stop = deps.feed.subscribe(symbol, timeframe, (candle) => {
          w.busy = w.busy
            .then(() => evaluate(rule.id, w, symbol, timeframe, candle))
            .catch((error: unknown) =>
              deps.logger.error('system', `alert "${rule.spec.name}" could not be evaluated`, { error }),
            );
        });
        watched.set(rule.id, w);
      }
      for (const [id, w] of watched) {
        if (wanted.has(id)) continue;
        w.stop();
        watched.delete(id);
      }
      for (const id of problems.keys()) if (!wanted.has(id)) problems.delete(id);
    },
    problem: (ruleId) => problems.get(ruleId) ?? null,
    close() {
      for (const w of watched.values()) w.stop();
      watched.clear();
    },
  };
}
