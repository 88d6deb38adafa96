import fs from 'node:fs';
import path from 'node:path';
import { selectHeadlessSecretStore } from '../adapters/secrets/select.js';
import { readAppVersion, RENDERER_DIR } from '../core/app-paths.js';
import { isLoopbackHost, TOKEN_IN_PS_WARNING, type StartOptions } from '../core/config.js';
import { createCore, type Core, type CoreConfig } from '../core/create-core.js';
import { acquireDataDirLock, DataDirLockedError, type DataDirLock } from '../persistence/data-dir-lock.js';
import { startHeadlessServer, type HeadlessServer } from './server.js';
import { createBootState } from '../core/boot-state.js';

export type HeadlessApp = { core: Core; server: HeadlessServer; stop(): Promise<void> };

export class StartupError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StartupError';
  }
}

async function openCore(
  options: StartOptions,
  env: NodeJS.ProcessEnv,
  coreOptions: Pick<CoreConfig, 'backtestWorkerUrl' | 'conversionPause' | 'onConversion'>,
): Promise<Core> {
  const secretStore = await selectHeadlessSecretStore({ dataDir: options.dataDir, env });
  return createCore({
    dataDir: options.dataDir,
    runtime: 'headless',
    appVersion: readAppVersion(),
    secretStore,
    simSpeed: options.simSpeed,
    simSeed: options.simSeed,
    ...(options.simStart !== undefined ? { simStart: options.simStart } : {}),
    exchangeUrls: options.exchangeUrls,
    ...(options.anthropicUrl !== undefined ? { anthropicBaseUrl: options.anthropicUrl } : {}),
    ...coreOptions,
  });
}

/** The PEM files of --tls-cert and --tls-key, read before anything starts. */
function readTls(options: StartOptions): { cert: Buffer; key: Buffer } | undefined {
  if (!options.tls) return undefined;
  const read = (flag: string, file: string) => {
    try {
      return fs.readFileSync(file);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? String(error);
      throw new StartupError(`${flag} ${file} cannot be read (${code}): check the path`, { cause: error });
    }
  };
  return { cert: read('--tls-cert', options.tls.certFile), key: read('--tls-key', options.tls.keyFile) };
}

/**
 * What the entry adds: the bundle's worker, who hears the address first and the conversion's
 * progress (the terminal), and the conversion's pause (tests).
 */
export type HeadlessExtras = Pick<CoreConfig, 'backtestWorkerUrl' | 'conversionPause' | 'onConversion'> & {
  /** Called as soon as the server listens, before the core is built: the start screen is served from then on. */
  onListening?: (url: string) => void;
};

function serverStartError(error: unknown, options: StartOptions, tls: boolean): unknown {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE') {
    return new StartupError(
      `port ${options.port} on ${options.host} is in use: stop the other program, or start with --port 0 (any free port) or another --port`,
      { cause: error },
    );
  }
  if (tls && /PEM|key|certificate|ERR_OSSL/i.test(`${code ?? ''} ${(error as Error).message}`)) {
    return new StartupError(
      `the TLS certificate or key cannot be used (${(error as Error).message}): check --tls-cert and --tls-key (PEM files of one pair)`,
      { cause: error },
    );
  }
  return error;
}

/**
 * Serves the start screen, builds the core (an older database's candles are converted first, with
 * the progress on GET /boot), serves the core, and returns a handle whose stop() shuts everything
 * down cleanly. `extras.backtestWorkerUrl` is the bundle's worker (see electron/headless/index.ts).
 */
export async function runHeadless(
  options: StartOptions,
  env: NodeJS.ProcessEnv = process.env,
  staticRoot = RENDERER_DIR,
  extras: HeadlessExtras = {},
): Promise<HeadlessApp> {
  if (!fs.existsSync(path.join(staticRoot, 'index.html'))) {
    throw new StartupError(`the UI is not built (${staticRoot} has no index.html): run \`npm run build\` first`);
  }
  const tls = readTls(options);
  // Before anything in the data directory is opened: one engine per directory.
  let lock: DataDirLock;
  try {
    lock = acquireDataDirLock(options.dataDir, 'headless');
  } catch (error) {
    if (error instanceof DataDirLockedError) throw new StartupError(error.message, { cause: error });
    throw error;
  }
  // A process that exits without stop() (a failed start, process.exit) leaves no lock behind.
  const releaseOnExit = () => lock.release();
  process.on('exit', releaseOnExit);
  const boot = createBootState();
  let server: HeadlessServer;
  try {
    server = await startHeadlessServer({
      boot: boot.get,
      host: options.host,
      port: options.port,
      token: options.token,
      staticRoot,
      allowRemote: options.allowRemote,
      ...(tls ? { tls } : {}),
    });
  } catch (error) {
    lock.release();
    throw serverStartError(error, options, tls !== undefined);
  }
  extras.onListening?.(server.url);
  const { onListening: _listening, onConversion, ...coreOptions } = extras;
  let core: Core;
  try {
    core = await openCore(options, env, {
      ...coreOptions,
      onConversion: (progress) => {
        boot.converting(progress);
        onConversion?.(progress);
      },
    });
  } catch (error) {
    await server.close();
    lock.release();
    throw error;
  }
  server.attach(core);
  boot.ready();
  if (lock.tookOverFrom) {
    const was = lock.tookOverFrom;
    core.logger.warn(
      'system',
      `took over the data directory lock of pid ${was.pid} (${was.entry}, started ${new Date(was.startedAt).toISOString()}), which is no longer running: it did not shut down cleanly`,
    );
  }
  if (options.tokenSource === 'flag') core.logger.warn('system', TOKEN_IN_PS_WARNING);
  if (!isLoopbackHost(options.host)) {
    core.logger.warn('system', `serving on non-loopback host ${options.host}; anyone with the token can trade`);
  }
  core.logger.info('system', `headless UI served on ${options.host}:${server.port}`);
  let stopping: Promise<void> | undefined;
  return {
    core,
    server,
    stop() {
      stopping ??= server
        .close()
        .then(() => core.shutdown())
        .finally(() => {
          lock.release();
          process.off('exit', releaseOnExit);
        });
      return stopping;
    },
  };
}
