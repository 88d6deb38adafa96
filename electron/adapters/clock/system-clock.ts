import type { Clock } from '../../engine/clock.js';

export const systemClock: Clock = {
  now: () => Date.now(),
};
