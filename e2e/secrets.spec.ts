import fs from 'node:fs';
import path from 'node:path';
import { expect, screenshot, test } from './fixtures.js';

const SECRET = 'sk-ant-api03-e2e-NEVER-SHOW-THIS-0123456789abcdef';

test('a key can be set and deleted, and is never shown back or stored in clear', async ({ app, engine }) => {
  await app.getByRole('tab', { name: 'Settings' }).click();
  const row = app.getByTestId('secret-anthropic-apiKey');
  await expect(app.getByTestId('secret-backend')).toContainText(/encrypted file/i);
  await expect(row.getByTestId('secret-anthropic-apiKey-status')).toHaveText('Not set');
  await row.getByLabel('Anthropic API key (Claude)').fill(SECRET);
  await row.getByRole('button', { name: 'Save' }).click();
  await expect(row.getByTestId('secret-anthropic-apiKey-status')).toHaveText('Set');
  await expect(row.getByLabel('Anthropic API key (Claude)')).toHaveValue('');
  expect(await app.content()).not.toContain(SECRET);
  await screenshot(app, 'settings-key-set');

  await app.reload();
  await app.getByRole('tab', { name: 'Settings' }).click();
  await expect(app.getByTestId('secret-anthropic-apiKey-status')).toHaveText('Set');

  // Nothing on disk holds the key in clear: not the secrets file, not the logs, not the database.
  const files = fs.readdirSync(engine.dataDir, { recursive: true, encoding: 'utf8' });
  for (const file of files) {
    const full = path.join(engine.dataDir, file);
    if (fs.statSync(full).isFile()) expect(fs.readFileSync(full).includes(SECRET), file).toBe(false);
  }

  await app.getByTestId('secret-anthropic-apiKey').getByRole('button', { name: 'Delete' }).click();
  await expect(app.getByTestId('secret-anthropic-apiKey-status')).toHaveText('Not set');
});
