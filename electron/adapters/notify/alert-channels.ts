/**
 * Sends one alert to an external channel over HTTP: the Telegram Bot API (sendMessage), a Discord
 * webhook, or any webhook (a JSON POST). The answer decides what the delivery worker does next:
 * sent, retry later (network trouble, 5xx, 429 with the channel's retry-after), or give up (the
 * channel refused the request: a wrong token, chat id or URL will not fix itself).
 * Messages never carry the token: the errors are written here, not taken from the HTTP client.
 */
export type ExternalChannel = 'telegram' | 'discord' | 'webhook';

export type AlertMessage = {
  id: string;
  title: string;
  message: string;
  source: string;
  symbol: string | null;
  at: number;
  ruleName: string;
};

export type ChannelConfig =
  | { channel: 'telegram'; botToken: string; chatId: string; baseUrl: string }
  | { channel: 'discord'; webhookUrl: string }
  | { channel: 'webhook'; url: string };

export type SendOutcome = { ok: true } | { ok: false; permanent: boolean; error: string; retryAfterMs: number | null };

const TELEGRAM_MAX = 4096;
const DISCORD_MAX = 2000;

const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

function text(m: AlertMessage): string {
  return `${m.title}\n${m.message}\n${new Date(m.at).toISOString()} · ${m.ruleName}`;
}

function request(config: ChannelConfig, m: AlertMessage): { url: string; body: unknown; name: string } {
  switch (config.channel) {
    case 'telegram':
      return {
        name: 'Telegram',
        url: `${config.baseUrl.replace(/\/+$/, '')}/bot${config.botToken}/sendMessage`,
        body: { chat_id: config.chatId, text: clip(text(m), TELEGRAM_MAX), disable_web_page_preview: true },
      };
    case 'discord':
      return {
        name: 'Discord',
        url: config.webhookUrl,
        body: { content: clip(text(m), DISCORD_MAX), allowed_mentions: { parse: [] } },
      };
    case 'webhook':
      return {
        name: 'the webhook',
        url: config.url,
        body: {
          id: m.id,
          title: m.title,
          message: m.message,
          source: m.source,
          symbol: m.symbol,
          at: new Date(m.at).toISOString(),
          rule: m.ruleName,
        },
      };
  }
}

/** Seconds from Telegram's parameters.retry_after, Discord's retry_after or the Retry-After header. */
function retryAfterMs(headers: Headers, body: unknown): number | null {
  const b = body as { retry_after?: unknown; parameters?: { retry_after?: unknown } } | null;
  const seconds = Number(b?.parameters?.retry_after ?? b?.retry_after ?? headers.get('retry-after') ?? NaN);
  return Number.isFinite(seconds) && seconds >= 0 ? Math.min(seconds, 3600) * 1000 : null;
}

function describe(status: number, body: unknown): string {
  const b = body as { description?: unknown; message?: unknown } | null;
  const detail = typeof b?.description === 'string' ? b.description : typeof b?.message === 'string' ? b.message : '';
  return `HTTP ${status}${detail ? `: ${clip(detail, 200)}` : ''}`;
}

const ADVICE: Record<ExternalChannel, string> = {
  telegram: 'check the bot token and chat id in Alerts › Channels',
  discord: 'check the Discord webhook URL in Alerts › Channels',
  webhook: 'check the webhook URL in Alerts › Channels',
};

function parseJson(raw: string): unknown {
  try {
    return raw ? (JSON.parse(raw) as unknown) : null;
  } catch {
    return null;
  }
}

export async function sendToChannel(
  config: ChannelConfig,
  m: AlertMessage,
  options: { timeoutMs?: number; fetch?: typeof fetch } = {},
): Promise<SendOutcome> {
  const { url, body, name } = request(config, m);
  const doFetch = options.fetch ?? fetch;
  let response: Response;
  try {
    response = await doFetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'TradingWorkstation-Alerts/1' },
      body: JSON.stringify(body),
      redirect: 'error',
      signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
    });
  } catch (error) {
    const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
    return {
      ok: false,
      permanent: false,
      error: timedOut ? `${name} did not answer in time` : `cannot reach ${name}: check the connection`,
      retryAfterMs: null,
    };
  }
  const raw = await response.text().catch(() => '');
  const parsed = parseJson(raw);
  const telegramRefused =
    config.channel === 'telegram' && response.ok && (parsed as { ok?: unknown } | null)?.ok === false;
  if (response.ok && !telegramRefused) return { ok: true };
  const status = response.status;
  if (status === 429 || status >= 500) {
    return {
      ok: false,
      permanent: false,
      error: `${name} answered ${describe(status, parsed)}`,
      retryAfterMs: retryAfterMs(response.headers, parsed),
    };
  }
  return {
    ok: false,
    permanent: true,
    error: `${name} refused the alert (${describe(status, parsed)}): ${ADVICE[config.channel]}`,
    retryAfterMs: null,
  };
}
