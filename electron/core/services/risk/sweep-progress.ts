/**
 * Where the kill switch's cancels stand after engage() answered: every order it is ending (the
 * app's, and those found on the account that the app did not know), which the exchange confirmed
 * ended, and which are being asked again. The header and the Risk tab show it.
 */
import type { ForeignOrder, KillSwitchProgress } from '../../../../shared/domain/risk-view.js';

type OrderState = 'pending' | 'retrying' | 'done';

export type SweepProgress = {
  /** A new engage: forget the last one. */
  begin(at: number): void;
  track(clientOrderId: string): void;
  mark(clientOrderId: string, state: OrderState): void;
  state(clientOrderId: string): OrderState | null;
  /** Open orders found on the account that the app does not know (kept once seen). */
  foreign(orders: readonly Omit<ForeignOrder, 'gone'>[]): void;
  /** The exchange's open orders now: foreign orders not among them are gone. */
  stillOpen(exchangeOrderIds: ReadonlySet<string>): void;
  accountSweep(text: string): void;
  finish(at: number): void;
  stop(): void;
  view(): KillSwitchProgress;
};

export const IDLE_PROGRESS: KillSwitchProgress = {
  active: false,
  startedAt: null,
  finishedAt: null,
  total: 0,
  done: 0,
  retrying: 0,
  accountSweep: null,
  foreign: [],
  detail: 'no cancels in progress',
};

export function createSweepProgress(onChange: (view: KillSwitchProgress) => void): SweepProgress {
  let orders = new Map<string, OrderState>();
  let foreign = new Map<string, ForeignOrder>();
  let startedAt: number | null = null;
  let finishedAt: number | null = null;
  let active = false;
  let sweep: string | null = null;
  let last = '';

  function view(): KillSwitchProgress {
    if (startedAt === null) return IDLE_PROGRESS;
    const states = [...orders.values()];
    const others = [...foreign.values()];
    const total = states.length + others.length;
    const done = states.filter((s) => s === 'done').length + others.filter((o) => o.gone).length;
    const retrying = states.filter((s) => s === 'retrying').length + others.filter((o) => !o.gone).length;
    const outside = others.length > 0 ? `; ${others.length} of them placed outside the app` : '';
    const detail = active
      ? `cancelling: ${done} of ${total} done, retrying ${retrying}${outside}`
      : `every open order ended (${done} of ${total})${outside}`;
    return { active, startedAt, finishedAt, total, done, retrying, accountSweep: sweep, foreign: others, detail };
  }

  function changed(): void {
    const v = view();
    const key = JSON.stringify(v);
    if (key === last) return;
    last = key;
    onChange(v);
  }

  return {
    begin(at) {
      orders = new Map();
      foreign = new Map();
      startedAt = at;
      finishedAt = null;
      active = true;
      sweep = null;
      changed();
    },
    track(id) {
      if (!orders.has(id)) orders.set(id, 'pending');
      changed();
    },
    mark(id, state) {
      if (orders.get(id) === 'done') return;
      orders.set(id, state);
      changed();
    },
    state: (id) => orders.get(id) ?? null,
    foreign(list) {
      for (const o of list) if (!foreign.has(o.exchangeOrderId)) foreign.set(o.exchangeOrderId, { ...o, gone: false });
      changed();
    },
    stillOpen(ids) {
      for (const [id, o] of foreign) if (!ids.has(id) && !o.gone) foreign.set(id, { ...o, gone: true });
      changed();
    },
    accountSweep(text) {
      sweep = text;
      changed();
    },
    finish(at) {
      active = false;
      finishedAt = at;
      changed();
    },
    stop() {
      if (!active) return;
      active = false;
      changed();
    },
    view,
  };
}
