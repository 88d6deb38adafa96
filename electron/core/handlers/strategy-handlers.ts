/** The strategy library, backtests and job cancellation (strategies issue); runs, the gauntlet and AI have their own files. */
import type { Handlers } from '../dispatch.js';
import type { StrategyService } from '../services/strategies/strategy-service.js';

type StrategyNames =
  | 'strategies.list'
  | 'strategies.get'
  | 'strategies.create'
  | 'strategies.update'
  | 'strategies.duplicate'
  | 'strategies.delete'
  | 'strategies.validate'
  | 'strategies.templates'
  | 'strategies.backtest'
  | 'strategies.cancelJob';

export function strategyHandlers(strategies: StrategyService) {
  return {
    'strategies.list': () => strategies.list(),
    'strategies.get': ({ id }) => strategies.get(id),
    'strategies.create': (input) =>
      strategies.create('templateId' in input ? { templateId: input.templateId } : { definition: input.definition }),
    'strategies.update': ({ id, definition }) => strategies.update(id, definition),
    'strategies.duplicate': ({ id }) => strategies.duplicate(id),
    'strategies.delete': ({ id }) => {
      strategies.delete(id);
      return { deleted: true as const };
    },
    'strategies.validate': ({ definition }) => {
      const v = strategies.validate(definition);
      return v.ok ? { ok: true as const } : { ok: false as const, issues: v.issues };
    },
    'strategies.templates': () => [...strategies.templates()],
    'strategies.backtest': (request) => strategies.backtest(request),
    'strategies.cancelJob': ({ jobId }) => ({ cancelled: strategies.cancelJob(jobId) }),
  } satisfies Pick<Handlers, StrategyNames>;
}
