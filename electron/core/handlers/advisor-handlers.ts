import type { Handlers } from '../dispatch.js';
import type { AdvisorService } from '../services/ai/advisor/advisor-service.js';

type AdvisorNames = 'ai.advisor.status' | 'ai.advisor.update' | 'ai.advisor.runNow' | 'ai.advisor.decisions';

/** The AI advisor (paper and simulator only): its settings and state, a run on demand, the decision log. */
export function advisorHandlers(advisor: AdvisorService) {
  return {
    'ai.advisor.status': () => advisor.status(),
    'ai.advisor.update': (patch) => advisor.update(patch),
    'ai.advisor.runNow': () => advisor.runNow(),
    'ai.advisor.decisions': ({ limit }) => advisor.decisions(limit),
  } satisfies Pick<Handlers, AdvisorNames>;
}
