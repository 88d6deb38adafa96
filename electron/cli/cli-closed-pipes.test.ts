import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const CLI = path.resolve(import.meta.dirname, 'index.ts');

describe('the CLI when whoever started it has gone', () => {
  it('exits instead of living on when its stdout and stderr are closed', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, 'help'], { stdio: ['ignore', 'pipe', 'pipe'] });
    // The reader goes away before the CLI writes: every write meets a closed pipe (EPIPE).
    child.stdout.destroy();
    child.stderr.destroy();
    const code = await new Promise<number | null>((resolve) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        resolve(-999);
      }, 60_000);
      child.on('exit', (c) => {
        clearTimeout(timer);
        resolve(c);
      });
    });
    expect(code).not.toBe(-999);
  }, 90_000);
});
