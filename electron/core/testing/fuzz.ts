import { INVOKE_NAMES } from '../../../shared/ipc/contract.js';

/** mulberry32, seeded, so a failing fuzz case can be replayed (the one the Kraken test server uses). */
export { seededRandom } from '../../adapters/market/testing/kraken-server.js';

const STRINGS = [
  '',
  'dark',
  'kraken',
  'anthropic.apiKey',
  'exchange.kraken.apiKey',
  '__proto__',
  'constructor',
  '💥',
  'x'.repeat(5000),
  '../../etc/passwd',
];
const KEYS = [
  'theme',
  'defaultExchange',
  'defaultFeeRate',
  'tradingMode',
  'name',
  'value',
  'limit',
  'levels',
  '__proto__',
  'extra',
];

/** A random JSON-ish value: nested objects, arrays, edge numbers and hostile strings. */
export function randomValue(rand: () => number, depth = 0): unknown {
  const r = rand();
  if (depth > 3 || r < 0.15) return STRINGS[Math.floor(rand() * STRINGS.length)];
  if (r < 0.3) return [0, -1, 1e308, -0, 0.5, Number.MAX_SAFE_INTEGER, 42][Math.floor(rand() * 7)];
  if (r < 0.4) return rand() < 0.5;
  if (r < 0.45) return null;
  if (r < 0.55) return Array.from({ length: Math.floor(rand() * 4) }, () => randomValue(rand, depth + 1));
  const out: Record<string, unknown> = {};
  for (let i = Math.floor(rand() * 4); i > 0; i--)
    out[KEYS[Math.floor(rand() * KEYS.length)]!] = randomValue(rand, depth + 1);
  return out;
}

/** A call name: mostly real ones (to reach validation), sometimes junk. */
export function randomName(rand: () => number): unknown {
  const r = rand();
  if (r < 0.7) return INVOKE_NAMES[Math.floor(rand() * INVOKE_NAMES.length)];
  if (r < 0.85) return STRINGS[Math.floor(rand() * STRINGS.length)];
  return randomValue(rand);
}
