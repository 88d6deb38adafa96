import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import {
  contract,
  isInvokeName,
  type InvokeName,
  type InvokeOutput,
  type InvokeParsedInput,
} from '../../shared/ipc/contract.js';
import type { ExportRequest } from '../../shared/domain/export.js';
import { AppError, type Envelope } from '../../shared/ipc/envelope.js';
import type { Logger } from '../logging/types.js';

/** Who is calling: used in logs only; authorisation happens in the transport. */
export type CallContext = {
  transport: 'ipc' | 'ws' | 'cli' | 'test';
  /** The headless transport's one-time download links (GET /export); absent elsewhere. */
  downloads?: { mint(request: ExportRequest): { url: string; expiresAt: number } };
};

export type Handler<K extends InvokeName> = (
  input: InvokeParsedInput<K>,
  ctx: CallContext,
) => InvokeOutput<K> | Promise<InvokeOutput<K>>;

/** A handler for every contract name: a missing one does not compile. */
export type Handlers = { [K in InvokeName]: Handler<K> };

export type Dispatch = (name: unknown, input: unknown, ctx: CallContext) => Promise<Envelope<unknown>>;

/** "field.sub: message" for the first few issues, so the user learns which field is wrong. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => {
      const where = issue.path.length > 0 ? issue.path.map(String).join('.') : 'input';
      return `${where}: ${issue.message}`;
    })
    .join('; ');
}

/**
 * A failure nobody planned for (a SQLite error, a bug): the caller learns that it failed and a
 * reference to quote; the raw message and stack (which may name tables, files or values) go to
 * the log only, under the same reference.
 */
export function internalError(
  logger: Logger,
  name: string,
  error: unknown,
  transport: string,
): { code: 'internal'; message: string } {
  const reference = randomBytes(4).toString('hex');
  const raw = error instanceof Error ? error.message : String(error);
  logger.error('system', `${name} failed (reference ${reference}): ${raw}`, {
    reference,
    transport,
    stack: error instanceof Error ? error.stack : undefined,
  });
  return {
    code: 'internal',
    message: `${name} failed: an internal error (reference ${reference}). Try again; if it keeps failing, search the Logs tab for ${reference} for the details`,
  };
}

/**
 * The one entry point every transport uses: checks the name, validates the input against the
 * contract, runs the handler and wraps the answer (or the failure) in an envelope. Never throws.
 */
export function createDispatch(handlers: Handlers, logger: Logger): Dispatch {
  return async (name, input, ctx) => {
    if (!isInvokeName(name)) {
      const shown = typeof name === 'string' ? `"${name.slice(0, 64)}"` : `a ${typeof name}`;
      return { ok: false, error: { code: 'unknown_call', message: `unknown call ${shown}` } };
    }
    const parsed = contract.invoke[name].input.safeParse(input ?? {});
    if (!parsed.success) {
      return {
        ok: false,
        error: { code: 'invalid_input', message: `${name}: ${describeIssues(parsed.error)}` },
      };
    }
    try {
      const handler = handlers[name] as (input: unknown, ctx: CallContext) => unknown;
      const data = await handler(parsed.data, ctx);
      return { ok: true, data };
    } catch (error) {
      if (error instanceof AppError) {
        logger.warn('system', `${name} refused: ${error.message}`, { code: error.code, transport: ctx.transport });
        return { ok: false, error: { code: error.code, message: error.message } };
      }
      return { ok: false, error: internalError(logger, name, error, ctx.transport) };
    }
  };
}
