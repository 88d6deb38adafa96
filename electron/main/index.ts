// The Electron entry (built to out/main/index.js, ESM).
//
// Electron evaluates an ESM main module completely, top-level awaits included, *before* it
// lets the app become ready (it waits for the module, then emits `ready`). So everything that
// must precede `ready` (data directory, single-instance lock) runs synchronously here at the top
// level, and the rest is chained on app.whenReady() WITHOUT awaiting it at the top level:
// `await app.whenReady()` in this module would wait forever.
import { app, BrowserWindow, dialog, ipcMain, Notification, powerMonitor, safeStorage, session } from 'electron';
import { PRODUCT_NAME, parseStartOptions, UsageError, type StartOptions } from '../core/config.js';
import { createCore, type Core } from '../core/create-core.js';
import { installLastResort } from '../core/last-resort.js';
import { DatabaseOpenError } from '../persistence/database.js';
import { acquireDataDirLock, DataDirLockedError, type DataDirLock } from '../persistence/data-dir-lock.js';
import { forwardEvents, registerContract, serveBootStatus } from './ipc.js';
import { createBootState, type BootState } from '../core/boot-state.js';
import { createDeferredLogger } from '../logging/deferred-logger.js';
import { createSaveFilePrompt } from './save-dialog.js';
import { createShutdown, installQuitHandlers, pickOwnArgs, watchPower } from './lifecycle.js';
import { notifyAlerts } from './alert-notifications.js';
import { notifyOrderEvents } from './notifications.js';
import { openDesktopSecrets } from './secrets.js';
import { applySessionSecurity, createSenderCheck, resolveAppPage } from './security.js';
import { createMainWindow } from './window.js';
import { guardClose } from './close-guard.js';

/** Tells the user what went wrong (a dialog; stderr too for terminals), then exits. */
function fail(title: string, message: string): void {
  process.stderr.write(`${title}: ${message}\n`);
  dialog.showErrorBox(title, message);
  app.exit(1);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Our own options only: Chromium/Electron switches and the app path are ignored. */
function readOptions(): StartOptions | null {
  const { own } = pickOwnArgs(process.argv.slice(app.isPackaged ? 1 : 2));
  try {
    return parseStartOptions(own);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    fail(`${PRODUCT_NAME}: invalid start option`, `${error.message}\n\nFix the option and start the app again.`);
    return null;
  }
}

let mainWindow: BrowserWindow | null = null;
let runningCore: Core | null = null;

// Before anything else: an exception or rejection no listener caught is logged, audited and (an
// exception: the state is unknown) engages the kill switch; the app keeps running. Without this,
// Electron shows a dialog and the engine's protections stop being watched.
installLastResort(process, {
  entry: 'desktop',
  core: () => runningCore,
  write: (text) => process.stderr.write(text),
});

function focusMainWindow(): void {
  if (!mainWindow || mainWindow.isDestroyed()) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
}

async function openCore(options: StartOptions, boot: BootState): Promise<Core | null> {
  const secrets = await openDesktopSecrets(options.dataDir, safeStorage);
  let core: Core;
  try {
    core = await createCore({
      dataDir: options.dataDir,
      runtime: 'desktop',
      appVersion: app.getVersion(),
      secretStore: secrets.store,
      simSpeed: options.simSpeed,
      simSeed: options.simSeed,
      ...(options.simStart !== undefined ? { simStart: options.simStart } : {}),
      exchangeUrls: options.exchangeUrls,
      ...(options.anthropicUrl !== undefined ? { anthropicBaseUrl: options.anthropicUrl } : {}),
      // An older database's candles convert first; the window's start screen shows the progress.
      onConversion: boot.converting,
      // The job worker (backtests) is its own bundle entry beside out/main/index.js.
      backtestWorkerUrl: new URL('./backtest-worker.js', import.meta.url),
      // Exports ask where to save; the window is looked up when asked.
      saveFilePrompt: createSaveFilePrompt({
        dialog,
        window: () => (mainWindow && !mainWindow.isDestroyed() ? mainWindow : null),
        defaultDir: () => app.getPath('downloads'),
      }),
    });
  } catch (error) {
    if (error instanceof DatabaseOpenError) {
      // createCore has already closed everything; the database file was not touched.
      fail(`${PRODUCT_NAME} cannot open its database`, error.message);
      return null;
    }
    throw error;
  }
  if (secrets.problem !== null) core.logger.warn('system', `API keys cannot be stored: ${secrets.problem}`);
  return core;
}

/** Everything after `ready`: engine, IPC, security, window, lifecycle. */
async function start(options: StartOptions): Promise<void> {
  // One engine per data directory: a headless engine on the same folder refuses this window.
  let lock: DataDirLock;
  try {
    lock = acquireDataDirLock(options.dataDir, 'desktop');
  } catch (error) {
    if (!(error instanceof DataDirLockedError)) throw error;
    fail(`${PRODUCT_NAME} is already running`, error.message);
    return;
  }
  process.on('exit', () => lock.release());
  // The window opens first and shows the start (an older database's candles converting, with its
  // progress) until the core is built and the contract answers.
  const page = resolveAppPage(process.env, app.isPackaged);
  applySessionSecurity(session.defaultSession, { dev: page.devUrl !== null });
  const isTrustedSender = createSenderCheck(page);
  const boot = createBootState();
  const stopBootStatus = serveBootStatus(ipcMain, boot.get, isTrustedSender);
  const early = createDeferredLogger((line) => process.stderr.write(line));
  mainWindow = createMainWindow({ page, logger: early.logger });
  const window = mainWindow;
  let opened: Core | null;
  try {
    opened = await openCore(options, boot);
  } catch (error) {
    lock.release();
    throw error;
  }
  if (!opened) {
    lock.release();
    return;
  }
  const core = opened;
  runningCore = core;
  early.attach(core.logger);
  if (lock.tookOverFrom) {
    const was = lock.tookOverFrom;
    core.logger.warn(
      'system',
      `took over the data directory lock of pid ${was.pid} (${was.entry}, started ${new Date(was.startedAt).toISOString()}), which is no longer running: it did not shut down cleanly`,
    );
  }
  try {
    const unregister = registerContract(ipcMain, core, isTrustedSender);
    const stopEvents = forwardEvents(core.events, () => BrowserWindow.getAllWindows());
    const stopNotifications = notifyOrderEvents(core.events, Notification);
    const stopAlertNotifications = notifyAlerts(core.events, Notification);
    const shutdown = createShutdown({
      logger: core.logger,
      stopCore: () => core.shutdown().finally(() => lock.release()),
      beforeStop: () => {
        stopEvents();
        stopNotifications();
        stopAlertNotifications();
        unregister();
        stopBootStatus();
      },
      exit: (code) => app.exit(code),
    });
    installQuitHandlers(app, shutdown);
    // The launcher (scripts/start.mjs) forwards SIGHUP too: a closed terminal stops the app cleanly.
    process.on('SIGHUP', () => void shutdown.run('SIGHUP'));
    // Suspend and screen lock feed protect mode: new entries freeze (and, if set, the kill switch engages).
    watchPower(powerMonitor, core.logger, shutdown, (event) => core.services.risk.onPowerEvent(event));
    // LIVE stops held by the engine stop protecting when the app closes: the trader is asked first.
    guardClose(window, {
      engineHeldStops: () =>
        core.services.orders.status().mode === 'LIVE' ? core.services.risk.protection().engineHeld : 0,
      confirm: (message) =>
        dialog.showMessageBoxSync(window, {
          type: 'warning',
          buttons: ['Keep the app running', 'Close anyway'],
          defaultId: 0,
          cancelId: 0,
          title: PRODUCT_NAME,
          message: 'Stop orders will stop protecting',
          detail: message,
        }) === 1,
    });
    // Everything answers: the start screen gives way to the app.
    boot.ready();
    core.logger.info('system', `desktop window opened (data directory ${options.dataDir})`);
  } catch (error) {
    core.logger.error('system', `the desktop app could not start: ${describe(error)}`);
    await core.shutdown().catch(() => undefined);
    lock.release();
    throw error;
  }
}

const options = readOptions();
if (options) {
  // Before `ready`: Chromium fixes the profile folder (and the single-instance lock, which
  // lives in it) at startup, so the data directory must be set first.
  app.setPath('userData', options.dataDir);
  if (!app.requestSingleInstanceLock()) {
    // Another window is already running on this data directory; it gets focused instead.
    app.exit(0);
  } else {
    app.on('second-instance', focusMainWindow);
    app
      .whenReady()
      .then(() => start(options))
      .catch((error: unknown) => fail(`${PRODUCT_NAME} could not start`, describe(error)));
  }
}
