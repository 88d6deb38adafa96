import type { Migration } from '../migration.js';

/**
 * Alerts (repositories/alert-repo.ts):
 * - `alert_rules`: the trader's rules (condition or event alerts) as JSON, enabled or not, with
 *   when and on which candle they last fired (the cool-down and "once" rules read these).
 * - `alerts`: every alert that fired, read or unread. Kept when its rule is deleted.
 * - `alert_deliveries`: one row per alert and channel (desktop, telegram, discord, webhook) with
 *   its state, attempts, last error and next attempt: pending deliveries are retried after a restart.
 */
export const migration011: Migration = {
  version: 11,
  name: 'alerts',
  up(db) {
    db.exec(`
      CREATE TABLE alert_rules (
        id TEXT PRIMARY KEY,
        spec TEXT NOT NULL CHECK (json_valid(spec)),
        enabled INTEGER NOT NULL CHECK (enabled IN (0, 1)),
        created_at INTEGER NOT NULL,
        last_fired_at INTEGER,
        last_fired_candle INTEGER,
        fired_count INTEGER NOT NULL DEFAULT 0 CHECK (fired_count >= 0)
      ) STRICT;

      CREATE TABLE alerts (
        id TEXT PRIMARY KEY,
        rule_id TEXT,
        rule_name TEXT NOT NULL,
        source TEXT NOT NULL,
        title TEXT NOT NULL,
        message TEXT NOT NULL,
        symbol TEXT,
        channels TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(channels)),
        at INTEGER NOT NULL,
        read INTEGER NOT NULL DEFAULT 0 CHECK (read IN (0, 1))
      ) STRICT;
      CREATE INDEX alerts_at ON alerts (at);
      CREATE INDEX alerts_unread ON alerts (read) WHERE read = 0;

      CREATE TABLE alert_deliveries (
        alert_id TEXT NOT NULL REFERENCES alerts (id) ON DELETE CASCADE,
        channel TEXT NOT NULL CHECK (channel IN ('desktop', 'telegram', 'discord', 'webhook')),
        state TEXT NOT NULL CHECK (state IN ('pending', 'sent', 'failed')),
        attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        last_error TEXT,
        next_attempt_at INTEGER,
        PRIMARY KEY (alert_id, channel)
      ) STRICT;
      CREATE INDEX alert_deliveries_due ON alert_deliveries (next_attempt_at) WHERE state = 'pending';
    `);
  },
};
