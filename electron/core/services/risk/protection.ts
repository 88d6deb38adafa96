/**
 * Where protective orders live, as the Risk tab and the close warning say it. Stops held by the
 * engine protect only while the workstation runs; native stop orders rest on the exchange and
 * hold while the app is closed, asleep or crashed. On Kraken the two exchange-side protections
 * exclude each other (CancelAllOrdersAfter cancels resting stops too), so the trader chooses.
 */
import type { ProtectionStatus } from '../../../../shared/domain/risk-view.js';
import type { VenueSession } from '../orders/session.js';
import { isNative, supportsNativeStops } from '../orders/native-stops.js';

export function describeProtection(s: VenueSession | null, choice: 'dead_man' | 'native_stops'): ProtectionStatus {
  const engineHeld = s?.triggers.armed().length ?? 0;
  const native = s?.ledger.live().filter(isNative).length ?? 0;
  const nativeAvailable = s !== null && s.mode === 'LIVE' && supportsNativeStops(s.adapter);
  let detail: string;
  if (!s || s.mode !== 'LIVE') {
    detail = 'simulated trading: stops are held by the engine (protected only while the workstation runs)';
  } else if (choice === 'native_stops' && nativeAvailable) {
    detail =
      `stop-loss and take-profit orders rest on ${s.venue} as native orders and hold while the app is closed, ` +
      "asleep or crashed; trailing stops stay in the engine; the dead man's switch is off";
  } else if (choice === 'native_stops') {
    detail = `${s.venue} offers no native stop orders here: stops are protected only while the workstation runs`;
  } else {
    detail =
      'stops are held by the engine: protected only while the workstation runs; ' +
      "the exchange's dead man's switch cancels every resting order 60 s after the app stops answering";
  }
  return { choice, engineHeld, native, nativeAvailable, detail };
}
