/**
 * The daily loss limit and the drawdown, watched: equity is marked on every portfolio change (at
 * most once a second) and every few seconds, fed to the pure markEquity, and the tracker is
 * persisted so the peak and the start of the day survive a restart. A breach engages the kill
 * switch (settings.lossLimitMode, by daily_loss or drawdown). There is one tracker per venue (a
 * paper account's loss is not the live account's), each for its UTC day, all persisted together
 * (the loss_tracker row holds { venues: { [venue]: snapshot } }): switching the trading mode away
 * and back, or restarting, continues the same day's figures; a limit cannot be reset by a switch.
 */
import { LossTrackerSnapshot, type RiskSettings } from '../../../../shared/domain/risk.js';
import type { Clock } from '../../../engine/clock.js';
import type { Decimal } from '../../../engine/money/decimal.js';
import {
  lossTrackerFromSnapshot,
  lossTrackerToSnapshot,
  markEquity,
  rebaseAfterRearm,
  startLossTracker,
  type EngageRequest,
  type LossTrackerState,
} from '../../../engine/risk/index.js';
import type { Scheduler, TimerHandle } from '../../../engine/scheduler.js';
import type { Logger } from '../../../logging/types.js';
import type { RiskRepo } from '../../../persistence/repositories/risk-repo.js';

export type EquityReading = { venue: string; currency: string; equity: Decimal };

export type LossMonitor = {
  state(): LossTrackerState | null;
  /** Marks the equity now (what the timer and portfolio changes call). */
  mark(): Promise<void>;
  /** Asks for a mark soon (coalesced: at most one a second). */
  nudge(): void;
  /** After a re-arm: breached measures restart from the current equity. */
  rebase(): Promise<void>;
  start(): void;
  stop(): void;
};

const NUDGE_MS = 1_000;

export function createLossMonitor(d: {
  repo: RiskRepo;
  clock: Clock;
  scheduler: Scheduler;
  logger: Logger;
  settings: () => RiskSettings;
  equity: () => Promise<EquityReading | null>;
  engage: (request: EngageRequest) => void;
  onMarked: () => void;
  intervalMs?: number;
  /** The active venue: state() answers its tracker, even before the first mark after a switch. */
  orders?: { status(): { venue: string } };
}): LossMonitor {
  const intervalMs = d.intervalMs ?? 5_000;
  const trackers = new Map<string, LossTrackerState>();
  const stored = d.repo.lossTracker() as
    { venue?: unknown; snapshot?: unknown; active?: unknown; venues?: Record<string, unknown> } | undefined;
  // Earlier versions kept one { venue, snapshot }: it becomes that venue's entry.
  const entries: [string, unknown][] = stored?.venues
    ? Object.entries(stored.venues)
    : typeof stored?.venue === 'string'
      ? [[stored.venue, stored.snapshot]]
      : [];
  for (const [name, snapshot] of entries) {
    const parsed = LossTrackerSnapshot.safeParse(snapshot);
    if (parsed.success) trackers.set(name, lossTrackerFromSnapshot(parsed.data));
    else d.logger.warn('risk', `the stored loss figures of ${name} cannot be read: they start again`);
  }
  let venue: string | null =
    typeof stored?.venue === 'string' ? stored.venue : typeof stored?.active === 'string' ? stored.active : null;
  let tracker: LossTrackerState | null = venue === null ? null : (trackers.get(venue) ?? null);
  let timer: TimerHandle | null = null;
  let nudged: TimerHandle | null = null;
  let running = false;
  let marking: Promise<void> | null = null;
  let rebasePending = false;

  function save(): void {
    if (!tracker || venue === null) return;
    trackers.set(venue, tracker);
    const venues = Object.fromEntries([...trackers].map(([name, t]) => [name, lossTrackerToSnapshot(t)]));
    try {
      d.repo.saveLossTracker({ active: venue, venues }, d.clock.now());
    } catch (error) {
      d.logger.error('risk', 'the loss tracker could not be saved', { error });
    }
  }

  async function markNow(): Promise<void> {
    const reading = await d.equity().catch(() => null);
    if (!reading) return;
    const now = d.clock.now();
    if (venue !== reading.venue) {
      // Back on a venue: its own figures continue (the day rolls in markEquity if it changed).
      venue = reading.venue;
      tracker = trackers.get(venue) ?? null;
    }
    if (!tracker || tracker.currency !== reading.currency) {
      d.logger.info(
        'risk',
        `loss tracking starts for ${reading.venue} at ${reading.equity.toString()} ${reading.currency}`,
      );
      tracker = startLossTracker(reading.equity, now, reading.currency);
      save();
      d.onMarked();
      return;
    }
    if (rebasePending) {
      // Re-armed: each breached measure restarts here, or the next mark would engage the switch again.
      rebasePending = false;
      tracker = rebaseAfterRearm(tracker, reading.equity, now, d.settings());
      save();
      d.onMarked();
      return;
    }
    const result = markEquity(tracker, reading.equity, now, d.settings());
    tracker = result.state;
    save();
    d.onMarked();
    if (result.engage) d.engage(result.engage);
  }

  function mark(): Promise<void> {
    // One mark at a time: a slow book read never overlaps the next one; a rebase waits its turn.
    const safe = () => markNow().catch((error: unknown) => d.logger.error('risk', 'an equity mark failed', { error }));
    const next: Promise<void> = (marking ?? Promise.resolve()).then(safe).finally(() => {
      if (marking === next) marking = null;
    });
    marking = next;
    return next;
  }

  function tick(): void {
    if (!running) return;
    timer = d.scheduler.setTimeout(() => {
      void mark().finally(tick);
    }, intervalMs);
  }

  return {
    state() {
      const active = d.orders?.status().venue;
      if (active === undefined || active === venue) return tracker;
      return trackers.get(active) ?? null;
    },
    mark,
    nudge() {
      if (!running || nudged !== null) return;
      nudged = d.scheduler.setTimeout(() => {
        nudged = null;
        void mark();
      }, NUDGE_MS);
    },
    rebase() {
      rebasePending = true;
      return mark();
    },
    start() {
      if (running) return;
      running = true;
      void mark();
      tick();
    },
    stop() {
      running = false;
      for (const t of [timer, nudged]) if (t !== null) d.scheduler.clearTimeout(t);
      timer = nudged = null;
    },
  };
}
