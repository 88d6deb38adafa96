import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createStatementCache, distinct } from './statement-cache.js';

const dbs: Database.Database[] = [];
afterEach(() => {
  for (const db of dbs.splice(0)) db.close();
});

function openDb(): Database.Database {
  const db = new Database(':memory:');
  dbs.push(db);
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)');
  db.prepare('INSERT INTO t (v) VALUES (?), (?), (?)').run('a', 'b', 'c');
  return db;
}

describe('statement cache', () => {
  it('keeps at most its size of statements however many shapes are asked for, and answers each right', () => {
    const cache = createStatementCache<{ n: number }>(openDb(), 16);
    for (let i = 1; i <= 3000; i += 1) {
      const placeholders = new Array<string>(1 + (i % 200)).fill('?').join(', ');
      const values = new Array<string>(1 + (i % 200)).fill('b');
      const row = cache.get(`SELECT count(*) AS n FROM t WHERE v IN (${placeholders})`).get(...values);
      expect(row?.n).toBe(1);
      expect(cache.size()).toBeLessThanOrEqual(16);
    }
  });

  it('keeps the statements in use and drops the least recently used', () => {
    const cache = createStatementCache<{ v: string }>(openDb(), 2);
    const a = cache.get("SELECT v FROM t WHERE v = 'a'");
    cache.get("SELECT v FROM t WHERE v = 'b'");
    expect(cache.get("SELECT v FROM t WHERE v = 'a'")).toBe(a);
    cache.get("SELECT v FROM t WHERE v = 'c'");
    expect(cache.get("SELECT v FROM t WHERE v = 'a'")).toBe(a);
    expect(cache.size()).toBe(2);
  });

  it('lists each filter value once', () => {
    expect(distinct(['info', 'warn', 'info', 'info'])).toEqual(['info', 'warn']);
  });
});
