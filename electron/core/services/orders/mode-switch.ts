/**
 * Switching the trading mode, all or nothing. LIVE needs the exact confirmation text that names
 * the exchange ("TRADE LIVE ON KRAKEN"). A switch is refused while orders of the current venue are
 * unfinished (they would be left unwatched). The order service (order-service.ts) then builds the
 * new adapter, points the market source at the venue and opens (reconciles) the new session while
 * the old one still runs; only when all of that worked is the switch committed (journal, audit,
 * settings). A failure undoes what was touched and names the cause in a trader's words
 * (traderReason); the raw error goes to the log only.
 */
import type { AuditActor } from '../../../../shared/domain/audit.js';
import { SetTradingMode, liveConfirmText } from '../../../../shared/domain/trading.js';
import { AppError } from '../../../../shared/ipc/envelope.js';
import { describeIssues } from '../../dispatch.js';
import type { OrderServiceOptions } from './order-service.js';
import { type Halt, type SessionDeps, type Venue, type VenueSession, venueFor } from './session.js';
import { describeVenue } from './venue-binding.js';

export type SwitchPlan = { venue: Venue; confirm: string | undefined };

/** Checks the request: the venue to switch to, or 'unchanged' (a halted venue is resumed). */
export function planSwitch(r: {
  options: OrderServiceOptions;
  deps: SessionDeps;
  current: VenueSession | null;
  currentVenue: Venue;
  input: SetTradingMode;
  halt: Halt;
}): 'unchanged' | SwitchPlan {
  const parsed = SetTradingMode.safeParse(r.input);
  if (!parsed.success) throw new AppError('invalid_input', describeIssues(parsed.error));
  const { mode, confirm } = parsed.data;
  const exchangeId =
    mode === 'SIMULATOR' ? null : (parsed.data.exchangeId ?? r.currentVenue.exchangeId ?? r.options.defaultExchange());
  if (mode === 'LIVE') {
    const expected = liveConfirmText(exchangeId!);
    if (confirm !== expected) {
      throw new AppError(
        'invalid_input',
        `live trading sends real orders with real money to ${exchangeId}: to switch, type exactly "${expected}" as the confirmation`,
      );
    }
  }
  const venue = venueFor(mode, exchangeId);
  if (r.current && r.current.venue === venue.venue && r.currentVenue.venue === venue.venue) {
    if (r.halt.reason !== null) {
      r.deps.logger.info('orders', `trading resumed on ${venue.venue} (was halted: ${r.halt.reason})`);
      r.halt.reason = null;
    }
    return 'unchanged';
  }
  return { venue, confirm };
}

/** Orders of the current venue that would be left unwatched by a switch. */
export function refuseUnfinished(current: VenueSession | null): void {
  const unfinished = current?.ledger.live() ?? [];
  if (unfinished.length > 0) {
    throw new AppError(
      'conflict',
      `${unfinished.length} order(s) on ${current!.venue} are not finished: cancel them (Cancel all) or wait until ` +
        'they end, then switch; otherwise nobody would watch them',
    );
  }
}

const NETWORK =
  /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|ECONNRESET|EHOSTUNREACH|ENETUNREACH|fetch failed|socket hang up|network|timed? ?out|RequestTimeout|ExchangeNotAvailable|not available/i;
const AUTH = /AuthenticationError|PermissionDenied|Invalid key|invalid nonce|EAPI:Invalid/i;

function chain(error: unknown): string {
  const parts: string[] = [];
  let e: unknown = error;
  for (let i = 0; i < 5 && e; i++) {
    if (e instanceof Error) {
      parts.push(`${e.name}: ${e.message}`, String((e as { code?: unknown }).code ?? ''));
      e = (e as { cause?: unknown }).cause;
    } else {
      parts.push(String(e));
      break;
    }
  }
  return parts.join(' ');
}

/** Why a switch to `venue` failed, in words a trader understands (no URL, no errno). */
export function traderReason(error: unknown, venue: Venue): string {
  const where = venue.exchangeId ?? 'the simulator';
  const raw = chain(error);
  if (AUTH.test(raw)) return `${where} refused the API key: check the key and secret in Settings`;
  if (NETWORK.test(raw)) return `cannot reach ${where}: check the connection`;
  if (error instanceof AppError) return error.message;
  return `${where} did not answer as expected (the details are in the Logs tab)`;
}

/** The error a refused switch answers: the cause, and that nothing changed. */
export function switchRefused(error: unknown, from: Venue, to: Venue): AppError {
  const code = error instanceof AppError ? error.code : 'unavailable';
  return new AppError(
    code === 'internal' ? 'unavailable' : code,
    `could not switch to ${describeVenue(to.venue)}: ${traderReason(error, to)}. Nothing changed: trading stays ` +
      `${describeVenue(from.venue)}`,
  );
}

/** The switch worked: the journal keeps the mode, the audit trail says who switched, the settings mirror it. */
export function commitSwitch(
  r: { options: OrderServiceOptions; deps: SessionDeps; actor: AuditActor },
  from: Venue,
  plan: SwitchPlan,
): void {
  const { venue, confirm } = plan;
  const now = r.deps.clock.now();
  r.deps.journal.atomically(() => {
    r.deps.journal.setTradingState(venue.mode, venue.exchangeId, now);
    r.deps.audit.record(
      'mode.switched',
      r.actor,
      `trading switched from ${from.mode} (${from.venue}) to ${venue.mode} (${venue.venue})`,
      {
        old: { mode: from.mode, venue: from.venue },
        new: { mode: venue.mode, venue: venue.venue, exchangeId: venue.exchangeId },
        ...(venue.mode === 'LIVE' ? { confirmedWith: confirm } : {}),
      },
    );
  });
  r.options.afterSwitch?.(venue);
}
