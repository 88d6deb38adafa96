import type { EventEmitter } from 'node:events';
import type { Core } from './create-core.js';

/**
 * The last resort of every entry (headless, Electron main, CLI): an exception or a rejection that
 * no listener caught must not end the process, because the engine holds the stop-loss,
 * take-profit and trailing-stop orders, the risk monitor and the recovery queue.
 *
 * - An uncaught exception cut a synchronous path half-way: the engine's state is truly unknown,
 *   so the kill switch is engaged (FREEZE: no new entries, open orders cancelled, strategies
 *   stopped) before anything else, then the fault is logged and audited. The process keeps running
 *   so the trader can see what happened and what is still protected.
 * - An unhandled rejection is an async task whose owner did not catch it; what it did is its own
 *   state machine's business: logged and audited, trading goes on.
 */
export type FaultKind = 'uncaughtException' | 'unhandledRejection';
export type Entry = 'headless' | 'desktop' | 'cli';

export type LastResortOptions = {
  entry: Entry;
  /** The running core, once there is one; before that, only stderr. */
  core(): Pick<Core, 'logger' | 'services'> | null;
  /** Where a fault goes when there is no core yet (stderr). */
  write(text: string): void;
  /** Called after each fault is handled (the CLI marks its exit code). */
  onFault?(kind: FaultKind): void;
};

function describe(value: unknown): string {
  if (value instanceof Error) return `${value.name}: ${value.message}`;
  try {
    return typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  } catch {
    return String(value);
  }
}

/** Installs the handlers on `proc` (the process) and returns their removal. Never throws. */
export function installLastResort(proc: EventEmitter, options: LastResortOptions): () => void {
  const handle = (kind: FaultKind, value: unknown) => {
    const error = describe(value).slice(0, 2000);
    const stack = value instanceof Error ? value.stack?.slice(0, 4000) : undefined;
    let core: ReturnType<LastResortOptions['core']>;
    try {
      core = options.core();
    } catch {
      core = null;
    }
    let frozen = false;
    if (core && kind === 'uncaughtException') {
      try {
        const reason = `an unexpected error left the engine in an unknown state: ${error.slice(0, 300)}`;
        // engage() blocks new entries synchronously; the cancels follow asynchronously.
        core.services.risk.engage({ mode: 'FREEZE', reason }, 'system').catch((e: unknown) => {
          options.write(`kill switch could not be engaged after a fault: ${describe(e)}\n`);
        });
        frozen = true;
      } catch (e) {
        options.write(`kill switch could not be engaged after a fault: ${describe(e)}\n`);
      }
    }
    const summary =
      kind === 'uncaughtException'
        ? `uncaught exception in the ${options.entry} process${frozen ? '; kill switch engaged (FREEZE)' : ''}: ${error}`
        : `unhandled promise rejection in the ${options.entry} process: ${error}`;
    try {
      if (core) {
        core.logger.error('system', summary, { kind, entry: options.entry, stack, frozen });
        core.services.audit.record('system.fault', 'system', summary, { entry: options.entry, kind, error, frozen });
      } else {
        options.write(`${summary}\n${stack ?? ''}\n`);
      }
    } catch (e) {
      options.write(`${summary}\n(could not be logged: ${describe(e)})\n`);
    }
    try {
      options.onFault?.(kind);
    } catch {
      // the last resort has nothing below it
    }
  };
  const onException = (error: unknown) => handle('uncaughtException', error);
  const onRejection = (reason: unknown) => handle('unhandledRejection', reason);
  proc.on('uncaughtException', onException);
  proc.on('unhandledRejection', onRejection);
  return () => {
    proc.off('uncaughtException', onException);
    proc.off('unhandledRejection', onRejection);
  };
}
