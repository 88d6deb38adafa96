import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { AuditEntry, AuditKind } from '../../../shared/domain/audit.js';
import { DEFAULT_SETTINGS } from '../../../shared/domain/settings.js';
import { createManualClock } from '../../engine/clock.js';
import { DATABASE_FILE } from '../create-core.js';
import { createTempCore, type TempCore } from '../testing/temp-core.js';

const cores: TempCore[] = [];
afterEach(async () => {
  for (const t of cores.splice(0)) await t.cleanup();
});
async function start(dataDir?: string) {
  const t = await createTempCore({ clock: createManualClock(1_750_000_000_000), ...(dataDir ? { dataDir } : {}) });
  cores.push(t);
  // The startup reconciliation records its own entry: let it land before a test counts entries.
  await t.core.services.orders.start();
  return t;
}
const call = (t: TempCore, name: string, input: unknown = {}) => t.core.dispatch(name, input, { transport: 'test' });

/** The entries of these kinds, newest first (other services may record at start, e.g. reconciliation). */
async function entries(t: TempCore, kinds: AuditKind[]): Promise<AuditEntry[]> {
  const r = await call(t, 'audit.query', { kinds });
  if (!r.ok) throw new Error(r.error.message);
  return r.data as AuditEntry[];
}

/** Edits workstation.db by hand through a second connection while the app runs, as a tamperer would. */
function tamper(t: TempCore, sql: string[]): void {
  const db = new BetterSqlite3(path.join(t.dataDir, DATABASE_FILE));
  db.exec('DROP TRIGGER IF EXISTS audit_log_no_update; DROP TRIGGER IF EXISTS audit_log_no_delete;');
  for (const statement of sql) db.exec(statement);
  db.close();
}

const SETTINGS: AuditKind[] = ['setting.changed', 'mode.switched'];

describe('audit trail', () => {
  it('records setting changes with old and new values, as the user, and announces them', async () => {
    const t = await start();
    const seen: unknown[] = [];
    t.core.events.subscribe((name, payload) => name === 'audit.appended' && seen.push(payload));
    await call(t, 'settings.update', { theme: 'light', defaultFeeRate: 0.002 });
    await call(t, 'settings.update', { theme: 'light' }); // no change, no entry
    t.core.services.settings.setInternal({ tradingMode: 'PAPER' });
    const list = await entries(t, SETTINGS);
    expect(list.map((e) => [e.kind, e.actor, e.details])).toEqual([
      ['mode.switched', 'user', { old: 'SIMULATOR', new: 'PAPER' }],
      ['setting.changed', 'user', { setting: 'defaultFeeRate', old: DEFAULT_SETTINGS.defaultFeeRate, new: 0.002 }],
      ['setting.changed', 'user', { setting: 'theme', old: 'dark', new: 'light' }],
    ]);
    const [mode, , theme] = list;
    expect(theme?.summary).toBe('setting theme: "dark" -> "light"');
    expect(theme?.time).toBe(1_750_000_000_000);
    expect(seen).toEqual(expect.arrayContaining(list));
    // ...and each entry is in the log as well, in its category.
    const logged = t.core.services.logStore.query({ text: 'audit #' });
    expect(logged.map((e) => e.message)).toContain(
      `audit #${theme?.id} setting.changed: setting theme: "dark" -> "light"`,
    );
    expect(logged.find((e) => e.message.startsWith(`audit #${mode?.id} `))?.level).toBe('warn');
  });

  it('records secrets set and deleted by name only, never the value', async () => {
    const t = await start();
    const value = 'kraken-api-secret-9f8e7d6c5b4a39281706';
    await call(t, 'secrets.set', { name: 'exchange.kraken.secret', value });
    await call(t, 'secrets.delete', { name: 'exchange.kraken.secret' });
    await call(t, 'secrets.delete', { name: 'exchange.kraken.secret' }); // was not set: no entry
    const list = await entries(t, ['secret.set', 'secret.deleted']);
    expect(list.map((e) => [e.kind, e.details])).toEqual([
      ['secret.deleted', { name: 'exchange.kraken.secret' }],
      ['secret.set', { name: 'exchange.kraken.secret', backend: expect.any(String) }],
    ]);
    await t.core.shutdown();
    const raw = fs.readFileSync(path.join(t.dataDir, DATABASE_FILE)).toString('latin1');
    expect(raw).toContain('exchange.kraken.secret');
    expect(raw).not.toContain(value);
  });

  it('lets other services record any documented kind, paged newest first and filtered', async () => {
    const t = await start();
    const { audit } = t.core.services;
    const order = audit.record('order.submitted', 'engine', 'buy 0.5 BTC/USD', {
      symbol: 'BTC/USD',
      clientOrderId: 'c-1',
    });
    const veto = audit.record('risk.veto', 'engine', 'max position', { symbol: 'ETH/USD', rule: 'maxPosition' });
    const kill = audit.record('killswitch.engaged', 'user', 'kill switch engaged');
    expect([veto.id, kill.id]).toEqual([order.id + 1, order.id + 2]);
    expect(veto.prevHash).toBe(order.hash);
    expect(audit.query({ limit: 3 }).map((e) => e.kind)).toEqual([
      'killswitch.engaged',
      'risk.veto',
      'order.submitted',
    ]);
    const kinds: AuditKind[] = ['risk.veto', 'order.submitted'];
    expect(audit.query({ kinds, beforeId: kill.id, limit: 1 }).map((e) => e.id)).toEqual([veto.id]);
    expect(audit.query({ text: 'c-1' }).map((e) => e.id)).toEqual([order.id]);
    expect(t.core.services.logStore.query({ categories: ['orders'], symbol: 'BTC/USD' })).toHaveLength(1);
    expect(t.core.services.logStore.query({ categories: ['risk'] }).map((e) => e.level)).toEqual(['warn', 'warn']);
  });

  it('verifies an intact trail, across restarts', async () => {
    const t = await start();
    for (let i = 0; i < 30; i += 1) await call(t, 'settings.update', { defaultFeeRate: (i + 11) / 10_000 });
    await t.core.shutdown();
    const again = await start(t.dataDir);
    await call(again, 'settings.update', { theme: 'light' });
    expect(await entries(again, SETTINGS)).toHaveLength(31);
    const r = await call(again, 'audit.verify');
    // Other services may append while it runs (reconciliation at start): it checks up to the head it began with.
    expect(r).toMatchObject({ ok: true, data: { ok: true, checked: expect.any(Number) } });
    expect((r as { data: { checked: number } }).data.checked).toBeGreaterThanOrEqual(31);
  });

  it('refuses UPDATE and DELETE on the trail (no code path can prune it)', async () => {
    const t = await start();
    await call(t, 'settings.update', { theme: 'light' });
    await t.core.shutdown();
    const db = new BetterSqlite3(path.join(t.dataDir, DATABASE_FILE));
    expect(() => db.exec("UPDATE audit_log SET summary = 'x'")).toThrow(/append-only/);
    expect(() => db.exec('DELETE FROM audit_log')).toThrow(/append-only/);
    db.close();
  });

  it('reports the first broken link with its id after a row is edited with raw SQL', async () => {
    const t = await start();
    for (const theme of ['light', 'dark', 'light', 'dark', 'light'] as const)
      await call(t, 'settings.update', { theme });
    const third = (await entries(t, SETTINGS)).reverse()[2]!;
    tamper(t, [`UPDATE audit_log SET details = replace(details, 'light', 'LIGHT') WHERE id = ${third.id}`]);
    expect(await call(t, 'audit.verify')).toEqual({
      ok: true,
      data: {
        ok: false,
        checked: third.id,
        firstBroken: {
          id: third.id,
          reason: 'its content does not match its hash: the entry was changed after it was written',
        },
        lastHash: expect.any(String),
      },
    });
    // The failure is in the log too.
    expect(t.core.services.logStore.query({ levels: ['error'], text: 'verification failed' })).toHaveLength(1);
  });

  it('reports deleted rows, the first one first', async () => {
    const t = await start();
    for (let i = 1; i <= 6; i += 1) await call(t, 'settings.update', { defaultFeeRate: (i + 1) / 1000 });
    const [, second, third, , fifth] = (await entries(t, SETTINGS)).map((e) => e.id).reverse();
    tamper(t, [`DELETE FROM audit_log WHERE id = ${second}`]);
    expect(await call(t, 'audit.verify')).toMatchObject({
      data: {
        ok: false,
        firstBroken: { id: third, reason: `entries #${second}..#${second} are missing: they were deleted` },
      },
    });
    // The first broken link is still the first one, whatever else is removed later.
    tamper(t, [`DELETE FROM audit_log WHERE id >= ${fifth}`]);
    expect(await call(t, 'audit.verify')).toMatchObject({ data: { ok: false, firstBroken: { id: third } } });
  });

  it('detects a tail cut off even when the rest is intact, and keeps appending after it', async () => {
    const t = await start();
    for (let i = 1; i <= 4; i += 1) await call(t, 'settings.update', { defaultFeeRate: (i + 1) / 1000 });
    const last = t.core.services.audit.query({ limit: 1 })[0]!.id;
    tamper(t, [`DELETE FROM audit_log WHERE id = ${last}`]);
    expect(await call(t, 'audit.verify')).toMatchObject({
      data: {
        ok: false,
        checked: last - 1,
        firstBroken: { id: last, reason: `entries #${last}..#${last} are missing: the end of the trail was cut off` },
      },
    });
    // A new decision is still recorded, linked to the recorded head: the gap stays visible.
    const next = t.core.services.audit.record('setting.changed', 'user', 'after the cut');
    expect(next.id).toBe(last + 1);
    expect(await call(t, 'audit.verify')).toMatchObject({ data: { ok: false, firstBroken: { id: last + 1 } } });
  });
});
