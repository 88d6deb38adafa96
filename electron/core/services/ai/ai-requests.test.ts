// AI generation when the request to Claude fails (no key, 401, 429, 529, timeout, cancel) and the
// choice of model, with the real SDK against the local Messages server (harness: testing/ai-harness.ts).
import { describe, expect, it } from 'vitest';
import {
  server,
  strategies,
  progress,
  settings,
  service,
  request,
  refusal,
  useAiHarness,
} from './testing/ai-harness.js';

useAiHarness();

describe('when the request to Claude fails', () => {
  it('needs a key first: status says so and generate asks for one in Settings > Secrets', async () => {
    const ai = service({}, null);
    expect(await ai.status()).toMatchObject({
      keyConfigured: false,
      model: 'claude-sonnet-5-5',
      promptVersion: 'strategy-v2',
    });
    const error = await refusal(ai.generate(request()));
    expect(error.code).toBe('unavailable');
    expect(error.message).toMatch(/add your Anthropic API key in Settings > Secrets/);
    expect(server.requests).toHaveLength(0);
  });

  it('says the key was refused (401) and stores the failed generation', async () => {
    const g = await service({}, 'sk-ant-wrong').generate(request());
    expect(g.status).toBe('REQUEST_FAILED');
    expect(g.error).toMatch(/refused the API key.*Settings > Secrets/);
    expect(g.attempts).toEqual([]);
    expect(progress.at(-1)!.phase).toBe('failed');
  });

  it('succeeds after a 429 once the retry-after has passed', async () => {
    server.setScenario('rate-limited');
    expect((await service().generate(request())).status).toBe('VALID');
    expect(server.requests).toHaveLength(2);
  });

  it('gives up on 529 overloaded after the bounded retries', async () => {
    server.setScenario('overloaded');
    const g = await service().generate(request());
    expect(g).toMatchObject({ status: 'REQUEST_FAILED' });
    expect(g.error).toMatch(/overloaded \(529\) after 3 attempts/);
    expect(server.requests).toHaveLength(3);
  });

  it('ends with a timeout error when Claude never answers', async () => {
    server.setScenario('timeout');
    const ai = service({ request: { baseURL: server.url, timeoutMs: 400, maxRetries: 0 } });
    const g = await ai.generate(request());
    expect(g.status).toBe('REQUEST_FAILED');
    expect(g.error).toMatch(/did not answer within/);
  });

  it('is CANCELLED when the trader cancels mid-request, and nothing is saved as a strategy', async () => {
    server.setScenario('timeout');
    const ai = service();
    const req = request();
    const pending = ai.generate(req);
    while (server.requests.length === 0) await new Promise((r) => setTimeout(r, 10));
    expect(ai.cancel(req.jobId)).toBe(true);
    const g = await pending;
    expect(g.status).toBe('CANCELLED');
    expect(progress.at(-1)!.phase).toBe('cancelled');
    expect(ai.cancel(req.jobId)).toBe(false);
    expect(strategies.list()).toEqual([]);
  });
});

describe('the model', () => {
  it('is one of the offered models', async () => {
    const ai = service();
    expect((await ai.setModel('claude-haiku-4-5')).model).toBe('claude-haiku-4-5');
    expect(settings.aiModel).toBe('claude-haiku-4-5');
    expect((await refusal(ai.setModel('gpt-4'))).message).toMatch(/choose one of claude-sonnet-5-5/);
    const g = await ai.generate(request());
    expect(g).toMatchObject({ model: 'claude-haiku-4-5', costUsd: 0.0073 });
    expect(server.requests[0]!.body.model).toBe('claude-haiku-4-5');
  });
});
