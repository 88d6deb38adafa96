import { AppError } from '../../../shared/ipc/envelope.js';
import { SettingsSchema, type Settings, type SettingsPatch } from '../../../shared/domain/settings.js';
import type { Clock } from '../../engine/clock.js';
import type { AuditActor } from '../../../shared/domain/audit.js';
import type { Logger } from '../../logging/types.js';
import type { SettingsRepo } from '../../persistence/repositories/settings-repo.js';
import type { AuditRecorder } from './audit-service.js';

/** Settings that only remember what the trader looks at. */
const VIEW_PREFERENCES = new Set<string>(['marketView']);

export type SettingsService = {
  get(): Settings;
  update(patch: SettingsPatch): Settings;
  /** Internal writes the user does not make directly (e.g. the trading mode after confirmation). */
  setInternal(patch: Partial<Settings>, actor?: AuditActor): Settings;
};

/**
 * Typed settings over the key/value repo. A stored value that no longer validates (edited file,
 * older schema) falls back to its default and is reported, never crashes startup.
 */
export function createSettingsService(deps: {
  repo: SettingsRepo;
  clock: Clock;
  logger: Logger;
  onChange: (settings: Settings) => void;
  /** Records every change (old and new value) in the audit trail. */
  audit?: AuditRecorder;
  /** Runs the write and its audit entries as one transaction (both live in workstation.db). */
  atomically?: <T>(fn: () => T) => T;
  /** The exchange ids ccxt knows: a default exchange outside them is refused (none given: not checked). */
  knownExchanges?: readonly string[];
}): SettingsService {
  const { repo, clock, logger } = deps;
  const shape = SettingsSchema.shape;

  function load(): Settings {
    const stored = repo.all();
    const raw: Record<string, unknown> = {};
    for (const [key, value] of stored) {
      if (!Object.hasOwn(shape, key)) continue;
      const field = shape[key as keyof typeof shape];
      const parsed = field.safeParse(value);
      if (parsed.success) raw[key] = parsed.data;
      else logger.warn('system', `stored setting "${key}" is invalid and was reset to its default`, { value });
    }
    return SettingsSchema.parse(raw);
  }

  let current = load();

  function write(patch: Partial<Settings>, actor: AuditActor): Settings {
    const changed: Record<string, unknown> = {};
    const changes: Array<{ key: string; old: unknown; value: unknown }> = [];
    for (const [key, value] of Object.entries(patch)) {
      // Only settings are stored (a confirmation text that travels with a patch is not one).
      if (value === undefined || !Object.hasOwn(shape, key)) continue;
      const old = current[key as keyof Settings];
      // Structured settings (e.g. the market source) compare by content: no change, no write, no audit entry.
      if (old === value || JSON.stringify(old) === JSON.stringify(value)) continue;
      changed[key] = value;
      // A view preference (what the Market tab shows) is stored, not audited or logged: it changes with every click.
      if (VIEW_PREFERENCES.has(key)) continue;
      changes.push({ key, old, value });
      // With an audit trail, the audit service writes the change to the log (once).
      if (!deps.audit) logger.info('system', `setting ${key} changed`, { setting: key, old, new: value });
    }
    if (Object.keys(changed).length === 0) return current;
    const next = SettingsSchema.parse({ ...current, ...changed });
    const atomically = deps.atomically ?? (<T>(fn: () => T): T => fn());
    atomically(() => {
      repo.put(changed, clock.now());
      for (const { key, old, value } of changes) {
        const text = `${key}: ${JSON.stringify(old)} -> ${JSON.stringify(value)}`;
        if (key === 'tradingMode')
          deps.audit?.record('mode.switched', actor, `trading mode ${text}`, { old, new: value });
        else deps.audit?.record('setting.changed', actor, `setting ${text}`, { setting: key, old, new: value });
      }
    });
    current = next;
    deps.onChange(current);
    return current;
  }

  return {
    get: () => current,
    update: (patch) => {
      const id = patch.defaultExchange;
      if (id !== undefined && deps.knownExchanges && !deps.knownExchanges.includes(id)) {
        throw new AppError(
          'invalid_input',
          `"${id}" is not an exchange ccxt knows; the default exchange is one of: ${deps.knownExchanges.join(', ')}`,
        );
      }
      return write(patch, 'user');
    },
    // Usually still the trader's decision, made through another call (e.g. a confirmed mode switch).
    setInternal: (patch, actor = 'user') => write(patch, actor),
  };
}
