// The real SDK against the local Messages server: answers, retries (429 with retry-after, 529),
// the refused key, the timeout and cancellation, as the user would read them.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/ipc/envelope.js';
import { createMessagesClient, type AiRequest } from './client.js';
import { STRATEGY_TOOL_CHOICE, strategyTools } from './strategy-tool.js';
import { startMessagesServer, type MessagesServer } from './testing/messages-server.js';

let server: MessagesServer;
beforeEach(async () => {
  server = await startMessagesServer({ apiKey: 'sk-ant-test' });
});
afterEach(async () => {
  await server.close();
});

const request: AiRequest = {
  model: 'claude-sonnet-5-5',
  max_tokens: 1024,
  system: 'Symbol: ETH/USD\nTimeframe: 4h\nRisk level: HIGH',
  messages: [{ role: 'user', content: 'an aggressive RSI strategy' }],
  tools: strategyTools(),
  tool_choice: STRATEGY_TOOL_CHOICE,
};

const client = (overrides: { apiKey?: string; timeoutMs?: number; maxRetries?: number } = {}) =>
  createMessagesClient({ apiKey: 'sk-ant-test', baseURL: server.url, timeoutMs: 5_000, maxRetries: 2, ...overrides });

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('the Messages client against the local server', () => {
  it('sends the key, the API version and the tool choice, and reads the tool call and the usage', async () => {
    const { message } = await client().create(request);
    const block = message.content.find((b) => b.type === 'tool_use');
    expect(block).toMatchObject({ type: 'tool_use', name: 'submit_strategy' });
    expect((block as { input: { symbols: string[]; timeframe: string } }).input).toMatchObject({
      symbols: ['ETH/USD'],
      timeframe: '4h',
      riskLevel: 'HIGH',
    });
    expect(message.stop_reason).toBe('tool_use');
    expect(message.usage).toMatchObject({ input_tokens: 5200, output_tokens: 420 });
    const seen = server.requests[0]!;
    expect(seen.headers.authorization).toBe('Bearer sk-ant-test');
    expect(seen.headers['anthropic-version']).toBeTruthy();
    expect(seen.body.tool_choice).toEqual({ type: 'any', disable_parallel_tool_use: true });
  });

  it('retries a 429 after the retry-after the server asks for, then succeeds', async () => {
    server.setScenario('rate-limited');
    const { message } = await client().create(request);
    expect(message.stop_reason).toBe('tool_use');
    expect(server.requests).toHaveLength(2);
  });

  it('waits at most the configured cap when a 429 asks for an hour', async () => {
    server.addScenario({
      name: 'rate-limited-hour',
      description: '429 asking for an hour, then a valid answer',
      turns: [
        [
          {
            kind: 'error',
            status: 429,
            type: 'rate_limit_error',
            message: 'slow down',
            headers: { 'retry-after': '3600' },
          },
          { kind: 'text', text: 'ok' },
        ],
      ],
    });
    server.setScenario('rate-limited-hour');
    const { message } = await createMessagesClient({
      apiKey: 'sk-ant-test',
      baseURL: server.url,
      maxRetries: 1,
      maxRetryAfterMs: 50,
    }).create(request);
    expect(message.content).toEqual([expect.objectContaining({ type: 'text', text: 'ok' })]);
    expect(server.requests).toHaveLength(2);
  });

  it('gives up on 529 overloaded after the bounded retries, saying so', async () => {
    server.setScenario('overloaded');
    const error = await failure(client({ maxRetries: 1 }).create(request));
    expect(error.code).toBe('unavailable');
    expect(error.message).toMatch(/overloaded \(529\) after 2 attempts/);
    expect(server.requests).toHaveLength(2);
  });

  it('says the key was refused on 401, without retrying and without showing the key', async () => {
    const error = await failure(client({ apiKey: 'sk-ant-wrong' }).create(request));
    expect(error.message).toMatch(/refused the API key.*Settings > Secrets/);
    expect(error.message).not.toContain('sk-ant-wrong');
    expect(server.requests).toHaveLength(0);
    server.setScenario('unauthorized');
    expect((await failure(client().create(request))).message).toMatch(/refused the API key/);
    expect(server.requests).toHaveLength(1);
  });

  it('ends a request that gets no answer after the configured timeout', async () => {
    server.setScenario('timeout');
    const error = await failure(client({ timeoutMs: 300, maxRetries: 0 }).create(request));
    expect(error.code).toBe('unavailable');
    expect(error.message).toMatch(/did not answer within/);
  });

  it('says the API cannot be reached without doubled punctuation (the SDK says "Connection error.")', async () => {
    const url = server.url;
    await server.close();
    const closed = createMessagesClient({ apiKey: 'sk-ant-test', baseURL: url, timeoutMs: 5_000, maxRetries: 0 });
    const error = await failure(closed.create(request));
    expect(error.message).toMatch(
      /^cannot reach the Anthropic API at .*: Connection error; check your network connection$/,
    );
    expect(error.message).not.toMatch(/[.?!][.;,]|\. \./);
    server = await startMessagesServer({ apiKey: 'sk-ant-test' });
  });

  it('cancels a request in flight through its AbortSignal', async () => {
    server.setScenario('timeout');
    const abort = new AbortController();
    const pending = client().create(request, abort.signal);
    while (server.requests.length === 0) await new Promise((r) => setTimeout(r, 10));
    abort.abort();
    const error = await failure(pending);
    expect(error.code).toBe('cancelled');
  });
});
