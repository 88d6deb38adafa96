import { SettingsSchema, type Settings, type SettingsPatch } from '../../../shared/domain/settings.js';
import type { Clock } from '../../engine/clock.js';
import type { Logger } from '../../logging/types.js';
import type { SettingsRepo } from '../../persistence/repositories/settings-repo.js';

export type SettingsService = {
  get(): Settings;
  update(patch: SettingsPatch): Settings;
  /** Internal writes the user does not make directly (e.g. the trading mode after confirmation). */
  setInternal(patch: Partial<Settings>): Settings;
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

  function write(patch: Partial<Settings>): Settings {
    const changed: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(patch)) {
      if (value === undefined) continue;
      const old = current[key as keyof Settings];
      if (old === value) continue;
      changed[key] = value;
      logger.info('system', `setting ${key} changed`, { setting: key, old, new: value });
    }
    if (Object.keys(changed).length === 0) return current;
    const next = SettingsSchema.parse({ ...current, ...changed });
    repo.put(changed, clock.now());
    current = next;
    deps.onChange(current);
    return current;
  }

  return {
    get: () => current,
    update: (patch) => write(patch),
    setInternal: (patch) => write(patch),
  };
}
