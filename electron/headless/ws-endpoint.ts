import { WebSocketServer, type WebSocket } from 'ws';
import { RequestFrame, WS_PROTOCOL, type EventFrame, type ResponseFrame } from '../../shared/ipc/wire.js';
import type { Core } from '../core/create-core.js';
import { describeIssues, type CallContext } from '../core/dispatch.js';
import type { DownloadLinks } from './download-links.js';

export const MAX_FRAME_BYTES = 1024 * 1024;

function send(socket: WebSocket, frame: ResponseFrame | EventFrame): void {
  if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(frame));
}

/** Parses one text frame and answers it; a malformed frame gets an error answer, never a crash. */
export async function handleFrame(
  core: Core,
  socket: WebSocket,
  text: string,
  ctx: CallContext = { transport: 'ws' },
): Promise<void> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    send(socket, {
      id: -1,
      result: { ok: false, error: { code: 'invalid_input', message: 'the frame is not JSON' } },
    });
    return;
  }
  const frame = RequestFrame.safeParse(json);
  if (!frame.success) {
    const id = typeof (json as { id?: unknown })?.id === 'number' ? (json as { id: number }).id : -1;
    send(socket, {
      id,
      result: { ok: false, error: { code: 'invalid_input', message: `frame: ${describeIssues(frame.error)}` } },
    });
    return;
  }
  const result = await core.dispatch(frame.data.name, frame.data.input, ctx);
  send(socket, { id: frame.data.id, result });
}

/**
 * The contract over WebSocket: requests with ids, responses, and every engine event pushed. The
 * server has checked the token (a subprotocol) before the upgrade; the app protocol is selected
 * so that the browser accepts the handshake, the token's protocol is never echoed.
 */
export function createWsEndpoint(core: Core, downloads: DownloadLinks): WebSocketServer {
  const ctx: CallContext = { transport: 'ws', downloads };
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_FRAME_BYTES,
    handleProtocols: (protocols) => (protocols.has(WS_PROTOCOL) ? WS_PROTOCOL : false),
  });
  const unsubscribe = core.events.subscribe((event, payload) => {
    const text = JSON.stringify({ event, payload } satisfies EventFrame);
    for (const client of wss.clients) if (client.readyState === client.OPEN) client.send(text);
  });
  wss.on('close', unsubscribe);
  wss.on('connection', (socket) => {
    socket.on('message', (data, isBinary) => {
      const text = isBinary ? '' : data.toString();
      handleFrame(core, socket, text, ctx).catch((error: unknown) => {
        core.logger.error('system', 'a WebSocket frame could not be answered', { error });
      });
    });
    socket.on('error', (error) => core.logger.warn('system', 'WebSocket client error', { error }));
  });
  return wss;
}
