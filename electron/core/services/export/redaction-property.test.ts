// Property: for random secrets, every form a secret takes on its way into text (as is, case
// changed, JSON-escaped with and without "\/" or \u escapes, percent-encoded in upper or lower
// case, form-encoded, or cut to a long prefix) leaves no trace in the logs (the store and the
// file), the audit trail, or any export of them.
import fs from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { EXPORT_FORMATS, type ExportRequest } from '../../../../shared/domain/export.js';
import { createMemorySecretStore } from '../../../adapters/secrets/memory-store.js';
import { parseCsv } from '../../testing/parse-csv.js';
import { createTempCore, type TempCore } from '../../testing/temp-core.js';

/** mulberry32: the same "random" secrets on every run, so a failure can be reproduced. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz0123456789/+=%"\\ :_-.!\'()*&?#é';
const PREFIX = 12;

function randomSecret(next: () => number): string {
  const length = 8 + Math.floor(next() * 72);
  let s = '';
  // Begins with a letter and a digit so that every secret is distinctive from its first characters.
  s += ALPHABET.charAt(Math.floor(next() * 48)) + String(Math.floor(next() * 10));
  while (s.length < length) s += ALPHABET.charAt(Math.floor(next() * ALPHABET.length));
  return s;
}

/** Every encoding the property covers, as it would be written into a message. */
function encodings(secret: string): Record<string, string> {
  const json = JSON.stringify(secret).slice(1, -1);
  const uri = encodeURIComponent(secret);
  const swap = [...secret].map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join('');
  return {
    raw: secret,
    upper: secret.toUpperCase(),
    lower: secret.toLowerCase(),
    swapped: swap,
    json,
    jsonSlash: json.replaceAll('/', '\\/'),
    jsonAscii: json.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`),
    percentUpper: uri,
    percentLower: uri.replace(/%[0-9A-F]{2}/g, (e) => e.toLowerCase()),
    form: new URLSearchParams({ v: secret }).toString().slice(2),
    prefix: secret.slice(0, PREFIX + Math.floor((secret.length - PREFIX) / 2)),
  };
}

/** Every string leaf of a parsed value, so that CSV quoting or JSON escaping cannot hide a copy. */
function leaves(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) leaves(v, out);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) leaves(v, out);
  return out;
}

let t: TempCore | null = null;
afterEach(async () => {
  await t?.cleanup();
  t = null;
});

async function exportText(core: TempCore, request: ExportRequest): Promise<string> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  await core.core.services.exporter.stream(request, out);
  out.end();
  return Buffer.concat(chunks).toString('utf8');
}

/** Everything the app wrote where a person could read it, decoded to plain strings. */
async function everythingWritten(core: TempCore): Promise<Array<{ where: string; text: string }>> {
  const found: Array<{ where: string; text: string }> = [];
  found.push({ where: 'log store', text: leaves(core.core.services.logStore.query({})).join('\n') });
  found.push({ where: 'audit trail', text: leaves(core.core.services.audit.query({})).join('\n') });
  const logDir = path.join(core.dataDir, 'logs');
  for (const file of fs.existsSync(logDir) ? fs.readdirSync(logDir) : []) {
    const lines = fs.readFileSync(path.join(logDir, file), 'utf8').split('\n').filter(Boolean);
    found.push({ where: `log file ${file}`, text: leaves(lines.map((l) => JSON.parse(l) as unknown)).join('\n') });
  }
  for (const kind of ['logs', 'audit'] as const) {
    for (const format of EXPORT_FORMATS) {
      const text = await exportText(core, { kind, format, filter: {} });
      const parsed: unknown =
        format === 'csv'
          ? parseCsv(text)
          : format === 'json'
            ? JSON.parse(text)
            : text
                .split('\n')
                .filter(Boolean)
                .map((l) => JSON.parse(l) as unknown);
      found.push({ where: `${kind} ${format} export`, text: leaves(parsed).join('\n') });
    }
  }
  return found;
}

describe('redaction property: random secrets in every encoding', () => {
  it('leaves 0 occurrences in logs, log files, the audit trail and every export', async () => {
    t = await createTempCore();
    const next = random(20261207);
    const secrets = Array.from({ length: 30 }, () => randomSecret(next));
    for (const [i, secret] of secrets.entries()) {
      const name = i % 2 === 0 ? 'exchange.kraken.secret' : 'anthropic.apiKey';
      const r = await t.core.dispatch('secrets.set', { name, value: secret }, { transport: 'test' });
      expect(r.ok).toBe(true);
    }
    for (const secret of secrets) {
      for (const [label, text] of Object.entries(encodings(secret))) {
        t.core.logger.warn('exchange', `request failed (${label}): ${text} end`, {
          note: `body ${text}`,
          symbol: 'BTC/USD',
        });
        t.core.services.audit.record('ai.generation', 'user', `generated (${label}) ${text}`, { note: text });
      }
    }
    await t.core.logger.close();

    const written = await everythingWritten(t);
    const leaks: string[] = [];
    for (const { where, text } of written) {
      const haystack = text.toLowerCase();
      for (const secret of secrets) {
        for (const [label, form] of Object.entries(encodings(secret))) {
          if (haystack.includes(form.slice(0, PREFIX).toLowerCase()))
            leaks.push(`${where}: ${label} of ${JSON.stringify(secret)}`);
        }
      }
    }
    expect(leaks).toEqual([]);
    // The entries themselves are all there, only the secrets are gone.
    expect(written.find((w) => w.where === 'log store')?.text).toContain('request failed (percentLower)');
  });

  it('the advisor teaches the redactor the Anthropic key it reads from the store', async () => {
    // Short of the generic patterns (no sk- prefix, under 40 characters): only the registered key finds it.
    const KEY = `Qw3Zx9Lm${'Pk7_'.repeat(5)}Tt`;
    const store = createMemorySecretStore();
    await store.set('anthropic.apiKey', KEY);
    t = await createTempCore({ secretStore: store });
    const mangledEarly = KEY.toLowerCase();
    t.core.logger.warn('ai', `before the advisor ${mangledEarly}`);
    expect(leaves(t.core.services.logStore.query({ text: 'before the advisor' })).join('\n')).toContain(mangledEarly);
    const status = await t.core.dispatch('ai.advisor.status', {}, { transport: 'test' });
    expect(status.ok).toBe(true);
    // A copy in lower case, as an error message might echo it.
    const mangled = KEY.toLowerCase();
    t.core.logger.warn('ai', `advisor request echoed ${mangled}`);
    const text = leaves(t.core.services.logStore.query({ text: 'advisor request echoed' })).join('\n');
    expect(text).toContain('advisor request echoed');
    expect(text.toLowerCase()).not.toContain(mangled);
  });
});
