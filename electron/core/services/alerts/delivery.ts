/**
 * Delivers fired alerts to their external channels (Telegram, Discord, webhook), retrying with
 * backoff: 5 s, 15 s, 1 min, 5 min, 15 min, then the delivery is marked failed and stays visible
 * in the alerts list with its last error. A channel that refuses the request (a wrong token or
 * URL) fails at once. Pending deliveries are rows in the database, so a restart resumes them.
 */
import type { AlertChannel, AlertView } from '../../../../shared/domain/alerts.js';
import type { SecretName } from '../../../../shared/domain/secrets.js';
import { sendToChannel, type ChannelConfig, type ExternalChannel } from '../../../adapters/notify/alert-channels.js';
import type { Clock } from '../../../engine/clock.js';
import type { Scheduler, TimerHandle } from '../../../engine/scheduler.js';
import type { Logger } from '../../../logging/types.js';
import type { AlertRepo } from '../../../persistence/repositories/alert-repo.js';

export const RETRY_DELAYS_MS = [5_000, 15_000, 60_000, 300_000, 900_000] as const;
export const TELEGRAM_API = 'https://api.telegram.org';

export type DeliveryDeps = {
  repo: AlertRepo;
  clock: Clock;
  scheduler: Scheduler;
  logger: Logger;
  reveal: (name: SecretName) => Promise<string | null>;
  telegramBaseUrl?: string;
  fetch?: typeof fetch;
  onUpdated: (alert: AlertView) => void;
};

export type DeliveryWorker = {
  /** Looks for due deliveries now (after an alert fired, or at start). */
  kick(): void;
  /** One attempt now for this alert's delivery (a channel test answers with its outcome). */
  deliverNow(alertId: string, channel: AlertChannel): Promise<void>;
  close(): Promise<void>;
};

const NOT_SET_UP: Record<ExternalChannel, string> = {
  telegram: 'Telegram is not set up: add the bot token and the chat id in Alerts › Channels',
  discord: 'Discord is not set up: add the webhook URL in Alerts › Channels',
  webhook: 'the webhook is not set up: add its URL in Alerts › Channels',
};

export async function channelConfig(
  channel: ExternalChannel,
  reveal: DeliveryDeps['reveal'],
  telegramBaseUrl: string,
): Promise<ChannelConfig | null> {
  switch (channel) {
    case 'telegram': {
      const [botToken, chatId] = await Promise.all([
        reveal('alerts.telegram.botToken'),
        reveal('alerts.telegram.chatId'),
      ]);
      return botToken && chatId ? { channel, botToken, chatId, baseUrl: telegramBaseUrl } : null;
    }
    case 'discord': {
      const webhookUrl = await reveal('alerts.discord.webhookUrl');
      return webhookUrl ? { channel, webhookUrl } : null;
    }
    case 'webhook': {
      const url = await reveal('alerts.webhook.url');
      return url ? { channel, url } : null;
    }
  }
}

export function createDeliveryWorker(deps: DeliveryDeps): DeliveryWorker {
  const { repo, clock, scheduler, logger } = deps;
  let timer: TimerHandle | null = null;
  let running: Promise<void> | null = null;
  let again = false;
  let closed = false;

  function schedule(): void {
    if (closed) return;
    if (timer !== null) scheduler.clearTimeout(timer);
    timer = null;
    const next = repo.nextDue();
    if (next === null) return;
    timer = scheduler.setTimeout(
      () => {
        timer = null;
        kick();
      },
      Math.max(0, next - clock.now()),
    );
  }

  async function deliver(alertId: string, channel: AlertChannel, attempts: number): Promise<void> {
    const alert = repo.alert(alertId);
    if (!alert || channel === 'desktop') return;
    const config = await channelConfig(channel, deps.reveal, deps.telegramBaseUrl ?? TELEGRAM_API);
    const outcome = config
      ? await sendToChannel(config, alert, deps.fetch ? { fetch: deps.fetch } : {})
      : ({ ok: false, permanent: true, error: NOT_SET_UP[channel], retryAfterMs: null } as const);
    const tries = attempts + 1;
    if (outcome.ok) {
      repo.updateDelivery(alertId, channel, { state: 'sent', attempts: tries, lastError: null, nextAttemptAt: null });
    } else if (outcome.permanent || tries > RETRY_DELAYS_MS.length) {
      repo.updateDelivery(alertId, channel, {
        state: 'failed',
        attempts: tries,
        lastError: outcome.error,
        nextAttemptAt: null,
      });
      logger.warn('system', `alert "${alert.title}" could not be sent to ${channel}: ${outcome.error}`, {
        alertId,
        channel,
        attempts: tries,
      });
    } else {
      const delay = Math.max(RETRY_DELAYS_MS[tries - 1]!, outcome.retryAfterMs ?? 0);
      repo.updateDelivery(alertId, channel, {
        state: 'pending',
        attempts: tries,
        lastError: outcome.error,
        nextAttemptAt: clock.now() + delay,
      });
      logger.info('system', `alert delivery to ${channel} will be retried in ${Math.round(delay / 1000)} s`, {
        alertId,
        channel,
        attempts: tries,
        error: outcome.error,
      });
    }
    const updated = repo.alert(alertId);
    if (updated) deps.onUpdated(updated);
  }

  async function pass(): Promise<void> {
    do {
      again = false;
      for (const due of repo.dueDeliveries(clock.now())) {
        if (closed) return;
        await deliver(due.alertId, due.channel, due.attempts).catch((error: unknown) =>
          logger.error('system', `alert delivery to ${due.channel} failed unexpectedly`, { error }),
        );
      }
    } while (again && !closed);
  }

  function kick(): void {
    if (closed) return;
    if (running) {
      again = true;
      return;
    }
    running = pass().finally(() => {
      running = null;
      schedule();
    });
  }

  return {
    kick,
    async deliverNow(alertId, channel) {
      await deliver(alertId, channel, 0);
      schedule();
    },
    async close() {
      closed = true;
      if (timer !== null) scheduler.clearTimeout(timer);
      timer = null;
      await running;
    },
  };
}
