import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { createTempCore } from '../electron/core/testing/temp-core.js';
import type { Core } from '../electron/core/create-core.js';
import { handleFrame } from '../electron/headless/ws-endpoint.js';
import { startHeadlessServer } from '../electron/headless/server.js';
import type { InvokeName } from '../shared/ipc/contract.js';
import type { Envelope } from '../shared/ipc/envelope.js';
import {
  TOKEN_PROTOCOL_PREFIX,
  WS_PATH,
  WS_PROTOCOL,
  type RequestFrame,
  type ResponseFrame,
} from '../shared/ipc/wire.js';
import { sequential, throughput, type Call, type Load } from './lib/measure.js';
import { progress, type BenchResult, type Figure } from './lib/result.js';
import { summarize, type Summary } from './lib/stats.js';
import { formatNumber, formatTable, round, section } from './lib/table.js';
import { runWsClient, type ClientResult } from './lib/ws-client.js';

export const description =
  'contract round trip (settings.get, system.info): WebSocket vs core.dispatch vs raw ws echo; p50/p99 and calls/s';

const CALLS = 10_000;
const WARMUP = 500;
const IN_FLIGHT = 64;
/** The WebSocket paths alternate in blocks of CALLS / BLOCKS calls. */
const BLOCKS = 10;
const TOKEN = 'bench-contract-token-0123456789abcdef';
const NAMES = ['settings.get', 'system.info'] as const satisfies readonly InvokeName[];

/**
 * The baseline: a bare `ws` server on 127.0.0.1 that answers every message with a fixed frame as
 * large as the real server's answer. The client sends the same request frames and parses the
 * answers as it does with the real server, so the difference is the server's own work.
 */
async function startEchoBaseline(replyBytes: number): Promise<{ url: string; close(): Promise<void> }> {
  const skeleton = JSON.stringify({ id: 0, pad: '' });
  const reply = JSON.stringify({ id: 0, pad: 'x'.repeat(Math.max(0, replyBytes - skeleton.length)) });
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  wss.on('connection', (socket) => {
    socket.on('message', () => socket.send(reply));
  });
  await new Promise<void>((resolve, reject) => {
    wss.once('listening', resolve);
    wss.once('error', reject);
  });
  const { port } = wss.address() as AddressInfo;
  return {
    url: `ws://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close(() => resolve());
      }),
  };
}

/** The server's per-frame work without any socket: JSON.parse, frame validation, dispatch, JSON.stringify. */
function frameHandlerCall(core: Core, name: string): Call {
  let answered = 0;
  const socket = { OPEN: 1, readyState: 1, send: () => void answered++ } as unknown as WebSocket;
  const text = JSON.stringify({ id: CALLS, name, input: {} } satisfies RequestFrame);
  return async () => {
    await handleFrame(core, socket, text);
    if (answered === 0) throw new Error('handleFrame sent no answer');
  };
}

function okOrThrow(name: string, result: Envelope<unknown>): void {
  if (!result.ok) throw new Error(`${name} failed: ${result.error.code}: ${result.error.message}`);
}

const LOAD: Load = { warmup: WARMUP, calls: CALLS, inFlight: IN_FLIGHT };

type PathResult = { label: string; latency: Summary; callsPerSecond: number };

function announce(label: string): void {
  progress(`  ${label}: ${WARMUP} warm-up + ${CALLS} sequential calls, then ${CALLS} with ${IN_FLIGHT} in flight`);
}

async function measureInProcess(label: string, call: Call): Promise<PathResult> {
  announce(label);
  const latency = summarize(await sequential(call, LOAD));
  return { label, latency, callsPerSecond: await throughput(call, LOAD) };
}

type NameResult = {
  name: string;
  requestBytes: number;
  responseBytes: number;
  paths: Record<'echo' | 'ws' | 'dispatch' | 'frame', PathResult>;
};

/** Both WebSocket paths from one client process, alternating in blocks (see ClientJob.blocks). */
async function measureOverWs(
  name: string,
  wsUrl: string,
  echoUrl: string,
): Promise<{ ws: PathResult; echo: PathResult }> {
  const ws = 'WebSocket (headless server)';
  const echo = 'baseline: raw ws echo';
  announce(`${ws} and ${echo}, alternating in ${BLOCKS} blocks`);
  const [real, floor] = await runWsClient({
    ...LOAD,
    name,
    blocks: BLOCKS,
    targets: [
      { url: wsUrl, mode: 'rpc', protocols: [WS_PROTOCOL, `${TOKEN_PROTOCOL_PREFIX}${TOKEN}`] },
      { url: echoUrl, mode: 'echo' },
    ],
  });
  if (!real || !floor) throw new Error('the WebSocket client returned too few results');
  const path = (label: string, r: ClientResult): PathResult => ({
    label,
    latency: summarize(r.samples),
    callsPerSecond: r.callsPerSecond,
  });
  return { ws: path(ws, real), echo: path(echo, floor) };
}

async function benchName(core: Core, wsUrl: string, name: InvokeName): Promise<NameResult> {
  progress(`${name}:`);
  const answer = await core.dispatch(name, {}, { transport: 'test' });
  okOrThrow(name, answer);
  // The frames as the server and the client write them (ids reach 5 digits during the run).
  const requestBytes = Buffer.byteLength(JSON.stringify({ id: CALLS, name, input: {} } satisfies RequestFrame));
  const responseBytes = Buffer.byteLength(JSON.stringify({ id: CALLS, result: answer } satisfies ResponseFrame));
  const echoServer = await startEchoBaseline(responseBytes);
  let overWs: { ws: PathResult; echo: PathResult };
  try {
    overWs = await measureOverWs(name, wsUrl, echoServer.url);
  } finally {
    await echoServer.close();
  }
  const dispatch = await measureInProcess('core.dispatch (in-process)', async () =>
    okOrThrow(name, await core.dispatch(name, {}, { transport: 'test' })),
  );
  const frame = await measureInProcess('ws frame handler, no socket', frameHandlerCall(core, name));
  return { name, requestBytes, responseBytes, paths: { ...overWs, dispatch, frame } };
}

const us = (ms: number) => ms * 1000;

function report(r: NameResult): string {
  const { echo, ws, dispatch, frame } = r.paths;
  const row = (p: PathResult, note = '') => [
    p.label,
    us(p.latency.p50),
    us(p.latency.p90),
    us(p.latency.p99),
    us(p.latency.max),
    us(p.latency.mean),
    Math.round(p.callsPerSecond),
    note,
  ];
  const overhead = `p50 +${formatNumber(us(ws.latency.p50 - echo.latency.p50))} µs (${formatNumber(ws.latency.p50 / echo.latency.p50)}x) over baseline`;
  const table = formatTable(
    ['path', 'p50 µs', 'p90 µs', 'p99 µs', 'max µs', 'mean µs', `calls/s (${IN_FLIGHT} in flight)`, 'note'],
    [
      row(echo, 'the transport floor'),
      row(ws, overhead),
      row(dispatch, 'handler layer only'),
      row(frame, 'parse + validate + dispatch + stringify'),
    ],
    ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'left'],
  );
  return section(
    `${r.name}: ${CALLS.toLocaleString('en-US')} sequential calls (one in flight) after ${WARMUP} warm-up; frames ${r.requestBytes} B out, ${r.responseBytes} B back`,
    table,
  );
}

function figures(r: NameResult, prefix: string): Record<string, Figure> {
  const out: Record<string, Figure> = {};
  for (const [key, p] of [
    ['ws', r.paths.ws],
    ['dispatch', r.paths.dispatch],
    ['frame_handler', r.paths.frame],
    ['echo_baseline', r.paths.echo],
  ] as const) {
    out[`${prefix}${key}_p50_ms`] = round(p.latency.p50);
    out[`${prefix}${key}_p99_ms`] = round(p.latency.p99);
    out[`${prefix}${key}_calls_per_s`] = Math.round(p.callsPerSecond);
  }
  out[`${prefix}request_bytes`] = r.requestBytes;
  out[`${prefix}response_bytes`] = r.responseBytes;
  return out;
}

export async function run(): Promise<BenchResult> {
  const staticRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-bench-static-'));
  fs.writeFileSync(path.join(staticRoot, 'index.html'), '<!doctype html><title>bench</title>\n');
  const temp = await createTempCore();
  try {
    const server = await startHeadlessServer({
      core: temp.core,
      host: '127.0.0.1',
      port: 0,
      token: TOKEN,
      staticRoot,
      allowRemote: false,
    });
    try {
      const wsUrl = `ws://127.0.0.1:${server.port}${WS_PATH}`;
      const results: NameResult[] = [];
      for (const name of NAMES) results.push(await benchName(temp.core, wsUrl, name));
      const [settings, info] = results as [NameResult, NameResult];
      return {
        bench: 'contract',
        report: [
          ...results.map(report),
          `Sequential = one call in flight, timed one by one; calls/s = ${CALLS.toLocaleString('en-US')} calls shared by ${IN_FLIGHT} concurrent callers on one connection.`,
          "WebSocket rows: the client runs in a child process (as a browser would); the baseline is a bare `ws` server in this process answering each request frame with a fixed frame of the real answer's size.",
          'In-process rows: called directly on this thread. The table is in µs; the JSON line in ms.',
          'No target is given for these figures.',
        ].join('\n\n'),
        // settings.get is the headline call (unprefixed keys); system.info keys start with system_info_.
        figures: { ...figures(settings, ''), ...figures(info, 'system_info_') },
      };
    } finally {
      await server.close();
    }
  } finally {
    await temp.cleanup();
    fs.rmSync(staticRoot, { recursive: true, force: true });
  }
}
