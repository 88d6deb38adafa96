import { errors } from 'ccxt';
import { classifyFailure } from '../../engine/execution/failure-classification.js';
import type { ExecutionOperation } from '../../engine/execution/retry-policy.js';
import type { Failure } from '../../engine/orders/execution-port.js';

/**
 * ccxt errors in the execution port's terms: the class names (found with instanceof against
 * ccxt's own classes, so minified builds classify the same), the exchange's own reason, and a
 * Failure whose message says what happened and what happens next.
 */

const CCXT_ERRORS: [string, unknown][] = Object.entries(errors);

/** Every ccxt error class `error` is an instance of (most specific first is not guaranteed). */
export function errorNames(error: unknown): string[] {
  if (!(error instanceof Error)) return [];
  const names = CCXT_ERRORS.filter(([, Class]) => typeof Class === 'function' && error instanceof Class).map(
    ([name]) => name,
  );
  return names.length > 0 ? names : [error.name];
}

const STATUS_LINE = /^\S+ (?:GET|POST|PUT|DELETE|PATCH) \S+ (\d{3}) ([^<{]*)/;

/** The exchange's own words for a failure: Kraken's error list, an HTTP status, or ccxt's message, short. */
export function exchangeReason(error: unknown, exchangeId: string): string {
  const message = error instanceof Error ? error.message : String(error);
  const json = message.indexOf('{');
  if (json >= 0) {
    try {
      const body = JSON.parse(message.slice(json)) as { error?: unknown };
      if (Array.isArray(body.error) && body.error.length > 0) return body.error.map(String).join('; ');
    } catch {
      // not a JSON body: fall through
    }
  }
  const status = STATUS_LINE.exec(message);
  if (status) return `HTTP ${status[1]} ${status[2]!.trim()}`.trim();
  const text = message
    .replace(new RegExp(`^${exchangeId}\\s+`), '')
    .replace(/^(?:GET|POST|PUT|DELETE|PATCH) \S+ /, '')
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > 160 ? `${text.slice(0, 157)}...` : text || 'no details';
}

export type FailureContext = {
  exchange: string;
  operation: ExecutionOperation;
  /** What was asked, e.g. "order 5f1c...", "the open orders". */
  what: string;
};

/** A Failure for anything a ccxt call threw. */
export function toFailure(error: unknown, ctx: FailureContext): Failure & { names: string[] } {
  const names = errorNames(error);
  const message = error instanceof Error ? error.message : String(error);
  const { kind } = classifyFailure({ names, message });
  const reason = exchangeReason(error, ctx.exchange);
  const place = ctx.operation === 'place';
  const ex = ctx.exchange;
  const texts: Record<Failure['kind'], string> = {
    auth:
      `${ex} refused the API key (${reason}): trading is stopped. Check the key, its permissions ` +
      `(query and trade) and that no other program uses it, then reconnect in Settings.`,
    rejected: place ? `${ex} rejected ${ctx.what}: ${reason}` : `${ex} refused ${ctx.what}: ${reason}`,
    rate_limited: `${ex} is rate limiting requests (${reason}); backing off${place ? ': nothing was placed' : ''}.`,
    unavailable: `${ex} is unavailable (${reason}); ${place ? 'nothing was placed; ' : ''}trading pauses until it is back.`,
    unknown: place
      ? `${ex} did not confirm ${ctx.what} (${reason}): its outcome is unknown; look it up by client order id before sending it again.`
      : `${ex} did not answer ${ctx.what} (${reason}).`,
  };
  return { kind, message: texts[kind], names };
}
