/**
 * Switching the trading mode. LIVE needs the exact confirmation text that names the exchange
 * ("TRADE LIVE ON KRAKEN"). A switch is refused while orders of the current venue are unfinished
 * (they would be left unwatched). The new adapter is built first: if it cannot be (no live adapter,
 * no API key), nothing changes. The switch is audited with the exchange it names.
 */
import type { AuditActor } from '../../../../shared/domain/audit.js';
import { SetTradingMode, liveConfirmText } from '../../../../shared/domain/trading.js';
import { AppError } from '../../../../shared/ipc/envelope.js';
import type { ExecutionAdapter } from '../../../engine/orders/execution-port.js';
import { describeIssues } from '../../dispatch.js';
import type { OrderServiceOptions } from './order-service.js';
import { type Halt, type SessionDeps, type Venue, type VenueSession, venueFor } from './session.js';

export type SwitchRequest = {
  options: OrderServiceOptions;
  deps: SessionDeps;
  current: VenueSession | null;
  currentVenue: Venue;
  input: SetTradingMode;
  actor: AuditActor;
  halt: Halt;
};

export async function switchMode(r: SwitchRequest): Promise<'unchanged' | { venue: Venue; adapter: ExecutionAdapter }> {
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
  const unfinished = r.current?.ledger.live() ?? [];
  if (unfinished.length > 0) {
    throw new AppError(
      'conflict',
      `${unfinished.length} order(s) on ${r.current!.venue} are not finished: cancel them (Cancel all) or wait until ` +
        'they end, then switch; otherwise nobody would watch them',
    );
  }
  const adapter = await r.options.createAdapter(venue);
  try {
    await r.options.beforeSwitch?.(venue);
  } catch (error) {
    await adapter.close().catch(() => undefined);
    throw error;
  }
  const now = r.deps.clock.now();
  r.deps.journal.atomically(() => {
    r.deps.journal.setTradingState(mode, exchangeId, now);
    r.deps.audit.record(
      'mode.switched',
      r.actor,
      `trading switched from ${r.currentVenue.mode} (${r.currentVenue.venue}) to ${mode} (${venue.venue})`,
      {
        old: { mode: r.currentVenue.mode, venue: r.currentVenue.venue },
        new: { mode, venue: venue.venue, exchangeId },
        ...(mode === 'LIVE' ? { confirmedWith: confirm } : {}),
      },
    );
  });
  r.options.afterSwitch?.(venue);
  r.halt.reason = null;
  return { venue, adapter };
}
