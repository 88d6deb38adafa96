import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const PRODUCT_NAME = 'Trading Workstation';

export type StartOptions = {
  headless: boolean;
  port: number;
  host: string;
  allowRemote: boolean;
  dataDir: string;
  token: string;
  /** True when the token was generated (not given by --token, --token-file or the environment). */
  tokenGenerated: boolean;
  /** Where the token came from; `flag` (--token) is visible to every local user in `ps`. */
  tokenSource: 'generated' | 'flag' | 'file' | 'env';
  /** PEM files for HTTPS/WSS (--tls-cert, --tls-key); required for a non-loopback --host. */
  tls?: { certFile: string; keyFile: string };
  /** Simulated market time per real time (1 = real time; 60 = a simulated minute per second). */
  simSpeed: number;
  /** The simulator's seed (default 1). */
  simSeed: number;
  /** Simulated time at the simulator's first start, UTC ms (default: the wall clock): with the same seed, a reproducible market. */
  simStart?: number;
  /** Base URL overrides per ccxt exchange id (a proxy or a local test server). */
  exchangeUrls: Record<string, string>;
  /** The Anthropic Messages API's base URL (a proxy or a local test server); undefined: the real API. */
  anthropicUrl?: string;
};

/** `ID=URL` pairs from repeated --exchange-url flags or WORKSTATION_EXCHANGE_URLS (comma separated). */
function parseExchangeUrls(pairs: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    const id = pair.slice(0, eq);
    const url = pair.slice(eq + 1);
    let ok = eq > 0 && /^[a-z][a-z0-9]{1,31}$/.test(id);
    try {
      ok &&= ['http:', 'https:'].includes(new URL(url).protocol);
    } catch {
      ok = false;
    }
    if (!ok) throw new UsageError(`--exchange-url takes ID=URL, e.g. kraken=http://127.0.0.1:8080, not "${pair}"`);
    out[id] = url.replace(/\/+$/, '');
  }
  return out;
}

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Where Electron keeps userData for this app, so desktop and headless share one data directory. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), PRODUCT_NAME);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', PRODUCT_NAME);
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), PRODUCT_NAME);
}

const LOOPBACK = new Set(['localhost', '::1', '[::1]']);
/** A loopback address: localhost, ::1, or an IPv4 address in 127.0.0.0/8 (not a name such as 127.evil.com). */
export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase();
  return LOOPBACK.has(h) || (net.isIPv4(h) && h.startsWith('127.'));
}

/** The token's shape: long enough to guess never, and safe in a URL fragment and a subprotocol. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{16,128}$/;

/**
 * The token, from the first of: --token-file FILE, --token T (visible in `ps`: the entry warns),
 * WORKSTATION_TOKEN_FILE, WORKSTATION_TOKEN; otherwise a random one.
 */
function readToken(
  values: ReadonlyMap<string, string>,
  env: NodeJS.ProcessEnv,
  readText: (file: string) => string,
): { value: string; source: StartOptions['tokenSource'] } {
  const file = values.get('--token-file') ?? (values.has('--token') ? undefined : env.WORKSTATION_TOKEN_FILE);
  let given: { value: string; source: StartOptions['tokenSource'] } | undefined;
  if (file !== undefined) {
    let text: string;
    try {
      text = readText(file);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? String(error);
      throw new UsageError(`--token-file ${file} cannot be read (${code}): check the path`);
    }
    given = { value: text.trim(), source: 'file' };
  } else if (values.has('--token')) {
    given = { value: values.get('--token') ?? '', source: 'flag' };
  } else if (env.WORKSTATION_TOKEN !== undefined) {
    given = { value: env.WORKSTATION_TOKEN, source: 'env' };
  }
  if (given === undefined) return { value: crypto.randomBytes(24).toString('base64url'), source: 'generated' };
  if (!TOKEN_PATTERN.test(given.value)) {
    const where =
      given.source === 'file' ? ` in ${file}` : given.source === 'flag' ? ' (--token)' : ' (WORKSTATION_TOKEN)';
    throw new UsageError(`the token${where} must be 16 to 128 characters of letters, digits, "-" or "_"`);
  }
  return given;
}

/** The warning for a token given on the command line, where every local user can read it. */
export const TOKEN_IN_PS_WARNING =
  '--token is visible to every user of this machine (ps, /proc): pass it with --token-file FILE or WORKSTATION_TOKEN instead';

/** Our own options; the Electron entry keeps only these and drops Chromium's switches. */
export const FLAGS_WITH_VALUE: ReadonlySet<string> = new Set([
  '--port',
  '--host',
  '--data-dir',
  '--token',
  '--token-file',
  '--tls-cert',
  '--tls-key',
  '--sim-speed',
  '--sim-seed',
  '--sim-start',
  '--exchange-url',
  '--anthropic-url',
]);
export const BOOLEAN_FLAGS: ReadonlySet<string> = new Set(['--headless', '--allow-remote']);

/**
 * Parses `--port`, `--host`, `--data-dir`, `--token`, `--headless`, `--allow-remote` (as
 * `--flag value` or `--flag=value`), falling back to WORKSTATION_* environment variables.
 */
export function parseStartOptions(
  argv: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
  readText: (file: string) => string = (file) => fs.readFileSync(file, 'utf8'),
): StartOptions {
  const values = new Map<string, string>();
  const flags = new Set<string>();
  const exchangeUrlPairs: string[] = (env.WORKSTATION_EXCHANGE_URLS ?? '').split(',').filter((p) => p.trim() !== '');
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    if (BOOLEAN_FLAGS.has(name)) {
      flags.add(name);
    } else if (FLAGS_WITH_VALUE.has(name)) {
      const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined || value === '') throw new UsageError(`${name} needs a value, e.g. ${name}=VALUE`);
      if (name === '--exchange-url') exchangeUrlPairs.push(value);
      else values.set(name, value);
    } else if (arg.startsWith('--')) {
      throw new UsageError(
        `unknown option ${name}; known: --headless, --port N, --host H, --data-dir DIR, --token-file FILE, --token T, --allow-remote, --tls-cert FILE, --tls-key FILE, --sim-speed X, --sim-seed N, --sim-start ISO, --exchange-url ID=URL, --anthropic-url URL`,
      );
    }
  }
  const portText = values.get('--port') ?? env.WORKSTATION_PORT ?? '7420';
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new UsageError(`--port must be a whole number from 0 to 65535 (0 picks a free port), not "${portText}"`);
  }
  const host = values.get('--host') ?? env.WORKSTATION_HOST ?? '127.0.0.1';
  const allowRemote = flags.has('--allow-remote') || env.WORKSTATION_ALLOW_REMOTE === '1';
  const certFile = values.get('--tls-cert') ?? env.WORKSTATION_TLS_CERT;
  const keyFile = values.get('--tls-key') ?? env.WORKSTATION_TLS_KEY;
  if ((certFile === undefined) !== (keyFile === undefined)) {
    throw new UsageError('--tls-cert and --tls-key go together: give both PEM files, or neither');
  }
  const tls = certFile !== undefined && keyFile !== undefined ? { certFile, keyFile } : undefined;
  if (!isLoopbackHost(host) && !allowRemote) {
    throw new UsageError(
      `--host ${host} would expose the workstation beyond this machine; add --allow-remote if you really mean it`,
    );
  }
  if (!isLoopbackHost(host) && tls === undefined) {
    throw new UsageError(
      `--host ${host} is reachable from other machines, where the token would travel in clear text: serve it over TLS with --tls-cert FILE --tls-key FILE (PEM), or keep the default 127.0.0.1`,
    );
  }
  const token = readToken(values, env, readText);
  const speedText = values.get('--sim-speed') ?? env.WORKSTATION_SIM_SPEED ?? '1';
  const simSpeed = Number(speedText);
  if (!Number.isFinite(simSpeed) || simSpeed < 0.1 || simSpeed > 10_000) {
    throw new UsageError(`--sim-speed must be a number from 0.1 to 10000 (1 = real time), not "${speedText}"`);
  }
  const seedText = values.get('--sim-seed') ?? env.WORKSTATION_SIM_SEED ?? '1';
  const simSeed = Number(seedText);
  if (!Number.isSafeInteger(simSeed) || simSeed < 0) {
    throw new UsageError(`--sim-seed must be a whole number of 0 or more, not "${seedText}"`);
  }
  const startText = values.get('--sim-start') ?? env.WORKSTATION_SIM_START;
  const simStart = startText === undefined ? undefined : Date.parse(startText);
  if (simStart !== undefined && !(Number.isFinite(simStart) && simStart > Date.UTC(2000, 0, 1))) {
    throw new UsageError(
      `--sim-start takes an ISO 8601 time after 2000, e.g. 2026-01-01T00:00:00Z, not "${startText}"`,
    );
  }
  const anthropicUrl = values.get('--anthropic-url') ?? env.WORKSTATION_ANTHROPIC_URL;
  if (anthropicUrl !== undefined && !/^https?:\/\/[^\s/]+\/?$/.test(anthropicUrl)) {
    throw new UsageError(`--anthropic-url takes a base URL such as http://127.0.0.1:8080, not "${anthropicUrl}"`);
  }
  const dataDir = path.resolve(values.get('--data-dir') ?? env.WORKSTATION_DATA_DIR ?? defaultDataDir(env));
  return {
    headless: flags.has('--headless'),
    port,
    host,
    allowRemote,
    dataDir,
    token: token.value,
    tokenGenerated: token.source === 'generated',
    tokenSource: token.source,
    ...(tls !== undefined ? { tls } : {}),
    simSpeed,
    simSeed,
    ...(simStart !== undefined ? { simStart } : {}),
    exchangeUrls: parseExchangeUrls(exchangeUrlPairs),
    ...(anthropicUrl !== undefined ? { anthropicUrl: anthropicUrl.replace(/\/+$/, '') } : {}),
  };
}
