/**
 * `npm run worker -- --redis redis://HOST:6379 [--concurrency N] [--lock-ms 30000]`: a sweep worker
 * for sweeps run over Redis (sweep-queue.ts). Runs until stopped: Ctrl-C or SIGTERM finishes the
 * chunk in progress, then stops; the chunk of a worker that is killed is retried by another.
 */
import { CliUsageError, parseArgs, single } from '../../cli/args.js';
import { serveSweepQueue } from './sweep-queue.js';

const USAGE = 'usage: npm run worker -- --redis redis://HOST:6379 [--concurrency N] [--lock-ms 30000]';

function main(argv: readonly string[]): { close(): Promise<void>; ready: Promise<void> } {
  const args = parseArgs(argv, { values: ['--redis', '--concurrency', '--lock-ms'], flags: [] });
  const url = single(args, '--redis');
  if (url === undefined || !/^rediss?:\/\//.test(url))
    throw new CliUsageError(`--redis redis://HOST:PORT is required\n${USAGE}`);
  const whole = (name: string, fallback: number) => {
    const text = single(args, name);
    const v = text === undefined ? fallback : Number(text);
    if (!Number.isInteger(v) || v < 1) throw new CliUsageError(`${name} must be a whole number above 0\n${USAGE}`);
    return v;
  };
  return serveSweepQueue({
    url,
    concurrency: whole('--concurrency', 1),
    lockMs: whole('--lock-ms', 30_000),
    onChunk: (sweep, sets) => process.stdout.write(`chunk of ${sets} sets (sweep ${sweep})\n`),
  });
}

try {
  const served = main(process.argv.slice(2));
  await served.ready;
  process.stdout.write('sweep worker ready\n');
  const stop = () => void served.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (error) {
  process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = error instanceof CliUsageError ? 2 : 1;
}
