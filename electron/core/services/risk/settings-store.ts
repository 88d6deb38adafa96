/**
 * The risk settings: validated against RiskSettings, persisted in workstation.db, every change of
 * every field audited (setting.changed, `risk.<path>` with the old and the new value) in the same
 * transaction as the write. A stored section that no longer validates falls back to its default
 * and is reported; startup never fails on it.
 */
import type { AuditActor } from '../../../../shared/domain/audit.js';
import { RiskSettings } from '../../../../shared/domain/risk.js';
import type { RiskSettingsPatch } from '../../../../shared/domain/risk-view.js';
import { AppError } from '../../../../shared/ipc/envelope.js';
import type { Clock } from '../../../engine/clock.js';
import type { Logger } from '../../../logging/types.js';
import type { RiskRepo } from '../../../persistence/repositories/risk-repo.js';
import { describeIssues } from '../../dispatch.js';
import type { AuditRecorder } from '../audit-service.js';

export type RiskSettingsStore = {
  get(): RiskSettings;
  /** Applies a patch (sections merge field by field); an invalid result is refused with the field and its range. */
  update(patch: RiskSettingsPatch, actor?: AuditActor): RiskSettings;
};

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Every leaf as "section.field" -> value (records such as orderSize.perSymbol stay one leaf). */
function leaves(value: Record<string, unknown>, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [key, v] of Object.entries(value)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (isObject(v) && key !== 'perSymbol') for (const [p, x] of leaves(v, path)) out.set(p, x);
    else out.set(path, v);
  }
  return out;
}

function load(raw: unknown, logger: Logger): RiskSettings {
  const stored = isObject(raw) ? raw : {};
  const shape = RiskSettings.shape;
  const kept: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(stored)) {
    if (!Object.hasOwn(shape, key)) continue;
    const parsed = shape[key as keyof typeof shape].safeParse(value);
    if (parsed.success) kept[key] = parsed.data;
    else logger.warn('risk', `stored risk setting "${key}" is invalid and was reset to its default`, { value });
  }
  return RiskSettings.parse(kept);
}

export function createRiskSettingsStore(deps: {
  repo: RiskRepo;
  clock: Clock;
  logger: Logger;
  audit: AuditRecorder;
  onChange: (settings: RiskSettings) => void;
}): RiskSettingsStore {
  let current = load(deps.repo.settings(), deps.logger);

  return {
    get: () => current,
    update(patch, actor = 'user') {
      const merged: Record<string, unknown> = { ...current };
      for (const [key, value] of Object.entries(patch)) {
        if (value === undefined) continue;
        const old = merged[key];
        merged[key] = isObject(value) && isObject(old) ? { ...old, ...value } : value;
      }
      const parsed = RiskSettings.safeParse(merged);
      if (!parsed.success) throw new AppError('invalid_input', describeIssues(parsed.error));
      const next = parsed.data;
      const before = leaves(current);
      const changes = [...leaves(next)].filter(([path, value]) => {
        return JSON.stringify(before.get(path)) !== JSON.stringify(value);
      });
      if (changes.length === 0) return current;
      deps.repo.atomically(() => {
        deps.repo.saveSettings(next, deps.clock.now());
        for (const [path, value] of changes) {
          const old = before.get(path);
          deps.audit.record(
            'setting.changed',
            actor,
            `risk setting ${path}: ${JSON.stringify(old)} -> ${JSON.stringify(value)}`,
            { setting: `risk.${path}`, old, new: value },
          );
        }
      });
      current = next;
      deps.onChange(current);
      return current;
    },
  };
}
