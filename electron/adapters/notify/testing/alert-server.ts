/**
 * A local server that speaks the shapes the alert channels use, for tests:
 * - Telegram Bot API: POST /bot<token>/sendMessage {chat_id, text} -> {ok:true,result:{...}};
 *   an unknown token -> 401 {ok:false,error_code:401,description:"Unauthorized"}; a chat id other
 *   than the known one -> 400 "Bad Request: chat not found"; 429 with parameters.retry_after.
 * - Discord webhook: POST /api/webhooks/<id>/<token> {content} -> 204; 429 {retry_after, global}.
 * - Any webhook: POST /hook -> 200.
 * `fail(route, statuses)` makes the next requests on a route answer those statuses first.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type Received = { route: 'telegram' | 'discord' | 'webhook'; path: string; body: Record<string, unknown> };

export type AlertServer = {
  url: string;
  telegramToken: string;
  chatId: string;
  discordUrl: string;
  webhookUrl: string;
  received: Received[];
  fail(route: Received['route'], statuses: number[]): void;
  close(): Promise<void>;
};

export async function startAlertServer(): Promise<AlertServer> {
  const telegramToken = '123456:TEST-bot-token_abcdefghijklmnop';
  const chatId = '-100200300';
  const received: Received[] = [];
  const faults: Record<Received['route'], number[]> = { telegram: [], discord: [], webhook: [] };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = req.url ?? '/';
      let body: Record<string, unknown>;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
      } catch {
        res.writeHead(400).end();
        return;
      }
      const send = (status: number, payload?: unknown) => {
        if (payload === undefined) res.writeHead(status).end();
        else res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(payload));
      };
      const route: Received['route'] | null = path.startsWith('/bot')
        ? 'telegram'
        : path.startsWith('/api/webhooks/')
          ? 'discord'
          : path === '/hook'
            ? 'webhook'
            : null;
      if (req.method !== 'POST' || route === null) return send(404, { message: 'not found' });
      const fault = faults[route].shift();
      if (fault === 429) {
        return route === 'telegram'
          ? send(429, { ok: false, error_code: 429, description: 'Too Many Requests', parameters: { retry_after: 1 } })
          : send(429, { message: 'You are being rate limited.', retry_after: 1, global: false });
      }
      if (fault !== undefined) return send(fault, { ok: false, error_code: fault, description: 'injected fault' });
      if (route === 'telegram') {
        if (path !== `/bot${telegramToken}/sendMessage`)
          return send(401, { ok: false, error_code: 401, description: 'Unauthorized' });
        if (String(body.chat_id) !== chatId)
          return send(400, { ok: false, error_code: 400, description: 'Bad Request: chat not found' });
        received.push({ route, path, body });
        return send(200, { ok: true, result: { message_id: received.length, text: body.text } });
      }
      received.push({ route, path, body });
      return route === 'discord' ? send(204) : send(200, { received: true });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    telegramToken,
    chatId,
    discordUrl: `${url}/api/webhooks/1234/discord-token`,
    webhookUrl: `${url}/hook`,
    received,
    fail: (route, statuses) => void faults[route].push(...statuses),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
