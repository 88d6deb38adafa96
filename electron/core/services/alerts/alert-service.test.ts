import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Candle } from '../../../../shared/domain/market.js';
import { startAlertServer, type AlertServer } from '../../../adapters/notify/testing/alert-server.js';
import { createAlertHarness, eventually } from './testing/alert-harness.js';

const MIN = 60_000;
const T0 = Date.UTC(2026, 0, 1);
const candle = (i: number, close: number): Candle => ({
  time: T0 + i * MIN,
  open: close,
  high: close + 1,
  low: close - 1,
  close,
  volume: 5,
});

describe('condition alerts', () => {
  it('fires "Price crosses above" once at the crossing candle and a once-alert turns itself off', async () => {
    const h = createAlertHarness({ start: T0 });
    const rule = h.service.createRule({
      kind: 'condition',
      name: 'BTC breakout',
      symbol: 'BTC/USD',
      timeframe: '1m',
      condition: 'Price crosses above 70000',
      repeat: 'once',
      channels: ['desktop'],
    });
    [69_000, 69_500, 69_900].forEach((p, i) => h.close('BTC/USD', '1m', candle(i, p)));
    await new Promise((r) => setTimeout(r, 20));
    expect(h.service.list(10, false)).toHaveLength(0);

    h.clock.set(T0 + 4 * MIN);
    h.close('BTC/USD', '1m', candle(3, 70_100));
    await eventually(() => h.fired.length === 1, 'the alert to fire');
    const [alert] = h.service.list(10, false);
    expect(alert).toMatchObject({ ruleId: rule.id, source: 'condition', symbol: 'BTC/USD', read: false });
    expect(alert!.message).toContain('Price crosses above 70000');
    expect(h.service.rules()[0]).toMatchObject({ enabled: false, firedCount: 1 });

    // Down and up again: a once-alert that fired stays quiet.
    h.close('BTC/USD', '1m', candle(4, 69_000));
    h.close('BTC/USD', '1m', candle(5, 70_500));
    await new Promise((r) => setTimeout(r, 20));
    expect(h.fired).toHaveLength(1);
  });

  it('repeats with its cool-down and counts unread alerts until they are read', async () => {
    const h = createAlertHarness({ start: T0 });
    h.service.createRule({
      kind: 'condition',
      name: 'Cheap SOL',
      symbol: 'SOL/USD',
      timeframe: '1m',
      condition: 'Price < 100',
      repeat: 'repeat',
      cooldownMinutes: 10,
      channels: ['desktop'],
    });
    for (let i = 0; i < 25; i++) {
      h.clock.set(T0 + (i + 1) * MIN);
      h.close('SOL/USD', '1m', candle(i, 95));
      await new Promise((r) => setTimeout(r, 2));
    }
    // Minutes 1, 11 and 21 (the cool-down is 10 minutes).
    await eventually(() => h.fired.length === 3, 'three firings');
    expect((await h.service.summary()).unread).toBe(3);
    const first = h.service.list(1, false)[0]!;
    expect((await h.service.markRead([first.id])).unread).toBe(2);
    expect((await h.service.markRead('all')).unread).toBe(0);
  });

  it('refuses a condition that does not check, naming the column and a suggestion', () => {
    const h = createAlertHarness();
    expect(() =>
      h.service.createRule({
        kind: 'condition',
        name: 'typo',
        symbol: 'BTC/USD',
        timeframe: '1m',
        condition: 'RSY(14) < 25',
        repeat: 'once',
        channels: ['desktop'],
      }),
    ).toThrow(/column 1: .*did you mean "RSI"/);
    expect(() => h.service.createRule({ kind: 'event', name: 'x', events: [], channels: ['desktop'] })).toThrow(
      /choose at least one event/,
    );
    expect(h.service.rules()).toHaveLength(0);
  });
});

describe('delivery to Telegram, Discord and a webhook', () => {
  let server: AlertServer;
  beforeEach(async () => {
    server = await startAlertServer();
  });
  afterEach(async () => {
    await server.close();
  });

  function setUp() {
    const h = createAlertHarness({ telegramBaseUrl: server.url, start: T0 });
    h.secrets.set('alerts.telegram.botToken', server.telegramToken);
    h.secrets.set('alerts.telegram.chatId', server.chatId);
    h.secrets.set('alerts.discord.webhookUrl', server.discordUrl);
    h.secrets.set('alerts.webhook.url', server.webhookUrl);
    return h;
  }
  const fill = {
    kind: 'fill' as const,
    title: 'Filled: BUY 0.01 BTC/USD',
    message: 'at 60000',
    symbol: 'BTC/USD',
  };

  it('sends an event alert to every channel of its rule in their own shapes', async () => {
    const h = setUp();
    h.service.createRule({
      kind: 'event',
      name: 'Fills',
      events: ['fill'],
      channels: ['telegram', 'discord', 'webhook'],
    });
    h.service.onEvent(fill);
    h.service.onEvent({ ...fill, kind: 'veto', title: 'not listed' });
    await eventually(() => server.received.length === 3, 'three deliveries');
    const by = Object.fromEntries(server.received.map((r) => [r.route, r.body]));
    expect(by.telegram).toMatchObject({ chat_id: server.chatId });
    expect(String(by.telegram!.text)).toContain('Filled: BUY 0.01 BTC/USD');
    expect(String(by.discord!.content)).toContain('Filled: BUY 0.01 BTC/USD');
    expect(by.webhook).toMatchObject({ title: 'Filled: BUY 0.01 BTC/USD', source: 'fill', symbol: 'BTC/USD' });
    await eventually(
      () => h.service.list(5, false)[0]!.deliveries.every((d) => d.state === 'sent'),
      'every delivery marked sent',
    );
    expect(h.service.list(5, false)).toHaveLength(1);
  });

  it('retries with backoff after 5xx and 429, and resumes pending deliveries after a restart', async () => {
    const h = setUp();
    h.service.createRule({ kind: 'event', name: 'Fills', events: ['fill'], channels: ['telegram'] });
    server.fail('telegram', [502, 429]);
    h.service.onEvent(fill);
    const delivery = () => h.service.list(1, false)[0]!.deliveries[0]!;
    await eventually(() => delivery().attempts === 1, 'the first attempt');
    expect(delivery()).toMatchObject({ state: 'pending', nextAttemptAt: T0 + 5_000 });
    expect(delivery().lastError).toMatch(/HTTP 502/);

    await eventually(() => h.scheduler.pending() === 1, 'the retry to be scheduled');
    h.scheduler.advance(5_000);
    await eventually(() => delivery().attempts === 2, 'the second attempt');
    expect(delivery()).toMatchObject({ state: 'pending', nextAttemptAt: T0 + 5_000 + 15_000 });

    // The app stops here; a new worker on the same database picks the pending delivery up.
    await h.delivery.close();
    const { createDeliveryWorker } = await import('./delivery.js');
    const again = createDeliveryWorker({
      repo: h.repo,
      clock: h.clock,
      scheduler: h.scheduler,
      logger: h.logger,
      reveal: (n) => Promise.resolve(h.secrets.get(n) ?? null),
      telegramBaseUrl: server.url,
      onUpdated: () => undefined,
    });
    again.kick();
    await eventually(() => h.scheduler.pending() === 1, 'the retry to be scheduled');
    h.scheduler.advance(15_000);
    await eventually(() => delivery().state === 'sent', 'the delivery after the restart');
    expect(delivery().attempts).toBe(3);
    expect(server.received).toHaveLength(1);
    await again.close();
  });

  it('gives up at once when the channel refuses the request, and never writes the token in the error', async () => {
    const h = setUp();
    h.secrets.set('alerts.telegram.botToken', 'wrong-token-0123456789');
    h.service.createRule({ kind: 'event', name: 'Fills', events: ['fill'], channels: ['telegram', 'webhook'] });
    h.secrets.delete('alerts.webhook.url');
    h.service.onEvent(fill);
    await eventually(
      () => h.service.list(1, false)[0]!.deliveries.every((d) => d.state === 'failed'),
      'both deliveries failed',
    );
    const [telegram, webhook] = ['telegram', 'webhook'].map((c) =>
      h.service.list(1, false)[0]!.deliveries.find((d) => d.channel === c)!,
    );
    expect(telegram!.lastError).toMatch(/Telegram refused the alert \(HTTP 401: Unauthorized\): check the bot token/);
    expect(telegram!.lastError).not.toContain('wrong-token');
    expect(webhook!.lastError).toMatch(/the webhook is not set up/);
    expect(telegram!.attempts).toBe(1);
    expect((await h.service.summary()).failedDeliveries).toBe(2);
  });

  it('a channel test answers with the outcome of its first attempt', async () => {
    const h = setUp();
    const sent = await h.service.test('discord');
    expect(sent.deliveries).toEqual([expect.objectContaining({ channel: 'discord', state: 'sent', attempts: 1 })]);
    h.secrets.delete('alerts.telegram.chatId');
    const refused = await h.service.test('telegram');
    expect(refused.deliveries[0]).toMatchObject({ state: 'failed' });
    expect(refused.deliveries[0]!.lastError).toMatch(/add the bot token and the chat id/);
  });
});
