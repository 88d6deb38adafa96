/**
 * Every order is bound to the venue (trading mode and exchange) that was active when it was
 * decided: the Orders ticket sends the venue it showed, a strategy step and an advisor pass carry
 * the venue they started on. The order service refuses a submission bound to another venue than
 * the active one, and every submission while a mode switch is under way; the refusal is audited
 * (risk.veto, rule "venue") and says what happened in the trader's words.
 */
import type { AuditActor } from '../../../../shared/domain/audit.js';
import type { OrderRequestInput } from '../../../../shared/domain/orders.js';
import { AppError } from '../../../../shared/ipc/envelope.js';
import type { AuditRecorder } from '../audit-service.js';

/** 'simulator' -> "SIMULATOR", 'paper:kraken' -> "PAPER on kraken", 'kraken' -> "LIVE on kraken". */
export function describeVenue(venue: string): string {
  if (venue === 'simulator') return 'SIMULATOR';
  if (venue.startsWith('paper:')) return `PAPER on ${venue.slice('paper:'.length)}`;
  return `LIVE on ${venue}`;
}

export const VENUE_RULE = 'venue';

function what(request: OrderRequestInput): string {
  const amount = request.quantity ?? `${request.quoteAmount ?? '?'} (quote)`;
  return `${request.side} ${amount} ${request.symbol} ${request.type}`;
}

/** Audits the refusal and answers the error to throw. */
export function refuseVenue(
  audit: AuditRecorder,
  actor: AuditActor,
  source: string,
  request: OrderRequestInput,
  decidedFor: string | null,
  active: string,
  switchingTo: string | null,
): AppError {
  const detail =
    switchingTo !== null
      ? `trading is switching to ${describeVenue(switchingTo)}; an order decided for ${describeVenue(decidedFor ?? active)} ` +
        'is not sent while the switch runs: nothing was sent, decide again once the switch is done'
      : `it was decided for ${describeVenue(decidedFor ?? active)}, but trading is now ${describeVenue(active)}: ` +
        'nothing was sent, decide again on the current venue';
  audit.record('risk.veto', actor, `${what(request)} vetoed by ${VENUE_RULE}: ${detail}`, {
    rule: VENUE_RULE,
    detail,
    symbol: request.symbol,
    source,
    decidedFor,
    activeVenue: active,
    switchingTo,
    request: { symbol: request.symbol, side: request.side, type: request.type },
  });
  return new AppError('conflict', `order refused by the risk rule "${VENUE_RULE}": ${detail}`);
}
