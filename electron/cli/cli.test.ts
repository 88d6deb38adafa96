// The CLI as a user runs it: a child process (node --import tsx electron/cli/index.ts) on a temp data dir.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createManualClock } from '../engine/clock.js';
import { DATABASE_FILE, LOG_DATABASE_FILE } from '../core/create-core.js';
import { parseCsvObjects } from '../core/testing/parse-csv.js';
import { createTempCore, type TempCore } from '../core/testing/temp-core.js';
import { DEFAULT_SETTINGS } from '../../shared/domain/settings.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const T0 = Date.parse('2025-03-01T12:00:00Z');
let t: TempCore;
let out: string;

type Run = { code: number; stdout: string; stderr: string };
function cli(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', path.join(ROOT, 'electron/cli/index.ts'), ...args],
      {
        cwd: ROOT,
        env: { ...process.env, WORKSTATION_DATA_DIR: path.join(os.tmpdir(), 'tw-cli-no-such-dir') },
        maxBuffer: 64 * 1024 * 1024,
      },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

beforeAll(async () => {
  const clock = createManualClock(T0);
  t = await createTempCore({ clock });
  out = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-cli-out-'));
  const { logger } = t.core;
  clock.advance(60_000);
  logger.warn('risk', 'order vetoed: max position', { symbol: 'BTC/USD' });
  clock.advance(60_000);
  logger.error('exchange', 'request failed, "EAPI:Invalid nonce"', { symbol: 'ETH/USD', note: 'a,b\nc' });
  clock.advance(60_000);
  logger.info('orders', 'order filled', { symbol: 'BTC/USD' });
  await t.core.dispatch('settings.update', { theme: 'light' }, { transport: 'test' });
  await t.core.dispatch('settings.update', { defaultFeeRate: 0.002 }, { transport: 'test' });
  // Written before any redaction knew it (e.g. by an older version): the CLI's redactor catches its shape.
  t.core.services.logStore.append({
    time: T0 + 240_000,
    level: 'info',
    category: 'exchange',
    message: 'Authorization: Bearer abc.def.ghi-raw-token',
    symbol: null,
    context: { apiKey: 'plain-key-in-old-entry' },
  });
  // The core stays open: the CLI reads alongside the running app.
});
afterAll(async () => {
  await t.cleanup();
  fs.rmSync(out, { recursive: true, force: true });
});

// Each case starts the CLI through tsx several times: seconds each on a busy machine.
describe('npm run cli', { timeout: 120_000 }, () => {
  it('help lists the commands (exit 0); a missing or unknown command is a usage error (exit 2)', async () => {
    const help = await cli('help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('export-logs --out FILE');
    expect(help.stdout).toContain('audit-verify');
    const none = await cli();
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/no command given/);
    const unknown = await cli('export-everything');
    expect([unknown.code, unknown.stderr.split('\n')[0]]).toEqual([2, 'unknown command "export-everything"']);
  });

  it('explains wrong options with exit code 2', async () => {
    const dir = ['--data-dir', t.dataDir];
    const cases: Array<[string[], RegExp]> = [
      [['export-logs', ...dir], /--out FILE is required/],
      [['export-logs', ...dir, '--out', 'x', '--format', 'xml'], /--format must be csv, json or jsonl, not "xml"/],
      [['export-logs', ...dir, '--out', 'x', '--from', 'last tuesday'], /--from: "last tuesday" is not a time/],
      [
        ['export-logs', ...dir, '--out', 'x', '--level', 'loud'],
        /--level: "loud" is not one of error, warn, info, debug/,
      ],
      [['export-logs', ...dir, '--out', 'x', '--colour', 'red'], /unknown option --colour/],
      [['export-logs', ...dir, '--out'], /--out needs a value/],
      [['export-logs', ...dir, '--out', 'x', '--kind', 'risk.veto'], /--kind filters the audit trail: add --audit/],
      [['export-logs', ...dir, '--out', 'x', '--from', '2025-03-02', '--to', '2025-03-01'], /--from is after --to/],
    ];
    for (const [args, message] of cases) {
      const r = await cli(...args);
      expect([r.code, r.stderr], args.join(' ')).toEqual([2, expect.stringMatching(message)]);
    }
    // Eight CLI starts through tsx, one after the other.
  }, 120_000);

  it('export-logs writes the filtered range as CSV, redacted, while the app is running', async () => {
    const file = path.join(out, 'logs.csv');
    const r = await cli(
      'export-logs',
      '--data-dir',
      t.dataDir,
      '--format',
      'csv',
      '--from',
      '2025-03-01T12:01:00Z',
      '--to',
      '2025-03-01T12:02:00',
      '--level',
      'warn',
      '--level',
      'error',
      '--out',
      file,
    );
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^exported 2 log entries as CSV \(\d+ bytes\) to /);
    const rows = parseCsvObjects(fs.readFileSync(file, 'utf8'));
    expect(rows.map((row) => [row.time, row.level, row.category, row.symbol, row.message])).toEqual([
      ['2025-03-01T12:01:00.000Z', 'warn', 'risk', 'BTC/USD', 'order vetoed: max position'],
      ['2025-03-01T12:02:00.000Z', 'error', 'exchange', 'ETH/USD', 'request failed, "EAPI:Invalid nonce"'],
    ]);
    expect(JSON.parse(rows[1]!.context!)).toEqual({ note: 'a,b\nc' });

    const all = await cli(
      'export-logs',
      '--data-dir',
      t.dataDir,
      '--format',
      'jsonl',
      '--category',
      'exchange',
      '--out',
      '-',
    );
    expect(all.code).toBe(0);
    expect(all.stdout).toContain('Authorization: [REDACTED]');
    expect(all.stdout).not.toContain('abc.def.ghi-raw-token');
    expect(all.stdout).not.toContain('plain-key-in-old-entry');
    const lines = all.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as { category: string; message: string });
    expect(lines.every((l) => l.category === 'exchange')).toBe(true);
    expect(lines.map((l) => l.message)).toEqual(
      expect.arrayContaining(['request failed, "EAPI:Invalid nonce"', 'Authorization: [REDACTED]']),
    );
  });

  it('export-logs --audit exports the trail with its hashes, as JSON, and --kind selects', async () => {
    const file = path.join(out, 'audit.json');
    const r = await cli('export-logs', '--audit', '--data-dir', t.dataDir, '--format', 'json', '--out', file);
    expect(r.code).toBe(0);
    const entries = JSON.parse(fs.readFileSync(file, 'utf8')) as Array<Record<string, unknown>>;
    // The whole trail, oldest first, each entry linked to the one before it.
    expect(entries[0]?.prevHash).toBe('0'.repeat(64));
    entries.forEach((e, i) => {
      expect(e.id).toBe(i + 1);
      if (i > 0) expect(e.prevHash).toBe(entries[i - 1]?.hash);
    });
    const settingsFile = path.join(out, 'settings.jsonl');
    const only = await cli(
      'export-logs',
      '--audit',
      '--kind',
      'setting.changed',
      '--data-dir',
      t.dataDir,
      '--format',
      'jsonl',
      '--out',
      settingsFile,
    );
    expect(only.code).toBe(0);
    const lines = fs
      .readFileSync(settingsFile, 'utf8')
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((e) => [e.kind, e.details])).toEqual([
      ['setting.changed', { new: 'light', old: 'dark', setting: 'theme' }],
      ['setting.changed', { new: 0.002, old: DEFAULT_SETTINGS.defaultFeeRate, setting: 'defaultFeeRate' }],
    ]);
  });

  it('audit-verify: exit 0 when intact, 1 with the first broken link after an edit; 1 for a missing data dir', async () => {
    const ok = await cli('audit-verify', '--data-dir', t.dataDir);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^audit trail OK: \d+ entries checked, chain intact \(last hash [0-9a-f]{64}\)\n$/);

    const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-cli-tamper-'));
    const db = new BetterSqlite3(path.join(t.dataDir, DATABASE_FILE), { readonly: true });
    await db.backup(path.join(copy, DATABASE_FILE));
    db.close();
    const edit = new BetterSqlite3(path.join(copy, DATABASE_FILE));
    edit.exec("DROP TRIGGER audit_log_no_update; UPDATE audit_log SET summary = 'nothing happened' WHERE id = 1");
    edit.close();
    const broken = await cli('audit-verify', '--data-dir', copy);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toBe(
      'audit trail BROKEN at entry #1: its content does not match its hash: the entry was changed after it was written (1 entries checked)\n',
    );
    const noLogs = await cli('export-logs', '--data-dir', copy, '--out', path.join(out, 'x.csv'));
    expect([noLogs.code, noLogs.stderr]).toEqual([1, expect.stringContaining(`${LOG_DATABASE_FILE} does not exist`)]);
    fs.rmSync(copy, { recursive: true, force: true });
    const missing = await cli('audit-verify', '--data-dir', path.join(out, 'nowhere'));
    expect([missing.code, missing.stderr]).toEqual([
      1,
      expect.stringMatching(/workstation\.db does not exist: check --data-dir/),
    ]);
  });
});
