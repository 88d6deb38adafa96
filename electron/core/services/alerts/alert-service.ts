/**
 * Alerts: rules (condition or event), the alerts they fire, and their delivery. A fired alert is
 * stored first (the in-app list, unread), then announced on the bus (`alerts.fired`: the desktop
 * shell shows a system notification when the rule asks for one, the UI counts it) and handed to
 * the delivery worker for Telegram, Discord and the webhook. Nothing here can place an order: the
 * service is built without the order service.
 */
import {
  AlertRuleInput,
  type AlertChannel,
  type AlertRuleView,
  type AlertSummary,
  type AlertView,
} from '../../../../shared/domain/alerts.js';
import type { Candle } from '../../../../shared/domain/market.js';
import { AppError } from '../../../../shared/ipc/envelope.js';
import { compileAlertCondition, shouldFire } from '../../../engine/alerts/condition.js';
import type { Clock } from '../../../engine/clock.js';
import type { Logger } from '../../../logging/types.js';
import type { AlertRepo, AlertRuleRow } from '../../../persistence/repositories/alert-repo.js';
import type { ConditionWatch } from './condition-watch.js';
import type { DeliveryWorker } from './delivery.js';
import type { EventOccurrence } from './event-alerts.js';

export type AlertService = {
  rules(): AlertRuleView[];
  createRule(input: unknown): AlertRuleView;
  setEnabled(id: string, enabled: boolean): AlertRuleView;
  deleteRule(id: string): void;
  list(limit: number, unreadOnly: boolean): AlertView[];
  markRead(ids: readonly string[] | 'all'): Promise<AlertSummary>;
  summary(): Promise<AlertSummary>;
  /** Sends a test alert through one channel; answers after the first attempt. */
  test(channel: AlertChannel): Promise<AlertView>;
  /** An engine event happened: fires every enabled event rule that lists it. */
  onEvent(o: EventOccurrence): void;
  /** A condition rule was evaluated at a candle close. */
  onEvaluated(ruleId: string, candle: Candle, holds: boolean): void;
};

export type AlertServiceDeps = {
  repo: AlertRepo;
  clock: Clock;
  logger: Logger;
  newId: () => string;
  watch: ConditionWatch;
  delivery: DeliveryWorker;
  channelsConfigured: () => Promise<AlertSummary['channelsConfigured']>;
  onFired: (alert: AlertView) => void;
  onSummary: (summary: AlertSummary) => void;
};

const external = (channels: readonly AlertChannel[]) => channels.filter((c) => c !== 'desktop');

export function createAlertService(d: AlertServiceDeps): AlertService {
  const { repo, clock, logger } = d;
  const view = (r: AlertRuleRow): AlertRuleView => ({
    id: r.id,
    spec: r.spec,
    enabled: r.enabled,
    createdAt: r.createdAt,
    lastFiredAt: r.lastFiredAt,
    firedCount: r.firedCount,
    problem: d.watch.problem(r.id),
  });
  const resync = () => d.watch.sync(repo.rules());
  const mustGet = (id: string) => {
    const r = repo.rule(id);
    if (!r) throw new AppError('not_found', `there is no alert rule ${id} (it may have been deleted)`);
    return r;
  };

  async function summary(): Promise<AlertSummary> {
    return {
      unread: repo.unreadCount(),
      failedDeliveries: repo.failedDeliveries(),
      channelsConfigured: await d.channelsConfigured(),
    };
  }

  function announceSummary(): void {
    summary()
      .then(d.onSummary)
      .catch((error: unknown) => logger.error('system', 'the alert summary could not be read', { error }));
  }

  function fire(
    rule: { id: string | null; name: string; channels: readonly AlertChannel[] },
    what: Pick<AlertView, 'source' | 'title' | 'message' | 'symbol'>,
    deliverLater = true,
  ): AlertView {
    const alert = {
      id: d.newId(),
      ruleId: rule.id,
      ruleName: rule.name,
      ...what,
      at: clock.now(),
      channels: [...rule.channels],
    };
    repo.insertAlert(alert, external(rule.channels));
    const stored = repo.alert(alert.id)!;
    logger.info('system', `alert: ${what.title}`, { alertId: alert.id, rule: rule.name, source: what.source });
    d.onFired(stored);
    announceSummary();
    if (deliverLater) d.delivery.kick();
    return stored;
  }

  return {
    rules: () => repo.rules().map(view),
    createRule(input) {
      const parsed = AlertRuleInput.safeParse(input);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        throw new AppError('invalid_input', `${issue.path.join('.') || 'alert'}: ${issue.message}`);
      }
      const spec = parsed.data;
      if (spec.kind === 'condition') {
        const compiled = compileAlertCondition(spec.condition, spec.timeframe);
        if (!compiled.ok) {
          const e = compiled.errors[0]!;
          const hint = e.suggestion === undefined ? '' : ` (did you mean "${e.suggestion}"?)`;
          throw new AppError('invalid_input', `condition, column ${e.column}: ${e.message}${hint}`);
        }
      }
      const id = d.newId();
      repo.insertRule({ id, spec, createdAt: clock.now() });
      logger.info('system', `alert rule "${spec.name}" created`, { ruleId: id, kind: spec.kind });
      resync();
      return view(mustGet(id));
    },
    setEnabled(id, enabled) {
      mustGet(id);
      repo.setEnabled(id, enabled);
      resync();
      return view(mustGet(id));
    },
    deleteRule(id) {
      if (!repo.deleteRule(id)) throw new AppError('not_found', `there is no alert rule ${id}`);
      resync();
    },
    list: (limit, unreadOnly) => repo.alerts(limit, unreadOnly),
    async markRead(ids) {
      repo.markRead(ids);
      const s = await summary();
      d.onSummary(s);
      return s;
    },
    summary,
    async test(channel) {
      const alert = fire(
        { id: null, name: 'Channel test', channels: [channel] },
        {
          source: 'test',
          title: `Test alert (${channel})`,
          message: 'If you can read this, alerts reach this channel.',
          symbol: null,
        },
        false,
      );
      if (channel !== 'desktop') await d.delivery.deliverNow(alert.id, channel);
      return repo.alert(alert.id)!;
    },
    onEvent(o) {
      for (const rule of repo.rules()) {
        if (!rule.enabled || rule.spec.kind !== 'event' || !rule.spec.events.includes(o.kind)) continue;
        repo.markFired(rule.id, clock.now(), null, false);
        fire({ id: rule.id, name: rule.spec.name, channels: rule.spec.channels }, { source: o.kind, ...o });
      }
    },
    onEvaluated(ruleId, candle, holds) {
      const rule = repo.rule(ruleId);
      if (!rule || !rule.enabled || rule.spec.kind !== 'condition') return;
      const spec = rule.spec;
      const now = clock.now();
      const state = {
        repeat: spec.repeat,
        cooldownMinutes: spec.cooldownMinutes,
        lastFiredAt: rule.lastFiredAt,
        lastFiredCandle: rule.lastFiredCandle,
      };
      if (!shouldFire(state, candle.time, now, holds)) return;
      const once = spec.repeat === 'once';
      repo.markFired(rule.id, now, candle.time, once);
      fire(
        { id: rule.id, name: spec.name, channels: spec.channels },
        {
          source: 'condition',
          title: `${spec.name}: ${spec.symbol}`,
          message: `${spec.condition} (${spec.timeframe} candle closed at ${candle.close}, ${new Date(
            candle.time,
          ).toISOString()})${once ? '; this alert fires once and is now off' : ''}`,
          symbol: spec.symbol,
        },
      );
      if (once) resync();
    },
  };
}
