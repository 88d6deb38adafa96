import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../migration.js';
import { MIGRATIONS } from './index.js';

describe('migration 004: orders', () => {
  it('creates the journal (append-only events, orders, fills unique by trade id), portfolio, mode and simulated-exchange tables', () => {
    const db = new BetterSqlite3(':memory:');
    db.pragma('foreign_keys = ON');
    expect(migrate(db, MIGRATIONS.slice(0, 4))).toEqual({ from: 0, to: 4 });
    expect(db.pragma('user_version', { simple: true })).toBe(4);
    const tables = db
      .prepare<[], { name: string }>(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
      )
      .all()
      .map((t) => t.name);
    for (const t of [
      'orders',
      'order_events',
      'fills',
      'portfolio_snapshots',
      'portfolio_balances',
      'trading_state',
      'sim_exchange_orders',
      'sim_exchange_trades',
      'sim_exchange_balances',
      'sim_exchange_counters',
    ]) {
      expect(tables).toContain(t);
    }

    const order =
      db.prepare(`INSERT INTO orders (client_order_id, venue, symbol, side, type, status, terminal, quantity, filled,
      created_at, updated_at, needs_attention, adopted, event_count, view) VALUES (?, 'simulator', 'BTC/USD', 'buy', 'market', 'OPEN', 0, '1', '0', 1, 1, 0, 0, 1, '{}')`);
    order.run('a');
    expect(() => order.run('a')).toThrow(/UNIQUE/);
    const event = db.prepare(
      "INSERT INTO order_events (client_order_id, type, event, at) VALUES (?, 'OrderSubmitted', '{}', 1)",
    );
    event.run('a');
    expect(() => event.run('nobody')).toThrow(/FOREIGN KEY/);
    expect(() => db.prepare("UPDATE order_events SET event = 'x'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM order_events').run()).toThrow(/append-only/);

    const fill =
      db.prepare(`INSERT INTO fills (trade_id, client_order_id, venue, symbol, side, price, quantity, fee, fee_currency, time,
      portfolio_applied) VALUES (?, 'a', 'simulator', 'BTC/USD', 'buy', '1', '1', '0', 'USD', 1, 1)`);
    fill.run('T1');
    expect(() => fill.run('T1')).toThrow(/UNIQUE/); // a trade is recorded once
    expect(() => db.prepare("INSERT INTO trading_state VALUES (2, 'LIVE', 'kraken', 1)").run()).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO trading_state VALUES (1, 'REAL', 'kraken', 1)").run()).toThrow(/CHECK/);

    // The open orders of a venue and a lookup by exchange id are index searches.
    const plan = (sql: string) =>
      db
        .prepare<unknown[], { detail: string }>(`EXPLAIN QUERY PLAN ${sql}`)
        .all()
        .map((r) => r.detail)
        .join(' | ');
    expect(plan("SELECT * FROM orders WHERE venue = 'simulator' AND terminal = 0 ORDER BY created_at")).toMatch(
      /USING INDEX orders_live/,
    );
    expect(plan("SELECT * FROM orders WHERE venue = 'x' AND exchange_order_id = 'y'")).toMatch(
      /USING INDEX orders_exchange_id/,
    );
    expect(plan("SELECT * FROM sim_exchange_orders WHERE venue = 'x' AND client_order_id = 'y'")).toMatch(
      /sim_exchange_orders_client/,
    );
    db.close();
  });
});
