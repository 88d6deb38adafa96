// Start options from the command line, a once-only clean shutdown, quit signals, power events.
import { BOOLEAN_FLAGS as OWN_BOOLEAN_FLAGS, FLAGS_WITH_VALUE as OWN_VALUE_FLAGS } from '../core/config.js';
import type { Logger } from '../logging/types.js';

/**
 * Keeps only the workstation's own options. Electron and Chromium add switches of their own
 * (--no-sandbox, --inspect=..., --remote-debugging-port=..., -psn_0_123 on macOS, the app path
 * in development); those are dropped here so parseStartOptions never refuses to start on them.
 */
export function pickOwnArgs(argv: readonly string[]): { own: string[]; ignored: string[] } {
  const own: string[] = [];
  const ignored: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    if (OWN_BOOLEAN_FLAGS.has(name)) {
      own.push(arg);
    } else if (OWN_VALUE_FLAGS.has(name)) {
      own.push(arg);
      const next = argv[i + 1];
      if (eq < 0 && next !== undefined) {
        own.push(next);
        i++;
      }
    } else {
      ignored.push(arg);
    }
  }
  return { own, ignored };
}

function withTimeout(task: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`stopping took longer than ${ms} ms`)), ms);
  });
  return Promise.race([task, timeout]).finally(() => clearTimeout(timer));
}

export type ShutdownDeps = {
  logger: Logger;
  /** Stops the engine and closes the database; safe to call more than once. */
  stopCore(): Promise<void>;
  /** Steps before the core stops (remove IPC handlers, stop event forwarding). */
  beforeStop?: () => void;
  exit(code: number): void;
  /** Exit anyway if stopping hangs longer than this (default 10 s). */
  timeoutMs?: number;
};

/** A shutdown that runs once whatever triggers it, then exits the app. */
export function createShutdown(deps: ShutdownDeps): {
  run(reason: string, code?: number): Promise<void>;
  readonly started: boolean;
} {
  let running: Promise<void> | undefined;
  return {
    get started() {
      return running !== undefined;
    },
    run(reason, code = 0) {
      running ??= (async () => {
        deps.logger.info('system', `shutting down (${reason})`);
        let exitCode = code;
        try {
          deps.beforeStop?.();
          await withTimeout(deps.stopCore(), deps.timeoutMs ?? 10_000);
        } catch (error) {
          exitCode = exitCode || 1;
          deps.logger.error('system', 'shutdown did not finish cleanly', {
            error: error instanceof Error ? error.message : String(error),
          });
        }
        deps.exit(exitCode);
      })();
      return running;
    },
  };
}

type PreventableEvent = { preventDefault(): void };

/** The part of Electron's app the quit handling uses. */
export type QuitSource = {
  on(event: 'before-quit', listener: (event: PreventableEvent) => void): unknown;
  on(event: 'window-all-closed', listener: () => void): unknown;
};

export type SignalSource = { on(signal: 'SIGINT' | 'SIGTERM', listener: () => void): unknown };

/**
 * Every way out goes through the one shutdown: quitting (menu, Cmd+Q, app.quit()) is delayed
 * until the core has stopped; closing the last window quits on every platform (the engine must
 * not keep trading without a visible window); SIGINT/SIGTERM shut down the same way.
 */
export function installQuitHandlers(
  app: QuitSource,
  shutdown: ReturnType<typeof createShutdown>,
  signals: SignalSource = process,
): void {
  app.on('before-quit', (event) => {
    event.preventDefault();
    void shutdown.run('quit');
  });
  app.on('window-all-closed', () => {
    void shutdown.run('all windows closed');
  });
  signals.on('SIGINT', () => void shutdown.run('SIGINT'));
  signals.on('SIGTERM', () => void shutdown.run('SIGTERM'));
}

/** The part of Electron's powerMonitor that is watched (one overload per event, as Electron types it). */
export type PowerSource = {
  on(event: 'suspend', listener: () => void): unknown;
  on(event: 'resume', listener: () => void): unknown;
  on(event: 'lock-screen', listener: () => void): unknown;
  on(event: 'unlock-screen', listener: () => void): unknown;
  /** Electron passes an event whose preventDefault() delays the OS shutdown (Linux, macOS). */
  on(event: 'shutdown', listener: (event?: PreventableEvent) => void): unknown;
};

export const POWER_EVENTS = ['suspend', 'resume', 'lock-screen', 'unlock-screen'] as const;
export type PowerEvent = (typeof POWER_EVENTS)[number];

/**
 * Logs sleep/wake and lock/unlock (the risk controls react to them) and treats an OS shutdown
 * like a quit. `onPowerEvent` lets later code act on the same events.
 */
export function watchPower(
  powerMonitor: PowerSource,
  logger: Logger,
  shutdown: ReturnType<typeof createShutdown>,
  onPowerEvent?: (event: PowerEvent) => void,
): void {
  const note = (name: PowerEvent) => (): void => {
    logger.info('system', `power: ${name}`, { power: name });
    onPowerEvent?.(name);
  };
  powerMonitor.on('suspend', note('suspend'));
  powerMonitor.on('resume', note('resume'));
  powerMonitor.on('lock-screen', note('lock-screen'));
  powerMonitor.on('unlock-screen', note('unlock-screen'));
  powerMonitor.on('shutdown', (event) => {
    event?.preventDefault();
    void shutdown.run('operating system shutdown');
  });
}
