import WebSocket from 'ws';
import { TOKEN_PROTOCOL_PREFIX, WS_PROTOCOL, type ServerFrame } from '../../../shared/ipc/wire.js';

export type WsClient = {
  ws: WebSocket;
  events: { event: string; payload: unknown }[];
  /** Sends a text frame as is and resolves with the answer carrying `expectId`. */
  sendRaw(text: string, expectId: number): Promise<unknown>;
  call(name: unknown, input: unknown): Promise<unknown>;
};

/**
 * A client of the headless server's WebSocket as the browser UI is: the token offered as a
 * subprotocol beside the app's own. `token: null` offers none.
 */
export async function connectWs(
  port: number,
  options: { token: string | null; path?: string; headers?: Record<string, string>; scheme?: 'ws' | 'wss' } & Pick<
    WebSocket.ClientOptions,
    'rejectUnauthorized' | 'ca'
  >,
): Promise<WsClient> {
  const protocols = options.token === null ? [] : [WS_PROTOCOL, `${TOKEN_PROTOCOL_PREFIX}${options.token}`];
  const ws = new WebSocket(`${options.scheme ?? 'ws'}://127.0.0.1:${port}${options.path ?? '/ws'}`, protocols, {
    headers: options.headers ?? {},
    ...(options.rejectUnauthorized !== undefined ? { rejectUnauthorized: options.rejectUnauthorized } : {}),
    ...(options.ca !== undefined ? { ca: options.ca } : {}),
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const waiting = new Map<number, (r: unknown) => void>();
  const events: { event: string; payload: unknown }[] = [];
  ws.on('message', (data) => {
    const frame = JSON.parse(String(data)) as ServerFrame;
    if ('event' in frame) events.push(frame);
    else waiting.get(frame.id)?.(frame.result);
  });
  let id = 0;
  const sendRaw = (text: string, expectId: number) =>
    new Promise<unknown>((resolve) => {
      waiting.set(expectId, resolve);
      ws.send(text);
    });
  return {
    ws,
    events,
    sendRaw,
    call: (name, input) => {
      const n = ++id;
      return sendRaw(JSON.stringify({ id: n, name, input }), n);
    },
  };
}
