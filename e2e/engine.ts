import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');

export type Engine = {
  /** The address to open, with the token in its fragment (#token=...). */
  url: string;
  dataDir: string;
  token: string;
  /** Everything the engine printed (stdout and stderr). */
  output(): string;
  stop(): Promise<void>;
  /** Stops the engine and starts a new one on the same data directory and token. */
  restart(): Promise<Engine>;
};

/** Starts `electron/headless/index.ts` on a free port and resolves when it prints its URL. */
export async function startEngine(
  options: { dataDir?: string; token?: string; env?: NodeJS.ProcessEnv; args?: string[] } = {},
): Promise<Engine> {
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'tw-e2e-'));
  const token = options.token ?? `e2e-${Math.random().toString(36).slice(2)}-token-0000`;
  const child: ChildProcess = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      path.join(ROOT, 'electron/headless/index.ts'),
      '--headless',
      '--port',
      '0',
      '--data-dir',
      dataDir,
      ...(options.args ?? []),
    ],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        WORKSTATION_SECRETS: 'file',
        WORKSTATION_SECRETS_PASSPHRASE: 'e2e passphrase',
        // Simulated market time runs 300x faster: a 5-minute candle closes every second.
        WORKSTATION_SIM_SPEED: '300',
        // The token through the environment, not --token (which every local user sees in ps).
        WORKSTATION_TOKEN: token,
        ...options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`engine did not start in 30 s:\n${out}`)), 30_000);
    const onData = () => {
      // http://127.0.0.1:PORT/#token=...: the token is in the fragment, which is never sent to the server.
      const match = /at (http:\/\/\S+#token=\S+)/.exec(out);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`engine exited with ${code}:\n${out}`));
    });
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await exited;
    }
  };
  return {
    url,
    dataDir,
    token,
    output: () => out,
    stop,
    async restart() {
      await stop();
      return startEngine({ ...options, dataDir, token });
    },
  };
}
