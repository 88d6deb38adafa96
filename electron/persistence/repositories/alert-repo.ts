import type { Database } from 'better-sqlite3';
import {
  AlertRuleInput,
  type AlertChannel,
  type AlertDelivery,
  type AlertRuleSpec,
  type AlertRuleView,
  type AlertView,
} from '../../../shared/domain/alerts.js';

/** Alert rules, fired alerts and their deliveries in workstation.db (migration 011). */
export type AlertRuleRow = Omit<AlertRuleView, 'problem'> & { lastFiredCandle: number | null };

export type NewAlert = Omit<AlertView, 'read' | 'deliveries'>;

export type DueDelivery = { alertId: string; channel: AlertChannel; attempts: number };

export type AlertRepo = {
  insertRule(row: { id: string; spec: AlertRuleSpec; createdAt: number }): void;
  rules(): AlertRuleRow[];
  rule(id: string): AlertRuleRow | null;
  setEnabled(id: string, enabled: boolean): boolean;
  deleteRule(id: string): boolean;
  /** Records a firing: last fired time and candle, count; a once-rule is disabled. */
  markFired(id: string, at: number, candleTime: number | null, disable: boolean): void;
  /** The alert and one pending delivery per external channel, in one transaction. */
  insertAlert(alert: NewAlert, external: readonly AlertChannel[]): void;
  alert(id: string): AlertView | null;
  alerts(limit: number, unreadOnly: boolean): AlertView[];
  markRead(ids: readonly string[] | 'all'): void;
  unreadCount(): number;
  failedDeliveries(): number;
  /** Pending deliveries whose next attempt is due at `now`, oldest first. */
  dueDeliveries(now: number): DueDelivery[];
  /** The earliest next attempt of a pending delivery, or null. */
  nextDue(): number | null;
  updateDelivery(
    alertId: string,
    channel: AlertChannel,
    d: Pick<AlertDelivery, 'state' | 'attempts' | 'lastError' | 'nextAttemptAt'>,
  ): void;
};

type RawRule = {
  id: string;
  spec: string;
  enabled: number;
  created_at: number;
  last_fired_at: number | null;
  last_fired_candle: number | null;
  fired_count: number;
};
type RawAlert = {
  id: string;
  rule_id: string | null;
  rule_name: string;
  source: string;
  title: string;
  message: string;
  symbol: string | null;
  channels: string;
  at: number;
  read: number;
};
type RawDelivery = {
  alert_id: string;
  channel: AlertChannel;
  state: AlertDelivery['state'];
  attempts: number;
  last_error: string | null;
  next_attempt_at: number | null;
};

const toRule = (r: RawRule): AlertRuleRow => ({
  id: r.id,
  spec: AlertRuleInput.parse(JSON.parse(r.spec)),
  enabled: r.enabled === 1,
  createdAt: r.created_at,
  lastFiredAt: r.last_fired_at,
  lastFiredCandle: r.last_fired_candle,
  firedCount: r.fired_count,
});

const toDelivery = (d: RawDelivery): AlertDelivery => ({
  channel: d.channel,
  state: d.state,
  attempts: d.attempts,
  lastError: d.last_error,
  nextAttemptAt: d.next_attempt_at,
});

function prepare(db: Database) {
  return {
    insertRule: db.prepare<[string, string, number]>(
      'INSERT INTO alert_rules (id, spec, enabled, created_at) VALUES (?, ?, 1, ?)',
    ),
    rules: db.prepare<[], RawRule>('SELECT * FROM alert_rules ORDER BY created_at DESC, rowid DESC'),
    rule: db.prepare<[string], RawRule>('SELECT * FROM alert_rules WHERE id = ?'),
    setEnabled: db.prepare<[number, string]>('UPDATE alert_rules SET enabled = ? WHERE id = ?'),
    deleteRule: db.prepare<[string]>('DELETE FROM alert_rules WHERE id = ?'),
    markFired: db.prepare<[number, number | null, number, string]>(
      `UPDATE alert_rules SET last_fired_at = ?, last_fired_candle = ?, fired_count = fired_count + 1,
         enabled = CASE WHEN ? = 1 THEN 0 ELSE enabled END WHERE id = ?`,
    ),
    insertAlert: db.prepare<[string, string | null, string, string, string, string, string | null, string, number]>(
      `INSERT INTO alerts (id, rule_id, rule_name, source, title, message, symbol, channels, at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    insertDelivery: db.prepare<[string, string, number]>(
      `INSERT INTO alert_deliveries (alert_id, channel, state, attempts, next_attempt_at) VALUES (?, ?, 'pending', 0, ?)`,
    ),
    alert: db.prepare<[string], RawAlert>('SELECT * FROM alerts WHERE id = ?'),
    alerts: db.prepare<[number, number], RawAlert>(
      'SELECT * FROM alerts WHERE (? = 0 OR read = 0) ORDER BY at DESC, rowid DESC LIMIT ?',
    ),
    deliveries: db.prepare<[string], RawDelivery>('SELECT * FROM alert_deliveries WHERE alert_id = ? ORDER BY channel'),
    readAll: db.prepare('UPDATE alerts SET read = 1 WHERE read = 0'),
    readOne: db.prepare<[string]>('UPDATE alerts SET read = 1 WHERE id = ?'),
    unread: db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM alerts WHERE read = 0'),
    failed: db.prepare<[], { n: number }>("SELECT COUNT(*) AS n FROM alert_deliveries WHERE state = 'failed'"),
    due: db.prepare<[number], RawDelivery>(
      `SELECT * FROM alert_deliveries WHERE state = 'pending' AND next_attempt_at <= ? ORDER BY next_attempt_at LIMIT 100`,
    ),
    nextDue: db.prepare<[], { at: number | null }>(
      "SELECT MIN(next_attempt_at) AS at FROM alert_deliveries WHERE state = 'pending'",
    ),
    updateDelivery: db.prepare<[string, number, string | null, number | null, string, string]>(
      `UPDATE alert_deliveries SET state = ?, attempts = ?, last_error = ?, next_attempt_at = ?
       WHERE alert_id = ? AND channel = ?`,
    ),
  };
}

export function createAlertRepo(db: Database): AlertRepo {
  let prepared: ReturnType<typeof prepare> | null = null;
  const q = () => (prepared ??= prepare(db));
  const withDeliveries = (a: RawAlert): AlertView => ({
    id: a.id,
    ruleId: a.rule_id,
    ruleName: a.rule_name,
    source: a.source as AlertView['source'],
    title: a.title,
    message: a.message,
    symbol: a.symbol,
    at: a.at,
    read: a.read === 1,
    channels: JSON.parse(a.channels) as AlertChannel[],
    deliveries: q().deliveries.all(a.id).map(toDelivery),
  });
  return {
    insertRule: ({ id, spec, createdAt }) => void q().insertRule.run(id, JSON.stringify(spec), createdAt),
    rules: () => q().rules.all().map(toRule),
    rule: (id) => {
      const r = q().rule.get(id);
      return r ? toRule(r) : null;
    },
    setEnabled: (id, enabled) => q().setEnabled.run(enabled ? 1 : 0, id).changes === 1,
    deleteRule: (id) => q().deleteRule.run(id).changes === 1,
    markFired: (id, at, candleTime, disable) => void q().markFired.run(at, candleTime, disable ? 1 : 0, id),
    insertAlert(alert, external) {
      db.transaction(() => {
        q().insertAlert.run(
          alert.id,
          alert.ruleId,
          alert.ruleName,
          alert.source,
          alert.title,
          alert.message,
          alert.symbol,
          JSON.stringify(alert.channels),
          alert.at,
        );
        for (const channel of external) q().insertDelivery.run(alert.id, channel, alert.at);
      })();
    },
    alert: (id) => {
      const a = q().alert.get(id);
      return a ? withDeliveries(a) : null;
    },
    alerts: (limit, unreadOnly) =>
      q()
        .alerts.all(unreadOnly ? 1 : 0, limit)
        .map(withDeliveries),
    markRead(ids) {
      if (ids === 'all') q().readAll.run();
      else db.transaction(() => ids.forEach((id) => q().readOne.run(id)))();
    },
    unreadCount: () => q().unread.get()!.n,
    failedDeliveries: () => q().failed.get()!.n,
    dueDeliveries: (now) =>
      q()
        .due.all(now)
        .map((d) => ({ alertId: d.alert_id, channel: d.channel, attempts: d.attempts })),
    nextDue: () => q().nextDue.get()!.at,
    updateDelivery: (alertId, channel, d) =>
      void q().updateDelivery.run(d.state, d.attempts, d.lastError, d.nextAttemptAt, alertId, channel),
  };
}
