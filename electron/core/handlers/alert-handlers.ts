import type { Handlers } from '../dispatch.js';
import type { AlertService } from '../services/alerts/alert-service.js';

type AlertNames =
  | 'alerts.rules'
  | 'alerts.createRule'
  | 'alerts.setEnabled'
  | 'alerts.deleteRule'
  | 'alerts.list'
  | 'alerts.summary'
  | 'alerts.markRead'
  | 'alerts.test';

/** Alert rules, the fired alerts with their deliveries, read marks and channel tests. */
export function alertHandlers(alerts: AlertService) {
  return {
    'alerts.rules': () => alerts.rules(),
    'alerts.createRule': (input) => alerts.createRule(input),
    'alerts.setEnabled': ({ id, enabled }) => alerts.setEnabled(id, enabled),
    'alerts.deleteRule': ({ id }) => {
      alerts.deleteRule(id);
      return { deleted: true as const };
    },
    'alerts.list': ({ limit, unreadOnly }) => alerts.list(limit, unreadOnly),
    'alerts.summary': () => alerts.summary(),
    'alerts.markRead': (input) => alerts.markRead(input.all ? 'all' : (input.ids ?? [])),
    'alerts.test': ({ channel }) => alerts.test(channel),
  } satisfies Pick<Handlers, AlertNames>;
}
