import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const START = path.join(ROOT, 'scripts', 'start.mjs');
const STAND_IN = path.join(ROOT, 'scripts', 'testing', 'engine-stand-in.mjs');
const started: ChildProcess[] = [];

afterEach(() => {
  for (const child of started.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Starts the launcher (directly, as `npm start` runs it) over the stand-in engine. */
function launch(env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [START, '--port', '0'], {
    cwd: ROOT,
    env: { ...process.env, WORKSTATION_ENGINE_ENTRY: STAND_IN, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(child);
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const enginePid = async () => {
    await expect.poll(() => /engine pid (\d+)/.test(out), { timeout: 20_000 }).toBe(true);
    return Number(/engine pid (\d+)/.exec(out)![1]);
  };
  return { child, exited, enginePid, output: () => out };
}

describe('scripts/start.mjs', () => {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    it(`forwards ${signal} to the engine and exits with the engine's code`, async () => {
      const launcher = launch({ STAND_IN_EXIT_CODE: '3' });
      const engine = await launcher.enginePid();
      launcher.child.kill(signal);
      expect(await launcher.exited).toEqual({ code: 3, signal: null });
      expect(launcher.output()).toContain(`engine got ${signal}`);
      expect(alive(engine)).toBe(false);
    });
  }

  it('exits with the code of an engine that stops on its own', async () => {
    const launcher = launch({ STAND_IN_EXIT_NOW: '1', STAND_IN_EXIT_CODE: '7' });
    expect(await launcher.exited).toEqual({ code: 7, signal: null });
  });

  it('stops the engine when its own parent is killed (npm start stopped by its pid)', async () => {
    // A stand-in for npm: starts the launcher and stays; SIGKILL leaves the launcher reparented.
    const npm = spawn(
      process.execPath,
      [
        '-e',
        `const c = require('node:child_process').spawn(process.execPath, [${JSON.stringify(START)}], { stdio: 'inherit' });
         setInterval(() => undefined, 1000);`,
      ],
      { cwd: ROOT, env: { ...process.env, WORKSTATION_ENGINE_ENTRY: STAND_IN }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    started.push(npm);
    let out = '';
    npm.stdout.on('data', (d: Buffer) => (out += d.toString()));
    await expect.poll(() => /engine pid (\d+)/.test(out), { timeout: 20_000 }).toBe(true);
    const engine = Number(/engine pid (\d+)/.exec(out)![1]);
    npm.kill('SIGKILL');
    await expect.poll(() => alive(engine), { timeout: 10_000 }).toBe(false);
    expect(out).toContain('engine got SIGTERM');
  });
});
