/**
 * The AI advisor (paper and simulator only). On the user's schedule, and on demand, it sends
 * Claude the market state of the watched symbols, the portfolio and the open orders (one request,
 * the `decide` tool forced), and carries out the decisions through the order service, so every
 * BUY and SELL passes the risk gate. Each request's cost is recorded; once today's cost reaches
 * the daily budget it asks nothing more until the next UTC day. It never calls Claude in LIVE
 * mode, without an Anthropic key, while the kill switch is engaged, or when switched off.
 * A pass is bound to the venue it started on: its orders carry that venue (the order service
 * refuses them anywhere else), and a trading-mode switch cancels a pass in flight (cancel()).
 */
import type { Message, MessageCreateParamsNonStreaming } from '@anthropic-ai/sdk/resources/messages/messages';
import {
  AdvisorSettings,
  type AdvisorDecision,
  type AdvisorSettingsPatch,
  type AdvisorStatus,
} from '../../../../../shared/domain/ai.js';
import type { z } from 'zod';
import type { MarketInfo } from '../../../../../shared/domain/market.js';
import type { OrderRequestInput, OrderView } from '../../../../../shared/domain/orders.js';
import type { Settings, TradingMode } from '../../../../../shared/domain/settings.js';
import { AppError } from '../../../../../shared/ipc/envelope.js';
import type { Clock } from '../../../../engine/clock.js';
import { createPeriodicTask, type Scheduler } from '../../../../engine/scheduler.js';
import type { Logger } from '../../../../logging/types.js';
import type { AdvisorRepo } from '../../../../persistence/repositories/advisor-repo.js';
import type { AuditRecorder } from '../../audit-service.js';
import type { SubmitOrigin } from '../../orders/submit.js';
import { buildAdvisorRequest, parseDecisions } from './advisor-prompt.js';
import { blockedReason, DAY_MS, utcDayStart } from './blocked.js';
import { recordDecisions, type Proposal } from './record-decisions.js';
import { buildMarketState, type AdvisorMarket, type AdvisorOrders } from './market-state.js';

/** One Messages API call (the SDK's messages.create with the key from the secret store). */
export type CreateMessage = (params: MessageCreateParamsNonStreaming, signal: AbortSignal) => Promise<Message>;

export type AdvisorDeps = {
  clock: Clock;
  scheduler: Scheduler;
  logger: Logger;
  audit: AuditRecorder;
  repo: AdvisorRepo;
  settings: { get(): Settings; setInternal(patch: Partial<Settings>): Settings };
  market: AdvisorMarket & { overview(): Promise<{ markets: MarketInfo[] }> };
  orders: AdvisorOrders & {
    submit(request: OrderRequestInput, origin: SubmitOrigin): Promise<OrderView>;
    status(): { mode: TradingMode; venue: string };
  };
  killSwitchEngaged(): boolean;
  keyConfigured(): Promise<boolean>;
  createMessage: CreateMessage;
  /** The estimated cost in USD of a request's tokens with the model. */
  costUsd(model: string, usage: { input_tokens: number; output_tokens: number }): number;
  emit(decision: AdvisorDecision): void;
  newId(): string;
  /** An arena advisor's instructions from the trader (none for the Settings advisor). */
  instructions?: string;
};

export type AdvisorService = {
  status(): Promise<AdvisorStatus>;
  update(patch: z.infer<typeof AdvisorSettingsPatch>): Promise<AdvisorStatus>;
  /** Asks Claude now; refused (forbidden) with the reason when the advisor is blocked. */
  runNow(): Promise<AdvisorDecision[]>;
  decisions(limit: number): AdvisorDecision[];
  /** Starts the schedule if the advisor is on. */
  start(): void;
  /** Cancels the pass in flight, if any (its request is aborted and recorded as ERROR with `reason`); resolves when it has ended. */
  cancel(reason: string): Promise<void>;
  /** Stops the schedule and cancels a request in flight. */
  close(): Promise<void>;
};

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function createAdvisorService(d: AdvisorDeps): AdvisorService {
  const advisorSettings = () => d.settings.get().advisor;
  const spentToday = () => {
    const day = utcDayStart(d.clock.now());
    return d.repo.spent(day, day + DAY_MS);
  };
  let nextRunAt: number | null = null;
  let running: Promise<AdvisorDecision[]> | null = null;
  let abort = new AbortController();
  let cancelled: string | null = null;

  async function blocked(): Promise<string | null> {
    return blockedReason({
      settings: advisorSettings(),
      mode: d.orders.status().mode,
      keyConfigured: await d.keyConfigured().catch(() => false),
      killSwitchEngaged: d.killSwitchEngaged(),
      spentTodayUsd: spentToday(),
    });
  }

  /** One request and its decisions. A failed request or an unusable answer is recorded as ERROR decisions. */
  async function ask(venue: string): Promise<AdvisorDecision[]> {
    const settings = advisorSettings();
    const model = d.settings.get().aiModel;
    const state = await buildMarketState(
      { market: d.market, orders: d.orders, now: d.clock.now() },
      settings.symbols,
      settings.timeframe,
    );
    const started = d.clock.now();
    let message: Message | null = null;
    let proposal: Proposal;
    try {
      message = await d.createMessage(buildAdvisorRequest(model, settings, state, d.instructions), abort.signal);
      proposal = { decisions: parseDecisions(message) };
    } catch (error) {
      proposal = { error: abort.signal.aborted && cancelled ? cancelled : errorText(error) };
    }
    if (cancelled && !('error' in proposal)) proposal = { error: cancelled };
    const usage = message?.usage ?? { input_tokens: 0, output_tokens: 0 };
    const costUsd = message ? d.costUsd(model, usage) : 0;
    const requestId = d.repo.addRequest({
      at: d.clock.now(),
      model,
      tokensIn: usage.input_tokens,
      tokensOut: usage.output_tokens,
      costUsd,
      latencyMs: Math.max(0, d.clock.now() - started),
      error: 'error' in proposal ? proposal.error : null,
    });
    const decisions = await recordDecisions(d, { requestId, costUsd, settings, proposal, venue });
    d.logger.info(
      'ai',
      `the advisor decided: ${decisions.map((x) => `${x.symbol} ${x.action} ${x.outcome}`).join(', ')}`,
      {
        model,
        tokensIn: usage.input_tokens,
        tokensOut: usage.output_tokens,
        costUsd,
      },
    );
    return decisions;
  }

  /** Checks the conditions and asks, as one pass: a second pass waits for none, it is refused. */
  function once(onBlocked: (reason: string) => AdvisorDecision[]): Promise<AdvisorDecision[]> {
    // The venue is fixed before anything is asked: the decisions are for it and nowhere else.
    const venue = d.orders.status().venue;
    cancelled = null;
    const run = (async () => {
      const reason = await blocked();
      return reason ? onBlocked(reason) : ask(venue);
    })().finally(() => {
      running = null;
      if (abort.signal.aborted) abort = new AbortController();
      cancelled = null;
    });
    running = run;
    return run;
  }

  const task = createPeriodicTask({
    scheduler: () => d.scheduler,
    intervalMs: () => {
      const ms = advisorSettings().intervalMinutes * 60_000;
      nextRunAt = d.clock.now() + ms;
      return ms;
    },
    run: async () => {
      if (running) return;
      await once((reason) => {
        d.logger.info('ai', `the advisor skipped its scheduled run: ${reason}`);
        return [];
      });
    },
    onError: (error) => d.logger.error('ai', 'the advisor run failed', { error }),
  });

  function schedule(): void {
    task.stop();
    nextRunAt = null;
    if (advisorSettings().enabled) task.start();
  }

  async function status(): Promise<AdvisorStatus> {
    return {
      settings: advisorSettings(),
      blockedReason: await blocked(),
      spentTodayUsd: spentToday(),
      nextRunAt,
      lastRunAt: d.repo.lastRequestAt(),
    };
  }

  return {
    status,
    async update(patch) {
      const before = advisorSettings();
      const next = AdvisorSettings.parse({ ...before, ...patch });
      d.settings.setInternal({ advisor: next });
      if (next.enabled !== before.enabled || next.intervalMinutes !== before.intervalMinutes) schedule();
      return status();
    },
    async runNow() {
      if (running) {
        throw new AppError('conflict', 'the advisor is already asking Claude: its decisions appear when it answers');
      }
      return once((reason) => {
        throw new AppError('forbidden', reason);
      });
    },
    decisions: (limit) => d.repo.decisions(limit),
    start: schedule,
    async cancel(reason) {
      if (!running) return;
      cancelled = reason;
      abort.abort();
      d.logger.info('ai', `the advisor's pass in flight is cancelled: ${reason}`);
      await running.catch(() => undefined);
    },
    async close() {
      task.stop();
      nextRunAt = null;
      abort.abort();
      await running?.catch(() => undefined);
      abort = new AbortController();
    },
  };
}
