import { parseStartOptions, UsageError, isLoopbackHost, TOKEN_IN_PS_WARNING } from '../core/config.js';
import { installLastResort } from '../core/last-resort.js';
import { DatabaseOpenError } from '../persistence/database.js';
import { runHeadless, StartupError, type HeadlessApp } from './run.js';

/** Node entry: `node --import tsx electron/headless/index.ts [--port N] [--host H] [--data-dir D] [--token-file F]`. */
function fail(message: string, exitCode: number): never {
  process.stderr.write(`error: ${message}\n`);
  process.exit(exitCode);
}

let running: HeadlessApp | null = null;
// Before anything else: nothing that escapes a listener ends the engine (see last-resort.ts).
installLastResort(process, {
  entry: 'headless',
  core: () => running?.core ?? null,
  write: (text) => process.stderr.write(text),
});

let options;
try {
  options = parseStartOptions(process.argv.slice(2));
} catch (error) {
  if (error instanceof UsageError) fail(error.message, 2);
  throw error;
}

if (options.tokenSource === 'flag') process.stderr.write(`warning: ${TOKEN_IN_PS_WARNING}\n`);

try {
  // Bundled (out/main/headless.js), the job worker is the entry beside this file; from the sources, core's default.
  const backtestWorkerUrl = import.meta.url.endsWith('.js')
    ? new URL('./backtest-worker.js', import.meta.url)
    : undefined;
  const app = await runHeadless(options, process.env, undefined, backtestWorkerUrl ? { backtestWorkerUrl } : {});
  running = app;
  if (!isLoopbackHost(options.host)) {
    process.stderr.write(
      `warning: listening on ${options.host}, reachable from other machines; keep the token secret\n`,
    );
  }
  process.stdout.write(`Trading Workstation (headless) at ${app.server.url}\n`);
  process.stdout.write(`data directory: ${options.dataDir}\n`);
  let signalled = false;
  const stop = (signal: string) => {
    if (signalled) return;
    signalled = true;
    app.core.logger.info('system', `received ${signal}, shutting down`);
    app.stop().then(
      () => process.exit(0),
      (error: unknown) => fail(`shutdown failed: ${(error as Error).message}`, 1),
    );
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => stop(signal));
} catch (error) {
  if (error instanceof StartupError || error instanceof DatabaseOpenError) fail(error.message, 1);
  throw error;
}
