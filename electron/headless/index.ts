import { parseStartOptions, UsageError, isLoopbackHost, TOKEN_IN_PS_WARNING } from '../core/config.js';
import { installLastResort } from '../core/last-resort.js';
import { DatabaseOpenError } from '../persistence/database.js';
import { runHeadless, StartupError, type HeadlessApp } from './run.js';
import { conversionReporter } from '../persistence/candle-conversion.js';

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
  const where = options;
  // The address comes as soon as the server listens: the page shows the start (an older database's
  // candles converting, with its progress) until the engine answers.
  const onListening = (url: string) => {
    if (!isLoopbackHost(where.host)) {
      process.stderr.write(
        `warning: listening on ${where.host}, reachable from other machines; keep the token secret\n`,
      );
    }
    process.stdout.write(`Trading Workstation (headless) at ${url}\n`);
    process.stdout.write(`data directory: ${where.dataDir}\n`);
  };
  let signalled = false;
  const stop = (signal: string) => {
    if (signalled) return;
    signalled = true;
    if (!running) {
      // Still starting: between two chunks of a conversion, which resumes at the next start.
      process.stderr.write(`received ${signal} while starting; stopped (an unfinished conversion resumes next time)\n`);
      process.exit(0);
    }
    running.core.logger.info('system', `received ${signal}, shutting down`);
    running.stop().then(
      () => process.exit(0),
      (error: unknown) => fail(`shutdown failed: ${(error as Error).message}`, 1),
    );
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => stop(signal));
  running = await runHeadless(options, process.env, undefined, {
    ...(backtestWorkerUrl ? { backtestWorkerUrl } : {}),
    onListening,
    // An older database's candles converting: every tenth on the terminal too (the page shows it all).
    onConversion: conversionReporter((line) => process.stderr.write(`${line}\n`)),
  });
  process.stdout.write('engine ready\n');
} catch (error) {
  if (error instanceof StartupError || error instanceof DatabaseOpenError) fail(error.message, 1);
  throw error;
}
