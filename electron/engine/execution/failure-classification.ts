/**
 * Which FailureKind an exchange error is, from the names of its error classes (ccxt's, most
 * specific first or in any order) and its message. Pure: the adapter collects the names.
 *
 * The rule that keeps orders from being lost or duplicated: only a definite answer from the
 * exchange is 'rejected', 'auth', 'rate_limited' or 'unavailable'. Anything that may have been
 * processed (a timeout, a dropped connection, an HTTP 5xx, an unreadable answer, an internal
 * error, an error that is not the exchange's) is 'unknown', and an unknown placement is looked up
 * by client order id before anything is sent again.
 */
import type { FailureKind } from '../orders/execution-port.js';

export type ErrorFacts = Readonly<{ names: readonly string[]; message: string }>;

/** A rule matches on any of `names` or on `message`; with `both`, it needs a name AND the message. */
type Rule = Readonly<{ kind: FailureKind; names?: readonly string[]; message?: RegExp; both?: boolean; why: string }>;

/** An error raised from an HTTP status line (ccxt: "<id> <METHOD> <url> <code> <reason> <body>"). */
const HTTP_STATUS = /\b(?:GET|POST|PUT|DELETE|PATCH) \S+ (\d{3})\b/;

/** First match wins. */
export const FAILURE_RULES: readonly Rule[] = [
  {
    kind: 'auth',
    names: ['AuthenticationError', 'PermissionDenied', 'AccountSuspended', 'AccountNotEnabled'],
    why: 'the exchange refused the API key or its permissions',
  },
  {
    kind: 'auth',
    message: /EAPI:Invalid (?:key|signature)|EGeneral:Permission denied/,
    why: 'the exchange refused the API key or its signature',
  },
  {
    kind: 'unknown',
    names: ['DuplicateOrderId'],
    message: /duplicate (?:order|cl_ord_id|client)/i,
    why: 'the exchange already has an order with this client id',
  },
  { kind: 'rate_limited', names: ['RateLimitExceeded', 'DDoSProtection'], why: 'the exchange is rate limiting' },
  { kind: 'unavailable', names: ['OnMaintenance'], why: 'the exchange is in maintenance' },
  {
    kind: 'unknown',
    names: ['ExchangeNotAvailable'],
    message: HTTP_STATUS,
    both: true,
    why: 'the exchange answered with an HTTP error; it may have processed the request',
  },
  {
    kind: 'unknown',
    message: /Internal error/i,
    why: 'the exchange had an internal error; it may have processed the request',
  },
  { kind: 'unavailable', names: ['ExchangeNotAvailable'], why: 'the exchange says it is unavailable' },
  {
    kind: 'unknown',
    names: ['RequestTimeout', 'NetworkError', 'BadResponse', 'NullResponse', 'CancelPending', 'OperationFailed'],
    why: 'no definite answer arrived',
  },
  {
    kind: 'rejected',
    names: [
      'InsufficientFunds',
      'InvalidOrder',
      'BadRequest',
      'BadSymbol',
      'ArgumentsRequired',
      'NotSupported',
      'OperationRejected',
      'InvalidAddress',
      'ExchangeError',
    ],
    why: 'the exchange refused the request',
  },
];

const DEFAULT_RULE: Rule = { kind: 'unknown', why: 'the error is not an answer from the exchange' };

function matches(rule: Rule, facts: ErrorFacts): boolean {
  const byName = rule.names?.some((n) => facts.names.includes(n)) ?? false;
  const byMessage = rule.message?.test(facts.message) ?? false;
  return rule.both ? byName && byMessage : byName || byMessage;
}

/** The kind of failure and a short reason in words (for logs and messages). */
export function classifyFailure(facts: ErrorFacts): { kind: FailureKind; why: string } {
  const rule = FAILURE_RULES.find((r) => matches(r, facts)) ?? DEFAULT_RULE;
  return { kind: rule.kind, why: rule.why };
}

/** The HTTP status in a ccxt message raised from a status line, or null. */
export function httpStatusOf(message: string): number | null {
  const match = HTTP_STATUS.exec(message);
  return match ? Number(match[1]) : null;
}
