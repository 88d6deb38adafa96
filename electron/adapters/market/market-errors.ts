import {
  BadResponse,
  BadSymbol,
  DDoSProtection,
  ExchangeError,
  ExchangeNotAvailable,
  NetworkError,
  NotSupported,
  OnMaintenance,
  RateLimitExceeded,
  RequestTimeout,
} from 'ccxt';
import type { FeedStatus } from '../../../shared/domain/market.js';
import { AppError } from '../../../shared/ipc/envelope.js';

/** What went wrong with a market-data request, in terms a user (and the feed status) can act on. */
export type MarketErrorKind =
  | 'network'
  | 'timeout'
  | 'unknown-symbol'
  | 'maintenance'
  | 'rate-limit'
  | 'bad-data'
  | 'unavailable'
  | 'unsupported'
  | 'exchange';

const RETRYABLE: ReadonlySet<MarketErrorKind> = new Set([
  'network',
  'timeout',
  'maintenance',
  'rate-limit',
  'bad-data',
  'unavailable',
]);

/**
 * A market-data failure with a message that says what happened and what to do. It is an AppError,
 * so the contract answers with it unchanged (unknown symbol: not_found; the rest: unavailable).
 */
export class MarketDataError extends AppError {
  readonly kind: MarketErrorKind;
  readonly retryable: boolean;
  constructor(kind: MarketErrorKind, message: string, options?: { cause?: unknown }) {
    super(kind === 'unknown-symbol' ? 'not_found' : kind === 'unsupported' ? 'invalid_input' : 'unavailable', message);
    this.name = 'MarketDataError';
    this.kind = kind;
    this.retryable = RETRYABLE.has(kind);
    if (options?.cause !== undefined) this.cause = options.cause;
  }
}

export type ErrorContext = { exchange: string; what: string; symbol?: string };

function detail(error: Error, exchange: string): string {
  // ccxt messages start with the exchange id and often end with an HTML body: keep them short.
  const text = error.message
    .replace(new RegExp(`^${exchange}\\s+`), '')
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > 160 ? `${text.slice(0, 157)}...` : text;
}

const UNKNOWN_PAIR = /Unknown asset pair|Invalid asset pair|does not have market symbol/i;
const SERVICE_DOWN = /EService:Unavailable|maintenance/i;

/** Turns anything a ccxt call threw into a MarketDataError with a clear message. */
export function classifyError(error: unknown, ctx: ErrorContext): MarketDataError {
  if (error instanceof MarketDataError) return error;
  const name = ctx.exchange;
  const symbol = ctx.symbol ? ` ${ctx.symbol}` : '';
  if (!(error instanceof Error))
    return new MarketDataError('exchange', `${name}: ${ctx.what} failed: ${String(error)}`);
  const why = detail(error, name);
  const make = (kind: MarketErrorKind, message: string) => new MarketDataError(kind, message, { cause: error });
  if (error instanceof BadSymbol || (error instanceof ExchangeError && UNKNOWN_PAIR.test(error.message))) {
    return make(
      'unknown-symbol',
      `${name} does not list${symbol || ' that symbol'}: check the symbol (BASE/QUOTE, e.g. BTC/USD) against its markets.`,
    );
  }
  if (error instanceof OnMaintenance || (error instanceof ExchangeNotAvailable && SERVICE_DOWN.test(error.message))) {
    return make('maintenance', `${name} is in maintenance (${why}); market data resumes when it ends.`);
  }
  if (error instanceof DDoSProtection || error instanceof RateLimitExceeded) {
    return make('rate-limit', `${name} is rate limiting requests (${why}); backing off before asking again.`);
  }
  if (error instanceof RequestTimeout) {
    return make('timeout', `${name} did not answer ${ctx.what}${symbol} in time (${why}); retrying.`);
  }
  if (error instanceof ExchangeNotAvailable) {
    return make('unavailable', `${name}'s servers answered ${ctx.what}${symbol} with an error (${why}); retrying.`);
  }
  if (error instanceof NetworkError) {
    return make(
      'network',
      `Cannot reach ${name} for ${ctx.what}${symbol} (${why}): check the internet connection; retrying.`,
    );
  }
  if (error instanceof BadResponse) {
    return make('bad-data', `${name} sent an unreadable answer to ${ctx.what}${symbol} (${why}); it was rejected.`);
  }
  if (error instanceof NotSupported) return make('unsupported', `${name}: ${why}`);
  return make('exchange', `${name} refused ${ctx.what}${symbol}: ${why}`);
}

/** The feed state a failure puts a live subscription in (before "down", which counts failures). */
export function stateFor(error: MarketDataError): FeedStatus['state'] {
  if (error.kind === 'maintenance') return 'maintenance';
  if (error.kind === 'unknown-symbol' || error.kind === 'unsupported') return 'down';
  return 'reconnecting';
}
