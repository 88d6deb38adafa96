import type { CandleStore } from '../../engine/market/candle-store-port.js';
import type { CandleRepo } from '../repositories/candle-repo.js';

/**
 * A candle repository seen through the CandleStore port alone (no column reads): readCandles then
 * resamples Candle objects, as it did before the block store. The reference of the equivalence
 * test and the "before" of the candle bench.
 */
export function objectsOnly(repo: CandleRepo): CandleStore {
  return {
    upsert: (...a) => repo.upsert(...a),
    range: (...a) => repo.range(...a),
    latest: (...a) => repo.latest(...a),
    earliest: (...a) => repo.earliest(...a),
    count: (...a) => repo.count(...a),
  };
}
