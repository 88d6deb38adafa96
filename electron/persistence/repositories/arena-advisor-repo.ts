import type { Database } from 'better-sqlite3';
import { AdvisorSettings } from '../../../shared/domain/ai.js';
import type { TradingMode } from '../../../shared/domain/settings.js';

/**
 * The arena's AI advisors (migration 015): each with its model, instructions, settings and
 * capital. Stopped, never deleted: its decisions and fills stay on the leaderboard.
 */
export type ArenaAdvisorRow = {
  id: string;
  name: string;
  model: string;
  instructions: string;
  /** `enabled` is the state: an advisor asks on its schedule while RUNNING. */
  settings: AdvisorSettings;
  capital: string;
  currency: string;
  mode: Extract<TradingMode, 'SIMULATOR' | 'PAPER'>;
  /** The venue its orders go to ('simulator', 'paper:<exchange>'). */
  venue: string;
  state: 'RUNNING' | 'STOPPED';
  createdAt: number;
  marketStartedAt: number;
  updatedAt: number;
};

export type ArenaAdvisorRepo = {
  insert(row: ArenaAdvisorRow): void;
  get(id: string): ArenaAdvisorRow | null;
  byName(name: string): ArenaAdvisorRow | null;
  /** Oldest first. */
  list(): ArenaAdvisorRow[];
  setState(id: string, state: ArenaAdvisorRow['state'], at: number): void;
};

type Raw = Omit<ArenaAdvisorRow, 'settings' | 'createdAt' | 'marketStartedAt' | 'updatedAt'> & {
  settings: string;
  created_at: number;
  market_started_at: number;
  updated_at: number;
};

const toRow = (r: Raw): ArenaAdvisorRow => ({
  id: r.id,
  name: r.name,
  model: r.model,
  instructions: r.instructions,
  settings: AdvisorSettings.parse({ ...JSON.parse(r.settings), enabled: r.state === 'RUNNING' }),
  capital: r.capital,
  currency: r.currency,
  mode: r.mode,
  venue: r.venue,
  state: r.state,
  createdAt: r.created_at,
  marketStartedAt: r.market_started_at,
  updatedAt: r.updated_at,
});

export function createArenaAdvisorRepo(db: Database): ArenaAdvisorRepo {
  const insert = db.prepare(
    `INSERT INTO arena_advisors (id, name, model, instructions, settings, capital, currency, mode, venue, state,
      created_at, market_started_at, updated_at) VALUES (@id, @name, @model, @instructions, @settings, @capital, @currency,
      @mode, @venue, @state, @createdAt, @marketStartedAt, @updatedAt)`,
  );
  const get = db.prepare<[string], Raw>('SELECT * FROM arena_advisors WHERE id = ?');
  const byName = db.prepare<[string], Raw>('SELECT * FROM arena_advisors WHERE name = ?');
  const list = db.prepare<[], Raw>('SELECT * FROM arena_advisors ORDER BY created_at, rowid');
  const setState = db.prepare<[string, number, string]>(
    'UPDATE arena_advisors SET state = ?, updated_at = ? WHERE id = ?',
  );
  return {
    insert(row) {
      const { enabled: _, ...settings } = row.settings;
      insert.run({ ...row, settings: JSON.stringify(settings) });
    },
    get: (id) => {
      const r = get.get(id);
      return r ? toRow(r) : null;
    },
    byName: (name) => {
      const r = byName.get(name);
      return r ? toRow(r) : null;
    },
    list: () => list.all().map(toRow),
    setState: (id, state, at) => void setState.run(state, at, id),
  };
}
