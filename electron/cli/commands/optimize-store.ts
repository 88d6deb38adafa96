/**
 * Where `optimize` keeps a sweep: workstation.db in the data dir (migration 013). Every result is
 * written as it arrives; `--resume ID` reruns the stored command line and skips the sets already
 * stored, after checking that the candles are the same ones (same count, first and last time).
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { DATABASE_FILE } from '../../core/create-core.js';
import type { SetResult } from '../../engine/optimize/evaluate.js';
import type { OhlcvColumns } from '../../engine/strategy/columns.js';
import { openDatabase, type Database } from '../../persistence/database.js';
import { MIGRATIONS } from '../../persistence/migrations/index.js';
import { createSweepRepo, type SweepRepo, type SweepStatus } from '../../persistence/repositories/sweep-repo.js';
import type { ParsedArgs } from '../args.js';
import { resolveDataDir } from '../data-dir.js';
import type { CliIo } from '../io.js';
import { CliDataError } from './input-files.js';

type Stored = { argv: string[]; candles: { length: number; first: number; last: number } };

export type SweepStore = {
  id: string;
  done(window: number): SetResult[];
  add(window: number, results: SetResult[]): void;
  finish(status: SweepStatus, detail?: string): void;
  close(): void;
};

function open(args: ParsedArgs, io: CliIo): { db: Database; repo: SweepRepo } {
  const dir = resolveDataDir(args, io.env);
  fs.mkdirSync(dir, { recursive: true });
  const db = openDatabase({ file: path.join(dir, DATABASE_FILE), migrations: MIGRATIONS, synchronous: 'NORMAL' });
  return { db, repo: createSweepRepo(db) };
}

/** The command line stored for a sweep (to rerun it with --resume). */
export function storedArgv(args: ParsedArgs, io: CliIo, id: string): string[] {
  const { db, repo } = open(args, io);
  try {
    const row = repo.get(id);
    if (!row) throw new CliDataError(`there is no sweep ${id} in ${resolveDataDir(args, io.env)}`);
    if (row.status === 'DONE') throw new CliDataError(`sweep ${id} is complete; run it again without --resume`);
    return (row.request as Stored).argv;
  } finally {
    db.close();
  }
}

const fingerprint = (c: OhlcvColumns) => ({ length: c.length, first: c.time[0]!, last: c.time[c.length - 1]! });

export function openSweepStore(
  args: ParsedArgs,
  io: CliIo,
  options: {
    resume: string | null;
    argv: readonly string[];
    strategyName: string;
    total: number;
    columns: OhlcvColumns;
    now: number;
  },
): SweepStore {
  const { db, repo } = open(args, io);
  const candles = fingerprint(options.columns);
  let id: string;
  if (options.resume !== null) {
    id = options.resume;
    const before = (repo.get(id)!.request as Stored).candles;
    if (before.length !== candles.length || before.first !== candles.first || before.last !== candles.last) {
      db.close();
      throw new CliDataError(
        `the candles are not those of sweep ${id} (${before.length} candles then, ${candles.length} now): give the same --from and --to`,
      );
    }
    repo.setStatus(id, 'RUNNING', options.now);
  } else {
    id = randomUUID();
    const request: Stored = { argv: [...options.argv], candles };
    repo.create({ id, at: options.now, strategyName: options.strategyName, request, total: options.total });
  }
  return {
    id,
    done: (window) => repo.results(id, window),
    add: (window, results) => void repo.add(id, window, results),
    finish: (status, detail) => repo.setStatus(id, status, Date.now(), detail ?? null),
    close: () => db.close(),
  };
}
