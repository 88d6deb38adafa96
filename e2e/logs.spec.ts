import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { Page } from '@playwright/test';
import { parseCsvObjects } from '../electron/core/testing/parse-csv.js';
import { expect, screenshot, test } from './fixtures.js';

/** Activity a trader produces: settings changes, each one audited and logged. */
async function changeSettings(page: Page, fees: string[]): Promise<void> {
  await page.getByRole('tab', { name: 'Settings' }).click();
  await page.getByLabel('Theme').selectOption('light');
  for (const fee of fees) {
    await page.getByLabel('Default fee rate (%)').fill(fee);
    await page.getByRole('button', { name: 'Save', exact: true }).first().click();
    await expect(page.getByLabel('Default fee rate (%)')).toHaveValue(fee);
  }
}

async function downloadText(page: Page, click: () => Promise<void>): Promise<{ name: string; text: string }> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  const file = await download.path();
  return { name: download.suggestedFilename(), text: fs.readFileSync(file, 'utf8') };
}

test('filter the logs, follow and pause the live tail, export CSV and check its rows', async ({
  app,
  engine,
  context,
}) => {
  await changeSettings(app, ['0.2', '0.25']);
  await app.getByRole('tab', { name: 'Logs' }).click();
  const list = app.getByTestId('log-list');
  await expect(list.getByRole('option').first()).toBeVisible();

  // Filter: category system, text "setting", levels info only.
  await app.getByLabel('Category').selectOption('system');
  await app.getByLabel('Search').fill('setting');
  await app.getByRole('checkbox', { name: 'info' }).check();
  await expect(list.getByRole('option')).toHaveCount(3);
  await expect(list.getByRole('option').first()).toContainText('setting defaultFeeRate: 0.002 -> 0.0025');

  // The detail pane shows the entry's JSON.
  await list.getByRole('option').last().click();
  const detail = app.getByTestId('detail-json');
  await expect(detail).toContainText('"setting": "theme"');
  await expect(detail).toContainText('"category": "system"');

  // Live tail: a change made elsewhere appears at the top; while paused it is counted instead.
  const other = await context.newPage();
  await other.goto(engine.url);
  await changeSettings(other, ['0.3']);
  await expect(list.getByRole('option')).toHaveCount(4);
  await expect(list.getByRole('option').first()).toContainText('0.0025 -> 0.003');
  await app.getByRole('button', { name: 'Pause live tail' }).click();
  await changeSettings(other, ['0.4', '0.5']);
  await expect(app.getByTestId('tail-state')).toHaveText('Paused: 2 new entries');
  await expect(list.getByRole('option')).toHaveCount(4);
  await app.getByRole('button', { name: 'Resume live tail' }).click();
  await expect(list.getByRole('option')).toHaveCount(6);
  await expect(app.getByTestId('tail-state')).toHaveText('Live');
  await other.close();
  await screenshot(app, 'logs-filtered');

  // Export the current filter as CSV through the browser download, then read it back.
  const csv = await downloadText(app, () =>
    app.getByRole('group', { name: 'Export logs' }).getByRole('link', { name: 'CSV' }).click(),
  );
  expect(csv.name).toMatch(/^workstation-logs-\d{8}T\d{6}Z\.csv$/);
  const rows = parseCsvObjects(csv.text);
  // Audit ids depend on what else was recorded since start: compare the messages without them.
  expect(rows.map((r) => r.message?.replace(/^audit #\d+ /, 'audit #N '))).toEqual([
    'audit #N setting.changed: setting theme: "dark" -> "light"',
    'audit #N setting.changed: setting defaultFeeRate: 0.0026 -> 0.002',
    'audit #N setting.changed: setting defaultFeeRate: 0.002 -> 0.0025',
    'audit #N setting.changed: setting defaultFeeRate: 0.0025 -> 0.003',
    'audit #N setting.changed: setting defaultFeeRate: 0.003 -> 0.004',
    'audit #N setting.changed: setting defaultFeeRate: 0.004 -> 0.005',
  ]);
  for (const row of rows) {
    expect(row).toMatchObject({ level: 'info', category: 'system', symbol: '' });
    expect(row.time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(Date.parse(row.time!)).toBe(Number(row.time_ms));
  }
  expect(JSON.parse(rows[1]!.context!)).toMatchObject({
    kind: 'setting.changed',
    details: { old: 0.0026, new: 0.002 },
  });
});

test('the audit trail verifies, exports with its hash chain, and the status panel tells the truth', async ({ app }) => {
  await changeSettings(app, ['0.2']);
  await app.getByRole('tab', { name: 'Logs' }).click();
  await app.getByRole('button', { name: 'Audit trail' }).click();
  await app.getByLabel('Audit kind').selectOption('setting.changed');
  await expect(app.getByRole('row')).toHaveCount(3); // header + 2 entries
  await expect(app.getByRole('row').nth(1)).toContainText('setting defaultFeeRate: 0.0026 -> 0.002');
  await app.getByRole('button', { name: 'Verify chain' }).click();
  await expect(app.getByTestId('audit-verify-result')).toContainText(/Chain intact: \d+ entries checked/);
  await app.getByLabel('Audit kind').selectOption('');
  const auditCsv = app.getByRole('group', { name: 'Export audit trail' }).getByRole('link', { name: 'CSV' });
  await expect(auditCsv).not.toHaveAttribute('href', /auditKind/); // the filter settles after typing stops

  const csv = await downloadText(app, () => auditCsv.click());
  expect(csv.name).toMatch(/^workstation-audit-trail-\d{8}T\d{6}Z\.csv$/);
  const rows = parseCsvObjects(csv.text);
  expect(rows.filter((r) => r.kind === 'setting.changed').map((r) => [r.actor, r.summary])).toEqual([
    ['user', 'setting theme: "dark" -> "light"'],
    ['user', 'setting defaultFeeRate: 0.0026 -> 0.002'],
  ]);
  // The whole trail, oldest first, each entry linked to the one before it.
  expect(rows[0]?.prev_hash).toBe('0'.repeat(64));
  rows.forEach((row, i) => {
    expect(row.id).toBe(String(i + 1));
    if (i > 0) expect(row.prev_hash).toBe(rows[i - 1]?.hash);
  });
  // The download itself is a decision on record.
  await expect(app.getByRole('row').nth(1)).toContainText('data.exported');
  await screenshot(app, 'logs-audit');

  await app.getByRole('button', { name: 'System status' }).click();
  const status = app.getByTestId('system-status');
  await expect(status).toContainText('Exchange connectivity');
  await expect(status).toContainText('Not running');
  await expect(status).toContainText('workstation.db');
  await expect(app.getByTestId('status-log-entries')).toContainText(/\d+ entries/);
  await screenshot(app, 'logs-status');
});

test('100,000 entries: only the rows in view are in the page, older pages load on scroll', async ({ app, engine }) => {
  await engine.stop();
  const db = new BetterSqlite3(path.join(engine.dataDir, 'logs.db'));
  const insert = db.prepare(
    'INSERT INTO logs (time, level, category, message, symbol, context) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const now = Date.now();
  db.transaction(() => {
    for (let i = 1; i <= 100_000; i += 1)
      insert.run(now - 100_000 + i, 'debug', 'engine', `bulk entry ${i}`, 'BTC/USD', `{"i":${i}}`);
  })();
  db.close();
  const restarted = await engine.restart();
  await app.goto(restarted.url);
  await app.getByRole('tab', { name: 'Logs' }).click();
  await app.getByLabel('Search').fill('bulk entry');
  const list = app.getByTestId('log-list');
  await expect(list.getByRole('option').first()).toContainText('bulk entry 100000');
  expect(await list.getByRole('option').count()).toBeLessThan(60);

  for (let round = 0; round < 5; round += 1) {
    await list.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
    await expect(list).not.toHaveAttribute('data-rows', String(500 + round * 1000));
  }
  await expect(list).toHaveAttribute('data-rows', '5500');
  expect(await list.getByRole('option').count()).toBeLessThan(60);
  await list.evaluate((el) => el.scrollTo({ top: 0 }));
  await expect(list.getByRole('option').first()).toContainText('bulk entry 100000');
});
