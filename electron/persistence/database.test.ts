import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DatabaseOpenError, openDatabase } from './database.js';
import { assertMigrationList, type Migration } from './migration.js';
import { MIGRATIONS } from './migrations/index.js';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-db-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const open = (file: string, migrations: readonly Migration[] = MIGRATIONS) =>
  openDatabase({ file, migrations, synchronous: 'FULL' });

describe('openDatabase', () => {
  it('creates a WAL database at the latest schema with synchronous=FULL', () => {
    const file = path.join(dir, 'nested', 'w.db');
    const db = open(file);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    db.close();
  });

  it('applies only the migrations a file does not have yet', () => {
    const file = path.join(dir, 'w.db');
    const calls: number[] = [];
    const m = (version: number): Migration => ({
      version,
      name: `m${version}`,
      up: (db) => {
        calls.push(version);
        db.exec(`CREATE TABLE t${version} (x INTEGER)`);
      },
    });
    open(file, [m(1)]).close();
    open(file, [m(1), m(2)]).close();
    expect(calls).toEqual([1, 2]);
  });

  it('refuses a file that is not a database, names it and leaves it untouched', () => {
    const file = path.join(dir, 'w.db');
    fs.writeFileSync(file, 'this is a text file, not a database'.repeat(200));
    const before = fs.readFileSync(file);
    expect(() => open(file)).toThrow(DatabaseOpenError);
    expect(() => open(file)).toThrow(file);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  it('refuses a damaged database and leaves it untouched', () => {
    const file = path.join(dir, 'w.db');
    const db = new BetterSqlite3(file);
    db.exec('CREATE TABLE t (x TEXT); CREATE INDEX tx ON t(x);');
    const insert = db.prepare('INSERT INTO t VALUES (?)');
    for (let i = 0; i < 2000; i++) insert.run(`row ${i} ${'x'.repeat(50)}`);
    db.close();
    const bytes = fs.readFileSync(file);
    bytes.fill(0xff, 4096 + 100, 4096 * 3); // scribble over b-tree pages
    fs.writeFileSync(file, bytes);
    expect(() => open(file)).toThrow(/damaged|could not be read|malformed/);
    expect(fs.readFileSync(file).equals(bytes)).toBe(true);
  });

  it('refuses a database written by a newer version, naming the versions', () => {
    const file = path.join(dir, 'w.db');
    const db = new BetterSqlite3(file);
    db.pragma('user_version = 999');
    db.close();
    const before = fs.readFileSync(file);
    expect(() => open(file)).toThrow(/newer version.*schema 999/);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  it('catches a migration list with a gap', () => {
    const noop = () => undefined;
    expect(() =>
      assertMigrationList([
        { version: 1, name: 'a', up: noop },
        { version: 3, name: 'c', up: noop },
      ]),
    ).toThrow(/position 2 holds version 3/);
  });
});
