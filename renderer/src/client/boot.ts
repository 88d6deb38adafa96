import { BOOT_PATH, BOOT_READY, BootStatus } from '../../../shared/domain/boot';
import type { DesktopBridge } from '../../../shared/ipc/wire';
import { pageToken } from './transport';

/** Asks where the engine's start is; throws when the engine does not answer. */
export type BootProbe = () => Promise<BootStatus>;

/** An answer that is not a boot status (an older engine, a refused frame) lets the app open. */
function parsed(value: unknown): BootStatus {
  const status = BootStatus.safeParse(value);
  return status.success ? status.data : BOOT_READY;
}

/**
 * The desktop asks the preload (the boot channel); the headless page asks GET /boot with its token.
 * A page without a token, or one the server refuses (401), opens the app, which says why it cannot
 * connect.
 */
export function createBootProbe(): BootProbe {
  const bridge = (window as { workstation?: Partial<DesktopBridge> }).workstation;
  if (bridge) {
    const boot = bridge.boot;
    return boot ? async () => parsed(await boot()) : () => Promise.resolve(BOOT_READY);
  }
  return async () => {
    const token = pageToken();
    if (token === null) return BOOT_READY;
    let response: Response;
    try {
      response = await fetch(BOOT_PATH, { headers: { authorization: `Bearer ${token}` }, cache: 'no-store' });
    } catch {
      throw new Error('the engine is not answering: is it still running? (retrying)');
    }
    if (response.status === 401) return BOOT_READY;
    if (!response.ok) throw new Error(`the engine answered ${response.status} (retrying)`);
    return parsed(await response.json());
  };
}
