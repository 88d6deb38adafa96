/**
 * What a LIVE account holds, from the exchange: its balances are read (every 30 s, after a wake,
 * and at once when a sell would otherwise exceed what the app knows of), and each base asset held
 * becomes a position in its market quoted in the portfolio's currency. The app's own fills since
 * the last read are added on top (a fill the app just learned of counts before the next read), so
 * the exchange's balance and the app's fills reconcile. A holding bought outside the app has no
 * entry price until the trader gives one (risk settings `holdingEntries`).
 *
 * SIMULATOR and PAPER: the app's ledger is the account, nothing is read.
 */
import type { MarketInfo } from '../../../../shared/domain/market.js';
import type { AccountHolding } from '../../../../shared/domain/risk-view.js';
import type { Clock } from '../../../engine/clock.js';
import { Decimal } from '../../../engine/money/decimal.js';
import { averageEntry } from '../../../engine/portfolio/positions.js';
import type { Scheduler, TimerHandle } from '../../../engine/scheduler.js';
import type { Logger } from '../../../logging/types.js';
import type { OrderService } from '../orders/order-service.js';
import type { VenueSession } from '../orders/session.js';
import type { RiskMarket } from './ports.js';

type Snapshot = {
  venue: string;
  at: number;
  /** Base asset -> balance on the exchange. */
  balances: Map<string, Decimal>;
  /** Symbol -> the app's position when the balances were read. */
  appAtRead: Map<string, Decimal>;
  /** Base asset -> the market quoted in the portfolio currency. */
  symbols: Map<string, string>;
};

export type AccountHoldings = {
  /** Reads the balances of the active LIVE venue now. */
  refresh(): Promise<void>;
  /** Position quantity per symbol: the exchange's balance plus the app's fills since, in LIVE; else the ledger's. */
  positions(s: VenueSession): Map<string, Decimal>;
  /** The holdings as the Risk tab shows them. */
  view(s: VenueSession | null, entries: Readonly<Record<string, string>>): AccountHolding[];
  start(): void;
  stop(): void;
};

const REFRESH_MS = 30_000;

function ledgerPositions(s: VenueSession): Map<string, Decimal> {
  const out = new Map<string, Decimal>();
  for (const p of s.ledger.portfolio().snapshot().positions) if (!p.quantity.isZero()) out.set(p.symbol, p.quantity);
  return out;
}

export function createAccountHoldings(d: {
  orders: OrderService;
  market: RiskMarket;
  clock: Clock;
  scheduler: Scheduler;
  logger: Logger;
  intervalMs?: number;
}): AccountHoldings {
  let snap: Snapshot | null = null;
  let timer: TimerHandle | null = null;
  let reading: Promise<void> | null = null;

  async function read(): Promise<void> {
    const s = d.orders.session();
    if (!s || s.mode !== 'LIVE') {
      snap = null;
      return;
    }
    const appAtRead = ledgerPositions(s);
    const [answer, markets] = await Promise.all([
      s.adapter.balances(),
      d.market.markets().catch((): MarketInfo[] => []),
    ]);
    if ('kind' in answer) {
      d.logger.warn('risk', `the balances of ${s.venue} could not be read: ${answer.message}`);
      return;
    }
    const quote = s.ledger.portfolio().quoteCurrency;
    const symbols = new Map<string, string>();
    for (const m of markets) if (m.quote === quote && !symbols.has(m.base)) symbols.set(m.base, m.symbol);
    const balances = new Map<string, Decimal>();
    for (const b of answer) if (b.currency !== quote) balances.set(b.currency, Decimal.parse(b.total));
    snap = { venue: s.venue, at: d.clock.now(), balances, appAtRead, symbols };
  }

  function refresh(): Promise<void> {
    reading ??= read()
      .catch((error: unknown) => d.logger.warn('risk', 'the account balances could not be read', { error }))
      .finally(() => {
        reading = null;
      });
    return reading;
  }

  function positions(s: VenueSession): Map<string, Decimal> {
    const app = ledgerPositions(s);
    if (s.mode !== 'LIVE' || !snap || snap.venue !== s.venue) return app;
    const out = new Map<string, Decimal>();
    for (const [asset, total] of snap.balances) {
      const symbol = snap.symbols.get(asset);
      if (!symbol) continue;
      const since = (app.get(symbol) ?? Decimal.ZERO).sub(snap.appAtRead.get(symbol) ?? Decimal.ZERO);
      const qty = total.add(since);
      if (qty.isPositive()) out.set(symbol, qty);
    }
    // A position the app holds in a market the balances do not map (another quote) stays the app's.
    for (const [symbol, qty] of app) if (![...snap.symbols.values()].includes(symbol)) out.set(symbol, qty);
    return out;
  }

  function view(s: VenueSession | null, entries: Readonly<Record<string, string>>): AccountHolding[] {
    if (!s) return [];
    const appPositions = new Map(
      s.ledger
        .portfolio()
        .snapshot()
        .positions.map((p) => [p.symbol, p]),
    );
    const out: AccountHolding[] = [];
    for (const [symbol, qty] of positions(s)) {
      const mine = appPositions.get(symbol);
      const inApp = Decimal.min(qty, mine && mine.quantity.isPositive() ? mine.quantity : Decimal.ZERO);
      const outside = qty.sub(inApp);
      const given = entries[symbol] ? Decimal.parse(entries[symbol]!) : null;
      const appEntry = mine && inApp.isPositive() ? averageEntry(mine) : null;
      let entry: Decimal | null = null;
      if (outside.isZero()) entry = appEntry;
      else if (given && inApp.isZero()) entry = given;
      else if (given && appEntry) {
        entry = inApp.mul(appEntry).add(outside.mul(given)).div(qty, { scale: 8, rounding: 'half-even' });
      }
      out.push({
        symbol,
        quantity: qty.toString(),
        inApp: inApp.toString(),
        outsideApp: outside.toString(),
        entryPrice: entry?.toString() ?? null,
        source: s.mode === 'LIVE' && snap?.venue === s.venue ? 'exchange' : 'app',
        readAt: s.mode === 'LIVE' ? (snap?.at ?? null) : null,
      });
    }
    return out.sort((a, b) => a.symbol.localeCompare(b.symbol));
  }

  function schedule(): void {
    timer = d.scheduler.setTimeout(() => {
      void refresh().finally(() => {
        if (timer !== null) schedule();
      });
    }, d.intervalMs ?? REFRESH_MS);
  }

  return {
    refresh,
    positions,
    view,
    start() {
      if (timer !== null) return;
      schedule();
      void refresh();
    },
    stop() {
      if (timer !== null) d.scheduler.clearTimeout(timer);
      timer = null;
    },
  };
}
