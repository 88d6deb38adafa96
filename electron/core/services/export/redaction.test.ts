import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EXPORT_FORMATS, type ExportRequest } from '../../../../shared/domain/export.js';
import { REDACTED } from '../../../logging/redact.js';
import { createTempCore, type TempCore } from '../../testing/temp-core.js';

let t: TempCore;
beforeEach(async () => {
  t = await createTempCore();
});
afterEach(() => t.cleanup());

async function exportText(request: ExportRequest): Promise<string> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  await t.core.services.exporter.stream(request, out);
  out.end();
  return Buffer.concat(chunks).toString('utf8');
}

const KRAKEN_SECRET = 'kR4k3nS3cr3tV4lu3-9a8b7c6d5e4f';
const ANTHROPIC_KEY = `sk-ant-api03-${'Zx9_'.repeat(23)}AA`;
const LATE_SECRET = 'learned-after-logging-7Q2w9E4r';
const BEARER = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl';

describe('redaction applies to exports', () => {
  it('no secret reaches a CSV, JSON or JSONL export of the logs, including secrets learned after they were logged', async () => {
    const { logger } = t.core;
    const { logStore } = t.core.services;
    logger.addSecret(KRAKEN_SECRET);
    logger.error('exchange', `signing failed with ${KRAKEN_SECRET}`, { symbol: 'BTC/USD', apiSecret: KRAKEN_SECRET });
    logger.warn('ai', 'request refused', {
      headers: { 'x-api-key': ANTHROPIC_KEY },
      body: `{"key":"${ANTHROPIC_KEY}"}`,
    });
    logger.info('exchange', `Authorization: Bearer ${BEARER}`, { url: `https://x/ws?token=${BEARER}` });
    // An entry stored before its secret was known (an older version, a secret typed into a note):
    // the store has it in the clear; the export must not.
    logStore.append({
      time: 1,
      level: 'info',
      category: 'system',
      message: `note mentions ${LATE_SECRET}`,
      symbol: null,
      context: { nested: [{ text: `also ${LATE_SECRET} here` }] },
    });
    expect(JSON.stringify(logStore.query({}))).toContain(LATE_SECRET);
    // Setting it as a key teaches the redactor shared by the logger and the exporter.
    await t.core.dispatch(
      'secrets.set',
      { name: 'exchange.kraken.password', value: LATE_SECRET },
      { transport: 'test' },
    );

    for (const format of EXPORT_FORMATS) {
      const text = await exportText({ kind: 'logs', format, filter: {} });
      for (const secret of [KRAKEN_SECRET, ANTHROPIC_KEY, LATE_SECRET, BEARER]) expect(text).not.toContain(secret);
      expect(text).toContain(REDACTED);
      expect(text).toContain('signing failed with');
      expect(text).toContain('note mentions');
    }
  });

  it('no secret reaches an export of the audit trail', async () => {
    t.core.logger.addSecret(KRAKEN_SECRET);
    t.core.services.audit.record('ai.generation', 'user', `generated with key ${ANTHROPIC_KEY}`, {
      model: 'claude',
      apiKey: ANTHROPIC_KEY,
      request: { note: KRAKEN_SECRET },
      tokensIn: 1200,
    });
    for (const format of EXPORT_FORMATS) {
      const text = await exportText({ kind: 'audit', format, filter: {} });
      expect(text).not.toContain(ANTHROPIC_KEY);
      expect(text).not.toContain(KRAKEN_SECRET);
      expect(text).toContain('1200');
      expect(text).toContain('ai.generation');
    }
  });
});
