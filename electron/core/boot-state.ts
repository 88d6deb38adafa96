import { BOOT_READY, BOOT_STARTING, type BootStatus } from '../../shared/domain/boot.js';
import type { ConversionProgress } from '../persistence/candle-conversion.js';

/** The engine's start as the entries show it (headless GET /boot, the desktop's boot channel). */
export type BootState = {
  get(): BootStatus;
  /** Feeds createCore's onConversion. */
  converting(progress: ConversionProgress): void;
  /** The core is built and the contract answers. */
  ready(): void;
};

export function createBootState(): BootState {
  let status: BootStatus = BOOT_STARTING;
  return {
    get: () => status,
    converting(p) {
      if (status.phase === 'ready') return;
      status = p.done
        ? BOOT_STARTING
        : {
            phase: 'converting-candles',
            converted: p.converted,
            total: p.total,
            series: p.series,
            elapsedMs: Math.round(p.elapsedMs),
          };
    },
    ready() {
      status = BOOT_READY;
    },
  };
}
