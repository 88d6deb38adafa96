import type { Handlers } from '../dispatch.js';
import type { ArenaAdvisors } from '../services/ai/advisor/arena-advisors.js';

type ArenaAdvisorNames =
  'arena.advisors' | 'arena.addAdvisor' | 'arena.stopAdvisor' | 'arena.runAdvisor' | 'arena.advisorDecisions';

/** The arena's AI advisors: add (with model, instructions, capital), stop, ask now, their decisions. */
export function arenaAdvisorHandlers(advisors: ArenaAdvisors) {
  return {
    'arena.advisors': () => advisors.list(),
    'arena.addAdvisor': (input) => advisors.add(input),
    'arena.stopAdvisor': ({ id }) => advisors.stop(id),
    'arena.runAdvisor': ({ id }) => advisors.runNow(id),
    'arena.advisorDecisions': ({ id, limit }) => advisors.decisions(id, limit),
  } satisfies Pick<Handlers, ArenaAdvisorNames>;
}
