/**
 * Engine events as alert occurrences: a fill, a rejected order, a risk veto, the kill switch
 * engaged or re-armed, a breaker that tripped (ATR spike, orders per minute, protect mode, the
 * exchange circuit), a strategy run stopped or paused by an error. Read from the event bus only:
 * this module observes, it never acts.
 */
import type { AlertEventKind } from '../../../../shared/domain/alerts.js';
import type { FillView, OrderView } from '../../../../shared/domain/orders.js';
import type { KillSwitchState } from '../../../../shared/domain/risk.js';
import type { Breaker, RiskUpdated, VetoRecord } from '../../../../shared/domain/risk-view.js';
import type { StrategyRunView } from '../../../../shared/domain/strategy-runs.js';
import type { EventBus } from '../../event-bus.js';

export type EventOccurrence = { kind: AlertEventKind; title: string; message: string; symbol: string | null };

export type EventSources = {
  bus: EventBus;
  latestVeto: () => VetoRecord | null;
  breakers: () => Promise<Breaker[]>;
  /** The kill switch's state when watching starts: its later changes are reported. */
  killSwitch: () => KillSwitchState;
  onOccurrence: (o: EventOccurrence) => void;
  onError: (error: unknown) => void;
};

const BREAKER_NAMES: Record<Breaker['id'], string> = {
  ATR_SPIKE: 'ATR spike breaker',
  ORDERS_PER_MINUTE: 'orders-per-minute breaker',
  PROTECT_MODE: 'protect mode',
  EXCHANGE_CIRCUIT: 'exchange circuit breaker',
};

const side = (s: string) => s.toUpperCase();

/** Subscribes to the bus; returns the unsubscribe. */
export function watchEngineEvents(s: EventSources): () => void {
  let engaged = s.killSwitch().engaged;
  const tripped = new Set<string>();
  let checking = false;
  const runErrors = new Map<string, string>();

  function checkBreakers(): void {
    if (checking) return;
    checking = true;
    s.breakers()
      .then((list) => {
        for (const b of list) {
          const key = `${b.id}:${b.symbol ?? ''}`;
          if (b.tripped && !tripped.has(key)) {
            tripped.add(key);
            s.onOccurrence({
              kind: 'circuitBreaker',
              title: `Tripped: ${BREAKER_NAMES[b.id]}${b.symbol ? ` on ${b.symbol}` : ''}`,
              message: b.detail,
              symbol: b.symbol,
            });
          } else if (!b.tripped) tripped.delete(key);
        }
      })
      .catch(s.onError)
      .finally(() => {
        checking = false;
      });
  }

  return s.bus.subscribe((name, payload) => {
    switch (name) {
      case 'orders.fill': {
        const f = payload as FillView;
        s.onOccurrence({
          kind: 'fill',
          title: `Filled: ${side(f.side)} ${f.quantity} ${f.symbol}`,
          message: `at ${f.price}, fee ${f.fee} ${f.feeCurrency} (order ${f.clientOrderId})`,
          symbol: f.symbol,
        });
        return;
      }
      case 'orders.updated': {
        const o = payload as OrderView;
        if (o.status !== 'REJECTED') return;
        s.onOccurrence({
          kind: 'rejection',
          title: `Rejected: ${side(o.side)} ${o.quantity} ${o.symbol}`,
          message: o.reason ?? 'the exchange gave no reason',
          symbol: o.symbol,
        });
        return;
      }
      case 'risk.updated': {
        const reason = (payload as RiskUpdated).reason;
        if (reason === 'veto') {
          const v = s.latestVeto();
          if (v)
            s.onOccurrence({
              kind: 'veto',
              title: `Vetoed: ${side(v.order.side)} ${v.order.quantity} ${v.order.symbol}`,
              message: v.message,
              symbol: v.order.symbol,
            });
        } else if (reason !== 'settings') checkBreakers();
        return;
      }
      case 'killSwitch.changed': {
        const k = payload as KillSwitchState;
        if (k.engaged !== engaged) {
          s.onOccurrence({
            kind: 'killSwitch',
            title: k.engaged ? `Kill switch engaged (${k.mode ?? 'FREEZE'})` : 'Kill switch re-armed: trading allowed',
            message: k.engaged ? (k.reason ?? 'no reason given') : 'entries are allowed again',
            symbol: null,
          });
        }
        engaged = k.engaged;
        checkBreakers();
        return;
      }
      case 'strategies.runUpdated': {
        const r = payload as StrategyRunView;
        const error = r.lastError;
        if (!error || r.state === 'RUNNING') {
          runErrors.delete(r.runId);
          return;
        }
        if (runErrors.get(r.runId) === error) return;
        runErrors.set(r.runId, error);
        s.onOccurrence({
          kind: 'runError',
          title: `${r.strategyName} on ${r.symbol} ${r.state === 'STOPPED' ? 'stopped' : 'paused'}`,
          message: error,
          symbol: r.symbol,
        });
        return;
      }
      default:
        return;
    }
  });
}
