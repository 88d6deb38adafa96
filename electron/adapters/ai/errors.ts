/**
 * SDK failures as the user should read them: an AppError whose code is `cancelled` (the user
 * stopped it) or `unavailable` (the key, the network or Anthropic), and whose message says what
 * happened and what to do. The API key never appears in a message.
 */
import Anthropic from '@anthropic-ai/sdk';
import { clause } from '../../../shared/format/text.js';
import { AppError } from '../../../shared/ipc/envelope.js';

export type ErrorContext = { baseURL: string; timeoutMs: number; maxRetries: number };

function apiMessage(error: InstanceType<typeof Anthropic.APIError>): string {
  const body = error.error as { error?: { message?: unknown } } | undefined;
  const text = body?.error?.message;
  return typeof text === 'string' && text.length > 0 ? clause(text.slice(0, 300)) : `HTTP ${String(error.status)}`;
}

export function describeAiError(error: unknown, ctx: ErrorContext): AppError {
  if (error instanceof AppError) return error;
  const tries = ctx.maxRetries > 0 ? ` after ${ctx.maxRetries + 1} attempts` : '';
  if (error instanceof Anthropic.APIUserAbortError) {
    return new AppError('cancelled', 'the request to Claude was cancelled');
  }
  if (error instanceof Anthropic.APIConnectionTimeoutError) {
    return new AppError(
      'unavailable',
      `Claude did not answer within ${Math.round(ctx.timeoutMs / 1000)} s${tries}; try again later, or check your network`,
    );
  }
  if (error instanceof Anthropic.APIConnectionError) {
    // A pinned certificate that does not match says so itself (the host, and that nothing was sent).
    for (let e: unknown = error.cause; e instanceof Error; e = e.cause) {
      if (e.name === 'TlsPinError') return new AppError('unavailable', e.message);
    }
    return new AppError(
      'unavailable',
      `cannot reach the Anthropic API at ${ctx.baseURL}${tries}: ${clause(error.message)}; check your network connection`,
    );
  }
  if (error instanceof Anthropic.AuthenticationError) {
    return new AppError(
      'unavailable',
      'Anthropic refused the API key (401 authentication error): check or replace your Anthropic API key in Settings > Secrets',
    );
  }
  if (error instanceof Anthropic.PermissionDeniedError) {
    return new AppError(
      'unavailable',
      `Anthropic refused the request for this API key (403: ${apiMessage(error)}); check the key's permissions in the Anthropic console`,
    );
  }
  if (error instanceof Anthropic.RateLimitError) {
    return new AppError(
      'unavailable',
      `Anthropic's rate limit was reached (429)${tries}; wait a minute and try again, or choose a smaller model`,
    );
  }
  if (error instanceof Anthropic.APIError && error.status === 529) {
    return new AppError('unavailable', `Anthropic is overloaded (529)${tries}; try again in a few minutes`);
  }
  if (error instanceof Anthropic.NotFoundError) {
    return new AppError(
      'unavailable',
      `Anthropic does not know this request (404: ${apiMessage(error)}); the model may not be available to your key: pick another model`,
    );
  }
  if (error instanceof Anthropic.APIError && typeof error.status === 'number' && error.status >= 500) {
    return new AppError('unavailable', `Anthropic had an internal error (${error.status})${tries}; try again later`);
  }
  if (error instanceof Anthropic.APIError) {
    return new AppError(
      'unavailable',
      `Anthropic refused the request (${String(error.status)}: ${apiMessage(error)}); this is likely a bug: please report it`,
    );
  }
  return new AppError(
    'unavailable',
    `the request to Claude failed: ${clause((error as Error)?.message ?? String(error))}`,
  );
}
