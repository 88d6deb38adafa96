/**
 * The WebSocket client side of bench/contract.ts. It runs in a child process (as the browser
 * would), so the server's event loop carries only the server's work: `runWsClient(job)` forks
 * this file, which measures and sends back its samples.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { WebSocket } from 'ws';
import type { Envelope } from '../../shared/ipc/envelope.js';
import type { RequestFrame, ServerFrame } from '../../shared/ipc/wire.js';
import { sequential, throughput, type Call, type Load } from './measure.js';

export type ClientTarget = {
  url: string;
  /** rpc: the headless server (answers matched by id, each must be ok); echo: the raw baseline server. */
  mode: 'rpc' | 'echo';
  /** WebSocket subprotocols to offer (the headless server takes its token as one). */
  protocols?: string[];
};

export type ClientJob = Load & {
  name: string;
  targets: ClientTarget[];
  /**
   * The measured calls are split into this many blocks, run alternately on each target, so that
   * a busy moment of the machine hits every target alike.
   */
  blocks: number;
};

export type ClientResult = {
  /** Sequential round trips, ms. */
  samples: number[];
  callsPerSecond: number;
  /** Size of the last answer frame, bytes. */
  responseBytes: number;
};

type ChildReply = { ok: true; result: ClientResult[] } | { ok: false; error: string };

const THIS_FILE = fileURLToPath(import.meta.url);

function open(url: string, protocols: string[] = []): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, protocols);
    socket.once('open', () => resolve(socket));
    socket.once('error', reject);
  });
}

/** Sends request frames of shared/ipc/wire.ts and resolves each call with its answer. */
function client(socket: WebSocket, mode: ClientTarget['mode'], name: string): { call: Call; lastBytes(): number } {
  const byId = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  // The echo baseline answers in order and without ids: a FIFO of waiters.
  const fifo: { resolve(value: unknown): void; reject(error: Error): void }[] = [];
  let nextId = 1;
  let lastBytes = 0;
  socket.on('message', (data) => {
    const text = data.toString();
    const frame = JSON.parse(text) as ServerFrame;
    if (mode === 'echo') {
      lastBytes = Buffer.byteLength(text);
      fifo.shift()?.resolve(frame);
      return;
    }
    if (!('id' in frame)) return; // an event frame
    lastBytes = Buffer.byteLength(text);
    const waiter = byId.get(frame.id);
    byId.delete(frame.id);
    const result: Envelope<unknown> = frame.result;
    if (result.ok) waiter?.resolve(result.data);
    else waiter?.reject(new Error(`${name} failed: ${result.error.code}: ${result.error.message}`));
  });
  socket.on('close', () => {
    for (const waiter of [...byId.values(), ...fifo]) waiter.reject(new Error('the WebSocket closed'));
  });
  return {
    call: () =>
      new Promise((resolve, reject) => {
        const id = nextId++;
        if (mode === 'echo') fifo.push({ resolve, reject });
        else byId.set(id, { resolve, reject });
        socket.send(JSON.stringify({ id, name, input: {} } satisfies RequestFrame));
      }),
    lastBytes: () => lastBytes,
  };
}

async function measureInChild(job: ClientJob): Promise<ClientResult[]> {
  const sockets = await Promise.all(job.targets.map((t) => open(t.url, t.protocols)));
  try {
    const clients = job.targets.map((t, i) => client(sockets[i]!, t.mode, job.name));
    const block: Load = { warmup: 0, calls: Math.ceil(job.calls / job.blocks), inFlight: job.inFlight };
    for (const c of clients) {
      await c.call(); // fails early if the call is refused
      await sequential(c.call, { ...block, warmup: job.warmup, calls: 0 });
    }
    const samples: number[][] = clients.map(() => []);
    const seconds: number[] = clients.map(() => 0);
    for (let b = 0; b < job.blocks; b++) {
      for (const [i, c] of clients.entries()) samples[i]!.push(...(await sequential(c.call, block)));
    }
    for (const c of clients) await throughput(c.call, { ...block, calls: job.warmup });
    for (let b = 0; b < job.blocks; b++) {
      for (const [i, c] of clients.entries()) seconds[i]! += block.calls / (await throughput(c.call, block));
    }
    return clients.map((c, i) => ({
      samples: samples[i]!,
      callsPerSecond: (block.calls * job.blocks) / seconds[i]!,
      responseBytes: c.lastBytes(),
    }));
  } finally {
    for (const socket of sockets) socket.close();
  }
}

/** Runs `job` in a child Node process (with tsx) and returns what it measured. */
export function runWsClient(job: ClientJob): Promise<ClientResult[]> {
  return new Promise((resolve, reject) => {
    const child = fork(THIS_FILE, [], { execArgv: ['--import', 'tsx'], serialization: 'advanced', stdio: 'inherit' });
    let settled = false;
    child.once('message', (message) => {
      settled = true;
      const reply = message as ChildReply;
      if (reply.ok) resolve(reply.result);
      else reject(new Error(`the WebSocket client failed: ${reply.error}`));
    });
    child.once('exit', (code) => {
      if (!settled) reject(new Error(`the WebSocket client exited with ${code} before answering`));
    });
    child.once('error', reject);
    child.send(job);
  });
}

function isChildOfRunWsClient(): boolean {
  return process.argv[1] === THIS_FILE && typeof process.send === 'function';
}

if (isChildOfRunWsClient()) {
  process.once('message', (job: ClientJob) => {
    measureInChild(job).then(
      (result) => process.send?.({ ok: true, result } satisfies ChildReply, () => process.disconnect()),
      (error: unknown) =>
        process.send?.(
          { ok: false, error: error instanceof Error ? error.message : String(error) } satisfies ChildReply,
          () => process.disconnect(),
        ),
    );
  });
}
