import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Secrets in an encrypted file with a fixed passphrase: headless engines in tests need no keychain. */
export const HEADLESS_TEST_ENV = { WORKSTATION_SECRETS: 'file', WORKSTATION_SECRETS_PASSPHRASE: 'test passphrase' };

/** A stand-in for the built UI (out/renderer): an index.html, and with `assets` an assets/app.js. Remove it after. */
export function makeStaticRoot(options: { assets?: boolean } = {}): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-static-'));
  fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>TW</title>');
  if (options.assets) {
    fs.mkdirSync(path.join(root, 'assets'));
    fs.writeFileSync(path.join(root, 'assets', 'app.js'), 'console.log(1)');
  }
  return root;
}
