/**
 * The risk service: the one gate every order passes (gate.ts), the persisted settings, the kill
 * switch (kill-switch-control.ts + sweep.ts), the loss limits (loss-monitor.ts), protect mode,
 * the dead man's switch (dead-man.ts) and the Risk tab's overview and veto log.
 */
import type { FeedStatus } from '../../../../shared/domain/market.js';
import {
  KillSwitchState as KillSwitchStateSchema,
  type KillSwitchCause,
  type KillSwitchState,
  type ProtectState,
  type RiskSettings,
  type Veto,
} from '../../../../shared/domain/risk.js';
import {
  FLATTEN_CONFIRMATION,
  VetoQuery,
  type KillSwitchEngageInput,
  type KillSwitchEngageResult,
  type KillSwitchProgress,
  type RiskOverview,
  type AccountHolding,
  type ProtectionStatus,
  type RiskSettingsPatch,
  type VetoRecord,
  type WakeState,
} from '../../../../shared/domain/risk-view.js';
import { AppError } from '../../../../shared/ipc/envelope.js';
import { systemClock } from '../../../adapters/clock/system-clock.js';
import type { Clock } from '../../../engine/clock.js';
import {
  applyProtectEvent,
  describeKillSwitch,
  initialProtectState,
  type ProtectEvent,
} from '../../../engine/risk/index.js';
import type { Scheduler } from '../../../engine/scheduler.js';
import type { Logger } from '../../../logging/types.js';
import type { Database } from '../../../persistence/database.js';
import { createRiskRepo } from '../../../persistence/repositories/risk-repo.js';
import type { AuditRecorder } from '../audit-service.js';
import type { OrderService } from '../orders/order-service.js';
import type { RiskGate, RiskIntent } from '../orders/risk-gate.js';
import { readAccount } from './account.js';
import { createAtrCache } from './atr-cache.js';
import { createDeadManSwitch } from './dead-man.js';
import { createGate } from './gate.js';
import { createKillSwitchControl } from './kill-switch-control.js';
import { createLossMonitor } from './loss-monitor.js';
import { buildOverview } from './overview.js';
import type { RiskEvents, RiskMarket, StopStrategies } from './ports.js';
import { createRiskSettingsStore } from './settings-store.js';
import { createAccountHoldings } from './account-holdings.js';
import { describeProtection } from './protection.js';
import { createKillSwitchActions } from './sweep.js';
import { createClockGapWatch, createWakeWatch } from './wake.js';

export type PowerEventKind = 'suspend' | 'resume' | 'lock-screen' | 'unlock-screen';

export type RiskService = {
  /** The order manager's gate (inject it as OrdersConfig.riskGate). */
  gate: RiskGate;
  settings(): RiskSettings;
  updateSettings(patch: RiskSettingsPatch): RiskSettings;
  overview(): Promise<RiskOverview>;
  vetoes(query: VetoQuery): VetoRecord[];
  killSwitch(): KillSwitchState;
  /** The kill switch's cancels after engage() answered: n of m confirmed, k retried, orders placed outside the app. */
  killSwitchProgress(): KillSwitchProgress;
  engage(input: KillSwitchEngageInput, by?: KillSwitchCause): Promise<KillSwitchEngageResult>;
  rearm(input: { confirm: string; note?: string }): KillSwitchState;
  /** From Electron's powerMonitor (electron/main); 'resume' reconciles the venue before strategies act again. */
  onPowerEvent(kind: PowerEventKind): void;
  /** The last wake from sleep (or clock jump) and what changed meanwhile; null if none yet. */
  wakeState(): WakeState | null;
  /** What the account holds (LIVE: from the exchange), with the entry prices known. */
  holdings(): AccountHolding[];
  /** Reads the LIVE account's balances now. */
  refreshAccount(): Promise<void>;
  /** Where the protective orders live now (the choice, engine-held and native stops). */
  protection(): ProtectionStatus;
  onNetwork(kind: 'lost' | 'restored'): void;
  /** The market feed's status: 'down' means the network is lost, 'live' that it is back. */
  onFeedStatus(status: FeedStatus): void;
  /** The portfolio changed (a fill): mark the equity soon. */
  onPortfolioChanged(): void;
  /** Registers what stops the running strategies when the kill switch engages; returns the unregister. */
  onStopStrategies(stop: StopStrategies): () => void;
  /** Marks the equity now (tests, benchmarks). */
  markEquity(): Promise<void>;
  /** Loads state, re-applies an engaged kill switch, starts the timers. */
  start(): void;
  /** Stops the timers and disarms the dead man's switch; call before the order service closes. */
  close(): Promise<void>;
};

export type RiskServiceDeps = {
  db: Database;
  clock: Clock;
  scheduler: Scheduler;
  logger: Logger;
  audit: AuditRecorder;
  orders: OrderService;
  market: RiskMarket;
  events: RiskEvents;
  /** Timers: the CLI poll (1 s), equity marks (5 s), the dead man's heartbeat (15 s) and its timeout (60 s). */
  timing?: {
    pollMs?: number;
    markMs?: number;
    heartbeatMs?: number;
    deadManTimeoutMs?: number;
    /** The clock-gap watch: its tick (5 s) and the lateness that counts as a wake (60 s). */
    clockTickMs?: number;
    clockGapMs?: number;
  };
};

const POWER: Record<PowerEventKind, ProtectEvent> = {
  suspend: 'suspend',
  resume: 'resume',
  'lock-screen': 'lock_screen',
  'unlock-screen': 'unlock_screen',
};

export function createRiskService(d: RiskServiceDeps): RiskService {
  const repo = createRiskRepo(d.db);
  const updated = (reason: 'veto' | 'settings' | 'equity' | 'protect' | 'dead_man' | 'wake', detail?: string) =>
    d.events.updated({ reason, at: d.clock.now(), ...(detail === undefined ? {} : { detail }) });
  const settings = createRiskSettingsStore({ ...d, repo, onChange: () => updated('settings') });
  const atr = createAtrCache(d.market, d.clock);
  const strategies = new Set<StopStrategies>();
  let protect: ProtectState = initialProtectState();
  const holdings = createAccountHoldings(d);
  const actions = createKillSwitchActions({
    ...d,
    strategies: () => [...strategies],
    async positions(s) {
      if (s.mode === 'LIVE') await holdings.refresh();
      return holdings.positions(s);
    },
    onProgress: (progress) => d.events.progress?.(progress),
  });
  let unexplain: (() => void) | null = null;
  let unnative: (() => void) | null = null;
  const ks = createKillSwitchControl({
    ...d,
    repo,
    actions,
    pollMs: d.timing?.pollMs,
    onChange: (state) => d.events.killSwitch(state),
    onRearmed: () => void loss.rebase(),
  });
  const loss = createLossMonitor({
    ...d,
    repo,
    settings: settings.get,
    intervalMs: d.timing?.markMs,
    async equity() {
      const s = d.orders.session();
      if (!s) return null;
      const a = await readAccount(s, d.market, {}, s.mode === 'LIVE' ? holdings.positions(s) : undefined);
      return { venue: a.venue, currency: a.currency, equity: a.equity };
    },
    engage: (request) => void ks.engage({ mode: request.mode, reason: request.reason, by: request.by }),
    onMarked: () => updated('equity'),
  });
  const deadMan = createDeadManSwitch({
    ...d,
    protection: () => settings.get().liveProtection,
    intervalMs: d.timing?.heartbeatMs,
    timeoutMs: d.timing?.deadManTimeoutMs,
    onChange: () => updated('dead_man'),
  });
  const wake = createWakeWatch({
    ...d,
    refresh: () => holdings.refresh(),
    onChange: (detail) => updated('wake', detail),
  });
  const clockGap = createClockGapWatch({
    ...d,
    tickMs: d.timing?.clockTickMs,
    gapMs: d.timing?.clockGapMs,
    onGap: (why) => void wake.wake(why),
  });
  const gate = createGate({
    ...d,
    holdings,
    session: () => d.orders.session(),
    atr,
    state: {
      settings: settings.get,
      killSwitch: ks.state,
      protect: () => protect,
      lossTracker: loss.state,
      waking: () => wake.blocking(),
    },
    onVeto: (veto: Veto, intent: RiskIntent) => {
      try {
        repo.addVeto({
          at: veto.at,
          rule: veto.rule,
          message: veto.message,
          details: veto.details,
          symbol: intent.symbol,
          side: intent.side,
          type: intent.type,
          quantity: intent.quantity.toString(),
          price: (intent.price ?? intent.stopPrice)?.toString() ?? null,
          origin: intent.origin,
          venue: intent.venue,
        });
      } catch (error) {
        d.logger.error('risk', 'a veto could not be added to the veto log', { error });
      }
      updated('veto');
    },
  });

  function protectionStatus(): ProtectionStatus {
    return describeProtection(d.orders.session(), settings.get().liveProtection);
  }

  function protectEvent(event: ProtectEvent): void {
    const t = applyProtectEvent(protect, event, d.clock.now(), settings.get().protect, ks.state());
    if (t.state === protect) return;
    protect = t.state;
    d.logger.warn('risk', `protect mode: ${event.replace('_', ' ')}; entries ${t.frozen ? 'frozen' : 'allowed'}`);
    updated('protect');
    if (t.engageKillSwitch) void ks.engage({ ...t.engageKillSwitch });
  }

  return {
    gate: gate.gate,
    settings: settings.get,
    updateSettings: (patch) => settings.update(patch),
    overview: () =>
      buildOverview({
        now: d.clock.now(),
        session: d.orders.session(),
        market: d.market,
        atr,
        settings: settings.get(),
        killSwitch: ks.state(),
        protect,
        tracker: loss.state(),
        recentOrderTimes: gate.recentOrderTimes(),
        deadMan: deadMan.status(),
        wake: wake.state(),
        holdings: holdings.view(d.orders.session(), settings.get().holdingEntries),
        quantities: (s) => (s.mode === 'LIVE' ? holdings.positions(s) : undefined),
        protection: protectionStatus(),
      }),
    vetoes(query) {
      const q = VetoQuery.parse(query);
      return repo.vetoes(q.limit, q.beforeId).map((v) => ({
        id: v.id,
        at: v.at,
        rule: v.rule as VetoRecord['rule'],
        message: v.message,
        details: v.details,
        order: {
          symbol: v.symbol,
          side: v.side,
          type: v.type,
          quantity: v.quantity,
          price: v.price,
          origin: v.origin,
          venue: v.venue,
        },
      }));
    },
    killSwitch: () => KillSwitchStateSchema.parse(ks.state()),
    killSwitchProgress: () => actions.progress(),
    async engage(input, by = 'user') {
      if (input.mode === 'FLATTEN' && by === 'user' && input.confirm !== FLATTEN_CONFIRMATION) {
        throw new AppError(
          'invalid_input',
          `confirm: FLATTEN sells every position at market; to go ahead, confirm with "${FLATTEN_CONFIRMATION}"`,
        );
      }
      return ks.engage({ mode: input.mode, reason: input.reason ?? `engaged by the ${by}`, by });
    },
    rearm: (input) => ks.rearm(input),
    onPowerEvent(kind) {
      protectEvent(POWER[kind]);
      if (kind === 'resume') void wake.wake('the machine woke from sleep');
    },
    wakeState: () => wake.state(),
    holdings: () => holdings.view(d.orders.session(), settings.get().holdingEntries),
    protection: protectionStatus,
    refreshAccount: () => holdings.refresh(),
    onNetwork: (kind) => protectEvent(kind === 'lost' ? 'network_lost' : 'network_restored'),
    onFeedStatus(status) {
      if (status.state === 'down') protectEvent('network_lost');
      else if (status.state === 'live' && protect.networkLost) protectEvent('network_restored');
    },
    onPortfolioChanged: () => loss.nudge(),
    onStopStrategies(stop) {
      strategies.add(stop);
      return () => strategies.delete(stop);
    },
    markEquity: () => loss.mark(),
    start() {
      // trading.status.halted names the kill switch while it is engaged (exits still pass its gate).
      unnative ??= d.orders.useNativeStops(() => settings.get().liveProtection === 'native_stops');
      unexplain ??= d.orders.explainHalt(() => {
        const state = ks.state();
        return state.engaged
          ? `${describeKillSwitch(state)}: new entries are refused, orders that reduce a position are allowed; re-arm it in the Risk tab`
          : null;
      });
      ks.start();
      // A test's manual clock jumps by design: only the wall clock (or a test that asks) is watched.
      if (d.clock === systemClock || d.timing?.clockGapMs !== undefined) clockGap.start();
      holdings.start();
      loss.start();
      deadMan.start();
    },
    async close() {
      unexplain?.();
      unexplain = null;
      unnative?.();
      unnative = null;
      ks.close();
      clockGap.stop();
      holdings.stop();
      loss.stop();
      await deadMan.close();
    },
  };
}
