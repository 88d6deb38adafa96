/**
 * A Messages-API-compatible HTTP server on 127.0.0.1 for tests and e2e: the real SDK talks to it
 * through its baseURL. POST /v1/messages checks the API key and anthropic-version headers
 * (the API key as x-api-key or Authorization: Bearer, which SDK 1.x sends) and
 * answers from a scripted scenario (scenarios.ts) in the real response format (message id, content
 * blocks, stop_reason, usage; errors as {type:'error', error:{type, message}} with a request-id).
 *
 * The scenario: a "[scenario:NAME]" marker anywhere in the request text, else the server's current
 * one (the start option, setScenario(), or POST /_control/scenario {"name": ...}). Every request is
 * recorded (headers and body) for assertions.
 */
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { SCENARIOS, type Scenario, type ScriptedReply } from './scenarios.js';

export type RecordedRequest = { headers: http.IncomingHttpHeaders; body: MessagesBody; scenario: string };

type MessagesBody = {
  model?: string;
  system?: unknown;
  messages?: Array<{ role: string; content: unknown }>;
  tools?: Array<{ name?: string }>;
  tool_choice?: { type?: string; name?: string };
};

export type MessagesServerOptions = {
  port?: number;
  /** When set, any other x-api-key gets a 401. */
  apiKey?: string;
  scenario?: string;
  /** Extra scenarios (a name given twice replaces the built-in one). */
  scenarios?: readonly Scenario[];
};

export type MessagesServer = {
  url: string;
  readonly requests: RecordedRequest[];
  setScenario(name: string): void;
  addScenario(scenario: Scenario): void;
  /**
   * Holds the answers of /v1/messages from now on (requests are received and recorded, answered
   * later): `arrived` resolves when the first held request is in, `release()` answers them all.
   */
  hold(): { arrived: Promise<void>; release(): void };
  close(): Promise<void>;
};

const MARKER = /\[scenario:([a-z0-9-]+)\]/i;

function textOf(body: MessagesBody): string {
  return JSON.stringify([body.system ?? '', body.messages ?? []]);
}

function fill(value: unknown, vars: Record<string, string>): unknown {
  if (typeof value === 'string') return value.replace(/\{\{(\w+)\}\}/g, (whole, k: string) => vars[k] ?? whole);
  if (Array.isArray(value)) return value.map((v) => fill(v, vars));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fill(v, vars)]));
  }
  return value;
}

/** The key as x-api-key, or as "Authorization: Bearer" (what SDK 1.x sends for apiKey). */
function apiKeyOf(headers: http.IncomingHttpHeaders): string | null {
  const direct = headers['x-api-key'];
  if (typeof direct === 'string' && direct !== '') return direct;
  const bearer = /^Bearer (\S+)$/.exec(headers.authorization ?? '')?.[1];
  return bearer ?? null;
}

/** Symbol, timeframe and risk level as the request states them ("Symbol: BTC/USD"). */
function requestVars(text: string): Record<string, string> {
  const pick = (label: string, fallback: string) => new RegExp(`${label}: ([A-Za-z0-9/]+)`).exec(text)?.[1] ?? fallback;
  return {
    symbol: pick('Symbol', 'BTC/USD'),
    timeframe: pick('Timeframe', '1h'),
    riskLevel: pick('Risk level', 'MEDIUM'),
  };
}

export async function startMessagesServer(options: MessagesServerOptions = {}): Promise<MessagesServer> {
  const scenarios = new Map<string, Scenario>();
  for (const s of [...SCENARIOS, ...(options.scenarios ?? [])]) scenarios.set(s.name, s);
  let current = options.scenario ?? 'valid';
  const counters = new Map<string, number>();
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  let seq = 0;
  let held: { waiting: Array<() => void>; arrived: () => void } | null = null;

  const send = (res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    const text = JSON.stringify(body);
    res.writeHead(status, {
      'content-type': 'application/json',
      'request-id': `req_test_${++seq}`,
      'content-length': Buffer.byteLength(text),
      ...headers,
    });
    res.end(text);
  };
  const sendError = (res: http.ServerResponse, status: number, type: string, message: string, headers = {}) =>
    send(res, status, { type: 'error', error: { type, message }, request_id: `req_test_${seq + 1}` }, headers);

  function reply(res: http.ServerResponse, r: ScriptedReply, body: MessagesBody, raw: string): void {
    if (r.kind === 'hang') return;
    if (r.kind === 'error') return sendError(res, r.status, r.type, r.message, r.headers);
    const vars = requestVars(textOf(body));
    const content: unknown[] = [];
    if (r.text !== undefined) content.push({ type: 'text', text: r.text });
    if (r.kind === 'tool_use') {
      const name = r.name ?? body.tool_choice?.name ?? body.tools?.[0]?.name ?? 'tool';
      content.push({ type: 'tool_use', id: `toolu_test_${++seq}`, name, input: fill(r.input, vars) });
    }
    const usage = r.usage ?? {
      input_tokens: Math.ceil(raw.length / 4),
      output_tokens: Math.ceil(JSON.stringify(content).length / 4),
    };
    send(res, 200, {
      id: `msg_test_${++seq}`,
      type: 'message',
      role: 'assistant',
      model: body.model ?? 'claude-test',
      content,
      stop_reason: r.kind === 'tool_use' ? 'tool_use' : 'end_turn',
      stop_sequence: null,
      usage: { ...usage, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, service_tier: 'standard' },
    });
  }

  function handleMessages(req: http.IncomingMessage, res: http.ServerResponse, raw: string): void {
    const key = apiKeyOf(req.headers);
    if (key === null || (options.apiKey !== undefined && key !== options.apiKey)) {
      return sendError(res, 401, 'authentication_error', 'invalid x-api-key');
    }
    if (typeof req.headers['anthropic-version'] !== 'string') {
      return sendError(res, 400, 'invalid_request_error', 'anthropic-version: header is required');
    }
    let body: MessagesBody;
    try {
      body = JSON.parse(raw) as MessagesBody;
    } catch {
      return sendError(res, 400, 'invalid_request_error', 'the request body is not valid JSON');
    }
    if (typeof body.model !== 'string' || !Array.isArray(body.messages) || body.messages.length === 0) {
      return sendError(res, 400, 'invalid_request_error', 'model and messages are required');
    }
    const name = MARKER.exec(textOf(body))?.[1] ?? current;
    const scenario = scenarios.get(name);
    requests.push({ headers: req.headers, body, scenario: name });
    if (!scenario) return sendError(res, 400, 'invalid_request_error', `unknown test scenario "${name}"`);
    const turn = body.messages.filter((m) => m.role === 'assistant').length;
    const replies = scenario.turns[Math.min(turn, scenario.turns.length - 1)] ?? [];
    const counterKey = `${name}:${turn}`;
    const n = counters.get(counterKey) ?? 0;
    counters.set(counterKey, n + 1);
    const r = replies[Math.min(n, replies.length - 1)];
    if (!r) return sendError(res, 500, 'api_error', `scenario "${name}" has no reply for turn ${turn}`);
    reply(res, r, body, raw);
  }

  const server = http.createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (raw += chunk));
    req.on('end', () => {
      if (req.method === 'POST' && req.url === '/v1/messages') {
        if (held) {
          held.waiting.push(() => handleMessages(req, res, raw));
          held.arrived();
          return;
        }
        return handleMessages(req, res, raw);
      }
      if (req.method === 'POST' && req.url === '/_control/scenario') {
        const name = (JSON.parse(raw || '{}') as { name?: string }).name ?? '';
        if (!scenarios.has(name)) return sendError(res, 404, 'not_found_error', `unknown test scenario "${name}"`);
        api.setScenario(name);
        return send(res, 200, { scenario: name });
      }
      sendError(res, 404, 'not_found_error', `${req.method ?? ''} ${req.url ?? ''} is not served here`);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  const api: MessagesServer = {
    url: `http://127.0.0.1:${port}`,
    requests,
    setScenario(name) {
      if (!scenarios.has(name)) throw new Error(`unknown test scenario "${name}"`);
      current = name;
      counters.clear();
    },
    addScenario(scenario) {
      scenarios.set(scenario.name, scenario);
    },
    hold() {
      let arrived = () => undefined as void;
      const promise = new Promise<void>((resolve) => (arrived = resolve));
      const h = { waiting: [] as Array<() => void>, arrived };
      held = h;
      return {
        arrived: promise,
        release() {
          if (held === h) held = null;
          for (const answer of h.waiting.splice(0)) answer();
        },
      };
    },
    close: () =>
      new Promise<void>((resolve) => {
        // Hanging requests would keep close() waiting: end them.
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
  return api;
}
