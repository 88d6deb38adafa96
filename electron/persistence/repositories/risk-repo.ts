import type { Database } from 'better-sqlite3';

/**
 * The risk controls' rows in workstation.db (migration 005): settings, the kill switch with its
 * revision, the loss tracker, and the veto log. Raw JSON in and out: validation lives in the risk
 * service, which also decides what a stored value that no longer parses falls back to.
 */

export type KillSwitchRow = {
  state: unknown;
  revision: number;
  appliedRevision: number;
  writtenBy: 'app' | 'cli';
  updatedAt: number;
};

export type VetoRow = {
  id: number;
  at: number;
  rule: string;
  message: string;
  details: Record<string, string>;
  symbol: string;
  side: 'buy' | 'sell';
  type: string;
  quantity: string;
  price: string | null;
  origin: string;
  venue: string;
};

export type NewVeto = Omit<VetoRow, 'id'>;

export type RiskRepo = {
  settings(): unknown;
  saveSettings(settings: unknown, now: number): void;
  killSwitch(): KillSwitchRow | null;
  /** Only the revision numbers: what the app polls every second. */
  killSwitchRevision(): { revision: number; appliedRevision: number } | null;
  /** Writes the state with the next revision and answers it. */
  saveKillSwitch(state: { engaged: boolean }, writtenBy: 'app' | 'cli', now: number, applied: boolean): number;
  markApplied(revision: number): void;
  lossTracker(): unknown;
  saveLossTracker(snapshot: unknown, now: number): void;
  addVeto(veto: NewVeto): number;
  /** Newest first. */
  vetoes(limit: number, beforeId?: number): VetoRow[];
  /** Runs fn in one IMMEDIATE transaction (a state write and its audit entry together). */
  atomically<T>(fn: () => T): T;
};

type RawVeto = Omit<VetoRow, 'details' | 'side'> & { details: string; side: string };

function parse(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export function createRiskRepo(db: Database): RiskRepo {
  const getSettings = db.prepare<[], { settings: string }>('SELECT settings FROM risk_settings WHERE id = 1');
  const putSettings = db.prepare<[string, number]>(
    `INSERT INTO risk_settings (id, settings, updated_at) VALUES (1, ?, ?)
     ON CONFLICT(id) DO UPDATE SET settings = excluded.settings, updated_at = excluded.updated_at`,
  );
  const getKs = db.prepare<
    [],
    { state: string; revision: number; applied_revision: number; written_by: 'app' | 'cli'; updated_at: number }
  >('SELECT state, revision, applied_revision, written_by, updated_at FROM kill_switch WHERE id = 1');
  const getRevision = db.prepare<[], { revision: number; applied_revision: number }>(
    'SELECT revision, applied_revision FROM kill_switch WHERE id = 1',
  );
  const putKs = db.prepare<[{ state: string; engaged: number; by: string; now: number; applied: number }]>(
    `INSERT INTO kill_switch (id, state, engaged, revision, applied_revision, written_by, updated_at)
     VALUES (1, @state, @engaged, 1, @applied, @by, @now)
     ON CONFLICT(id) DO UPDATE SET state = excluded.state, engaged = excluded.engaged,
       revision = kill_switch.revision + 1,
       applied_revision = CASE WHEN @applied = 1 THEN kill_switch.revision + 1 ELSE kill_switch.applied_revision END,
       written_by = excluded.written_by, updated_at = excluded.updated_at`,
  );
  const setApplied = db.prepare<[number]>(
    'UPDATE kill_switch SET applied_revision = max(applied_revision, ?) WHERE id = 1',
  );
  const getLoss = db.prepare<[], { snapshot: string }>('SELECT snapshot FROM loss_tracker WHERE id = 1');
  const putLoss = db.prepare<[string, number]>(
    `INSERT INTO loss_tracker (id, snapshot, updated_at) VALUES (1, ?, ?)
     ON CONFLICT(id) DO UPDATE SET snapshot = excluded.snapshot, updated_at = excluded.updated_at`,
  );
  const insertVeto = db.prepare(
    `INSERT INTO risk_vetoes (at, rule, message, details, symbol, side, type, quantity, price, origin, venue)
     VALUES (@at, @rule, @message, @details, @symbol, @side, @type, @quantity, @price, @origin, @venue)`,
  );
  const columns = 'id, at, rule, message, details, symbol, side, type, quantity, price, origin, venue';
  const newest = db.prepare<[number], RawVeto>(`SELECT ${columns} FROM risk_vetoes ORDER BY id DESC LIMIT ?`);
  const older = db.prepare<[number, number], RawVeto>(
    `SELECT ${columns} FROM risk_vetoes WHERE id < ? ORDER BY id DESC LIMIT ?`,
  );
  const saveKs = db.transaction(
    (state: { engaged: boolean }, writtenBy: 'app' | 'cli', now: number, applied: boolean): number => {
      putKs.run({
        state: JSON.stringify(state),
        engaged: state.engaged ? 1 : 0,
        by: writtenBy,
        now,
        applied: applied ? 1 : 0,
      });
      return getRevision.get()!.revision;
    },
  );
  const toVeto = (r: RawVeto): VetoRow => ({
    ...r,
    side: r.side === 'sell' ? 'sell' : 'buy',
    details: (parse(r.details) as Record<string, string> | undefined) ?? {},
  });

  return {
    settings: () => parse(getSettings.get()?.settings),
    saveSettings: (settings, now) => void putSettings.run(JSON.stringify(settings), now),
    killSwitch() {
      const row = getKs.get();
      if (!row) return null;
      return {
        state: parse(row.state),
        revision: row.revision,
        appliedRevision: row.applied_revision,
        writtenBy: row.written_by,
        updatedAt: row.updated_at,
      };
    },
    killSwitchRevision() {
      const row = getRevision.get();
      return row ? { revision: row.revision, appliedRevision: row.applied_revision } : null;
    },
    saveKillSwitch: (state, writtenBy, now, applied) => saveKs.immediate(state, writtenBy, now, applied),
    markApplied: (revision) => void setApplied.run(revision),
    lossTracker: () => parse(getLoss.get()?.snapshot),
    saveLossTracker: (snapshot, now) => void putLoss.run(JSON.stringify(snapshot), now),
    addVeto(v) {
      return Number(insertVeto.run({ ...v, details: JSON.stringify(v.details) }).lastInsertRowid);
    },
    vetoes: (limit, beforeId) => (beforeId === undefined ? newest.all(limit) : older.all(beforeId, limit)).map(toVeto),
    atomically: (fn) => db.transaction(fn).immediate(),
  };
}
