import type { Handlers } from '../dispatch.js';
import type { AiService } from '../services/ai/ai-service.js';

type AiNames =
  'ai.status' | 'ai.setModel' | 'ai.generate' | 'ai.cancel' | 'ai.generations' | 'ai.generation' | 'ai.decide';

/** AI strategy generation (the AI issue); the advisor's calls are in their own map. */
export function aiHandlers(ai: AiService) {
  return {
    'ai.status': () => ai.status(),
    'ai.setModel': ({ model }) => ai.setModel(model),
    'ai.generate': (input) => ai.generate(input),
    'ai.cancel': ({ jobId }) => ({ cancelled: ai.cancel(jobId) }),
    'ai.generations': ({ limit }) => ai.list(limit),
    'ai.generation': ({ id }) => ai.get(id),
    'ai.decide': (input) => ai.decide(input),
  } satisfies Pick<Handlers, AiNames>;
}
