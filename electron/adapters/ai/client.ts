/**
 * The Anthropic Messages API behind a small port. One client per call site, built from the API key
 * of the secret store, a base URL (the real API, or a local test server in tests and e2e), a
 * per-request timeout and a bounded number of retries: the SDK retries 408/409/429/5xx (529
 * "overloaded" included) and timeouts with exponential backoff (0.5 s doubling to at most 8 s, with
 * jitter) and honours `retry-after` / `retry-after-ms`, which is capped at a minute here so a
 * server cannot park a request for an hour. Cancellation: an AbortSignal per request.
 * Failures become AppErrors whose message says what happened and what to do (errors.ts).
 */
import Anthropic from '@anthropic-ai/sdk';
import { describeAiError } from './errors.js';

export const DEFAULT_ANTHROPIC_URL = 'https://api.anthropic.com';
/** One request may take this long before it is abandoned (and retried). */
export const DEFAULT_TIMEOUT_MS = 120_000;
export const DEFAULT_MAX_RETRIES = 2;
/** A retry-after longer than this is shortened to it (the SDK would otherwise wait as long as asked). */
export const DEFAULT_MAX_RETRY_AFTER_MS = 60_000;

export type AiClientConfig = {
  apiKey: string;
  /** Default: the real API. */
  baseURL?: string;
  timeoutMs?: number;
  maxRetries?: number;
  maxRetryAfterMs?: number;
  /** The fetch under the SDK (certificate pinning, electron/adapters/net/tls-pinning.ts); default the global one. */
  fetch?: typeof fetch;
};

export type AiMessage = Anthropic.Message;
export type AiRequest = Anthropic.MessageCreateParamsNonStreaming;
export type AiAnswer = { message: AiMessage; latencyMs: number };

/** What the generation pipeline and the advisor need of Claude. */
export type MessagesClient = {
  /** One Messages call (retried by the SDK); throws an AppError (cancelled, unavailable, ...). */
  create(params: AiRequest, signal?: AbortSignal): Promise<AiAnswer>;
};

/** A fetch whose responses ask to wait at most `maxMs` before a retry (retry-after, retry-after-ms). */
export function capRetryAfter(inner: typeof fetch, maxMs: number): typeof fetch {
  return async (input, init) => {
    const response = await inner(input, init);
    const seconds = Number(response.headers.get('retry-after'));
    const ms = Number(response.headers.get('retry-after-ms'));
    if (!(seconds * 1000 > maxMs) && !(ms > maxMs)) return response;
    const headers = new Headers(response.headers);
    headers.delete('retry-after');
    headers.set('retry-after-ms', String(maxMs));
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
  };
}

export function createMessagesClient(config: AiClientConfig, now: () => number = () => performance.now()) {
  const timeout = config.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxRetries = config.maxRetries ?? DEFAULT_MAX_RETRIES;
  const baseURL = (config.baseURL ?? DEFAULT_ANTHROPIC_URL).replace(/\/+$/, '');
  // An explicit key: the SDK then reads no credential from the environment or a profile.
  const anthropic = new Anthropic({
    apiKey: config.apiKey,
    baseURL,
    timeout,
    maxRetries,
    logLevel: 'off',
    fetch: capRetryAfter(config.fetch ?? globalThis.fetch, config.maxRetryAfterMs ?? DEFAULT_MAX_RETRY_AFTER_MS),
  });
  const client: MessagesClient = {
    async create(params, signal) {
      const started = now();
      try {
        const message = await anthropic.messages.create(params, signal ? { signal } : {});
        return { message, latencyMs: Math.round(now() - started) };
      } catch (error) {
        throw describeAiError(error, { baseURL, timeoutMs: timeout, maxRetries });
      }
    },
  };
  return client;
}
