/**
 * settings.update with exchangeOverrides decides where every signed private request (the API key
 * with a signature) goes. A loopback test server is allowed as it is; any other host needs https
 * and the typed confirmation that names it; changing the override of the exchange that trades
 * LIVE first drops the live session (to PAPER on the same exchange), so LIVE has to be confirmed
 * again against the new address. Every confirmed address and every drop is in the audit trail.
 */
import {
  exchangeUrlConfirmText,
  exchangeUrlHost,
  exchangeUrlRequirement,
} from '../../../shared/domain/exchange-url.js';
import type { ExchangeOverride, Settings, SettingsPatch } from '../../../shared/domain/settings.js';
import type { SetTradingMode, TradingStatus } from '../../../shared/domain/trading.js';
import type { AuditActor } from '../../../shared/domain/audit.js';
import { AppError } from '../../../shared/ipc/envelope.js';
import type { AuditRecorder } from './audit-service.js';
import type { SettingsService } from './settings-service.js';

export type TradingControl = {
  status(): Pick<TradingStatus, 'mode' | 'exchangeId'>;
  setMode(input: SetTradingMode, actor?: AuditActor): Promise<unknown>;
};

const same = (a: ExchangeOverride | undefined, b: ExchangeOverride | undefined): boolean =>
  (a?.baseUrl ?? null) === (b?.baseUrl ?? null) && (a?.sandbox ?? false) === (b?.sandbox ?? false);

/** The exchanges whose override (address or testnet) the patch changes. */
function changedExchanges(current: Settings, next: Record<string, ExchangeOverride>): string[] {
  const ids = new Set([...Object.keys(current.exchangeOverrides), ...Object.keys(next)]);
  return [...ids].filter((id) => !same(current.exchangeOverrides[id], next[id]));
}

export function createExchangeOverrideGuard(deps: {
  settings: SettingsService;
  trading: () => TradingControl;
  audit: AuditRecorder;
}) {
  /** Refuses an address that is neither loopback nor https-and-confirmed, naming what to do. */
  function check(id: string, override: ExchangeOverride | undefined, confirm: string | undefined): string | null {
    const baseUrl = override?.baseUrl ?? null;
    if (baseUrl === null) return null;
    const requirement = exchangeUrlRequirement(baseUrl);
    if (requirement === 'loopback') return null;
    const host = exchangeUrlHost(baseUrl);
    if (requirement === 'needs-https') {
      throw new AppError(
        'invalid_input',
        `exchangeOverrides.${id}.baseUrl: ${host} is not this computer, and the API key would travel unencrypted: use https:// (plain http is allowed for 127.0.0.1 / localhost test servers only)`,
      );
    }
    const expected = exchangeUrlConfirmText(id, baseUrl);
    if (confirm !== expected) {
      throw new AppError(
        'invalid_input',
        `every signed ${id} request, with your API key, would go to ${host}: if you trust that server, type exactly "${expected}" as the confirmation`,
      );
    }
    return expected;
  }

  return {
    async update(patch: SettingsPatch): Promise<Settings> {
      const { confirmExchangeUrl, ...rest } = patch;
      const next = rest.exchangeOverrides;
      if (next === undefined) return deps.settings.update(rest);
      const current = deps.settings.get();
      const changed = changedExchanges(current, next);
      const confirmations = changed.map((id) => ({ id, confirmed: check(id, next[id], confirmExchangeUrl) }));

      // The live session was opened against the old address: drop it before the address changes.
      const trading = deps.trading();
      const status = trading.status();
      if (status.mode === 'LIVE' && status.exchangeId !== null && changed.includes(status.exchangeId)) {
        const id = status.exchangeId;
        try {
          // Audited by the switch itself (mode.switched, LIVE -> PAPER).
          await trading.setMode({ mode: 'PAPER', exchangeId: id }, 'user');
        } catch (error) {
          const reason = error instanceof Error ? error.message : String(error);
          throw new AppError(
            'conflict',
            `the ${id} connection cannot change while it trades LIVE and live trading cannot be stopped now (${reason}); nothing changed`,
          );
        }
      }
      for (const { id, confirmed } of confirmations) {
        if (confirmed === null) continue;
        deps.audit.record(
          'setting.changed',
          'user',
          `${id} API requests confirmed for ${exchangeUrlHost(next[id]?.baseUrl ?? '')}`,
          {
            setting: 'exchangeOverrides',
            exchangeId: id,
            baseUrl: next[id]?.baseUrl ?? null,
            confirmedWith: confirmed,
          },
        );
      }
      return deps.settings.update(rest);
    },
  };
}
