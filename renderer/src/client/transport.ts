import type { Envelope } from '../../../shared/ipc/envelope';
import {
  TOKEN_PARAM,
  TOKEN_PROTOCOL_PREFIX,
  WS_PATH,
  WS_PROTOCOL,
  type ServerFrame,
  type WorkstationBridge,
} from '../../../shared/ipc/wire';

export type ConnectionState = 'connecting' | 'connected' | 'disconnected';

/** What the rest of the UI talks to, whichever way the engine is reached. */
export type Transport = WorkstationBridge & {
  kind: 'desktop' | 'websocket';
  state(): ConnectionState;
  onState(listener: (state: ConnectionState) => void): () => void;
};

type Pending = { resolve: (e: Envelope<unknown>) => void; timer: ReturnType<typeof setTimeout> };

const CALL_TIMEOUT_MS = 30_000;

function bridgeTransport(bridge: WorkstationBridge): Transport {
  return {
    kind: 'desktop',
    invoke: (name, input) => bridge.invoke(name, input),
    on: (event, listener) => bridge.on(event, listener),
    state: () => 'connected',
    onState: () => () => undefined,
  };
}

/**
 * The headless transport: one WebSocket, request ids, pushed events, reconnect with backoff. The
 * token travels as a subprotocol of the handshake (never in a cookie or the URL).
 */
export function websocketTransport(url: string, token: string): Transport {
  let socket: WebSocket | undefined;
  let state: ConnectionState = 'connecting';
  let nextId = 1;
  let retryMs = 250;
  const pending = new Map<number, Pending>();
  const queue: string[] = [];
  const eventListeners = new Map<string, Set<(payload: unknown) => void>>();
  const stateListeners = new Set<(s: ConnectionState) => void>();

  const setState = (s: ConnectionState) => {
    state = s;
    for (const l of stateListeners) l(s);
  };

  const connect = () => {
    setState('connecting');
    const ws = new WebSocket(url, [WS_PROTOCOL, `${TOKEN_PROTOCOL_PREFIX}${token}`]);
    socket = ws;
    ws.onopen = () => {
      retryMs = 250;
      setState('connected');
      for (const text of queue.splice(0)) ws.send(text);
    };
    ws.onmessage = (message) => {
      const frame = JSON.parse(String(message.data)) as ServerFrame;
      if ('event' in frame) {
        for (const l of eventListeners.get(frame.event) ?? []) l(frame.payload);
        return;
      }
      const p = pending.get(frame.id);
      if (!p) return;
      pending.delete(frame.id);
      clearTimeout(p.timer);
      p.resolve(frame.result);
    };
    ws.onclose = () => {
      setState('disconnected');
      queue.length = 0;
      for (const [id, p] of pending) {
        clearTimeout(p.timer);
        p.resolve({
          ok: false,
          error: { code: 'unavailable', message: 'lost the connection to the engine; retrying' },
        });
        pending.delete(id);
      }
      setTimeout(connect, retryMs);
      retryMs = Math.min(retryMs * 2, 5_000);
    };
  };
  connect();

  return {
    kind: 'websocket',
    invoke(name, input) {
      const id = nextId++;
      const text = JSON.stringify({ id, name, input });
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          resolve({ ok: false, error: { code: 'unavailable', message: `${name} got no answer in 30 s` } });
        }, CALL_TIMEOUT_MS);
        pending.set(id, { resolve, timer });
        if (socket?.readyState === WebSocket.OPEN) socket.send(text);
        else queue.push(text);
      });
    },
    on(event, listener) {
      const set = eventListeners.get(event) ?? new Set();
      set.add(listener);
      eventListeners.set(event, set);
      return () => set.delete(listener);
    },
    state: () => state,
    onState(listener) {
      stateListeners.add(listener);
      return () => stateListeners.delete(listener);
    },
  };
}

export const NO_TOKEN_MESSAGE =
  'this page has no access token: open the address printed by `npm start` (it ends with #token=…)';

/** A page opened without the token: it never connects, and every call says why. */
function withoutTokenTransport(): Transport {
  return {
    kind: 'websocket',
    invoke: () => Promise.resolve({ ok: false, error: { code: 'forbidden', message: NO_TOKEN_MESSAGE } }),
    on: () => () => undefined,
    state: () => 'disconnected',
    onState: () => () => undefined,
  };
}

export const TOKEN_STORAGE_KEY = 'workstation.token';

type TokenPlace = {
  location: Pick<Location, 'pathname' | 'search' | 'hash'>;
  history: Pick<History, 'replaceState'>;
  storage: Pick<Storage, 'getItem' | 'setItem'> | null;
};

/**
 * The token from the address's fragment (#token=..., which the browser never sends to a
 * server), kept in this tab's sessionStorage so a reload still works, and removed from the
 * address bar and history. Without a fragment: the token this tab stored before, if any.
 */
export function takeToken({ location, history, storage }: TokenPlace): string | null {
  const fragment = new URLSearchParams(location.hash.replace(/^#/, ''));
  const given = fragment.get(TOKEN_PARAM);
  if (given) {
    fragment.delete(TOKEN_PARAM);
    const rest = fragment.toString();
    history.replaceState(null, '', `${location.pathname}${location.search}${rest ? `#${rest}` : ''}`);
    try {
      storage?.setItem(TOKEN_STORAGE_KEY, given);
    } catch {
      // storage disabled: this page works until it is reloaded
    }
    return given;
  }
  try {
    return storage?.getItem(TOKEN_STORAGE_KEY) ?? null;
  } catch {
    return null;
  }
}

function sessionStore(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

let taken: { token: string | null } | null = null;

/** This page's token, taken from the address once (the start screen asks first, the transport after). */
export function pageToken(): string | null {
  taken ??= { token: takeToken({ location: window.location, history: window.history, storage: sessionStore() }) };
  return taken.token;
}

/** The preload bridge when running in Electron, else the WebSocket of the headless server. */
export function createTransport(): Transport {
  const bridge = (window as { workstation?: WorkstationBridge }).workstation;
  if (bridge) return bridgeTransport(bridge);
  const token = pageToken();
  if (token === null) {
    // The full address pasted into this tab changes only the fragment (no new page): start over.
    window.addEventListener('hashchange', () => {
      if (new URLSearchParams(window.location.hash.replace(/^#/, '')).has(TOKEN_PARAM)) window.location.reload();
    });
    return withoutTokenTransport();
  }
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  return websocketTransport(`${scheme}://${window.location.host}${WS_PATH}`, token);
}
