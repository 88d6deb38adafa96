/**
 * Recorded answers of the test Messages server (messages-server.ts), as data. A scenario lists, per
 * conversation turn (the number of assistant messages in the request), the replies that successive
 * requests of that turn get: `[429, message]` answers the first try with 429 and the retry with the
 * message; the last reply repeats. Tool inputs may hold "{{symbol}}", "{{timeframe}}" and
 * "{{riskLevel}}", filled from the "Symbol: ...; Timeframe: ...; Risk level: ..." the request
 * carries. A tool_use reply without a name takes the tool the request forces (tool_choice), else
 * the request's first tool (submit_strategy under tool_choice "any").
 * Other helpers add their own scenarios by passing them to startMessagesServer({ scenarios }).
 */

import { GRID_TOOL_NAME } from '../strategy-tool.js';

export type Usage = { input_tokens: number; output_tokens: number };

export type ScriptedReply =
  | { kind: 'tool_use'; input: unknown; name?: string; text?: string; usage?: Usage }
  | { kind: 'text'; text: string; usage?: Usage }
  | { kind: 'error'; status: number; type: string; message: string; headers?: Record<string, string> }
  /** Never answers (the client's timeout or abort ends it). */
  | { kind: 'hang' };

export type Scenario = { name: string; description: string; turns: ScriptedReply[][] };

/** A valid, active strategy (enters and exits often, so a backtest trades). */
export const VALID_STRATEGY = {
  name: 'Aggressive RSI swing',
  description: 'Buys when RSI(14) dips below 45 and sells when it recovers above 55, with a 2 % stop and a 4 % target.',
  symbols: ['{{symbol}}'],
  timeframe: '{{timeframe}}',
  riskLevel: '{{riskLevel}}',
  entryConditions: ['RSI(14) < 45'],
  exitConditions: ['RSI(14) > 55'],
  stopLossPercent: 2,
  takeProfitPercent: 4,
  positionSizePercent: 10,
};

/** The same strategy with an indicator the language does not know (STOCH_RSI). */
export const UNKNOWN_INDICATOR_STRATEGY = {
  ...VALID_STRATEGY,
  entryConditions: ['STOCH_RSI < 20', 'RSI(14) < 45'],
};

/** Every risk value outside its range: stop 25 (1-10), take profit 30 (2-20), size 50 (5-20). */
export const OUT_OF_RANGE_STRATEGY = {
  ...VALID_STRATEGY,
  name: 'All-in RSI',
  stopLossPercent: 25,
  takeProfitPercent: 30,
  positionSizePercent: 50,
};

/** The built-in ATR grid on the trader's pick (an answer through submit_grid_strategy). */
export const GRID_STRATEGY = {
  name: 'ATR range grid',
  description: 'Five buy levels 1.5 ATR apart below the price, each sold one level higher; no new buys in a downtrend.',
  symbols: ['{{symbol}}'],
  timeframe: '{{timeframe}}',
  riskLevel: '{{riskLevel}}',
  levelsPerSide: 5,
  spacingAtrMultiple: 1.5,
  capitalPerSymbolPercent: 20,
  stopLossPercent: 5,
};

/** A grid asking for half the capital (ceiling 20 %) and a 15 % stop (1-10 %). */
export const OUT_OF_RANGE_GRID = { ...GRID_STRATEGY, capitalPerSymbolPercent: 50, stopLossPercent: 15 };

/** A grid whose trend filter is backwards (fast EMA slower than the slow one). */
export const INVALID_GRID = { ...GRID_STRATEGY, trendFilter: { fastEma: 50, slowEma: 20 } };

/** What an advisor answer looks like (the advisor's own tool may differ: pass its scenario instead). */
export const ADVISOR_DECISION = {
  decisions: [
    {
      symbol: 'BTC/USD',
      action: 'BUY',
      sizePercent: 2,
      reasoning: 'RSI recovered from oversold while the price holds above the 50-candle average.',
    },
    { symbol: 'ETH/USD', action: 'HOLD', sizePercent: 0, reasoning: 'No clear trend; wait for a breakout.' },
  ],
};

const usage = { input_tokens: 5200, output_tokens: 420 };
const tool = (input: unknown): ScriptedReply => ({ kind: 'tool_use', input, usage });
const gridTool = (input: unknown): ScriptedReply => ({ kind: 'tool_use', name: GRID_TOOL_NAME, input, usage });

export const SCENARIOS: readonly Scenario[] = [
  { name: 'valid', description: 'a valid tool_use strategy', turns: [[tool(VALID_STRATEGY)]] },
  {
    name: 'no-tool-use',
    description: 'prose with broken JSON instead of a tool call, then a valid strategy in the repair round',
    turns: [
      [{ kind: 'text', text: 'Here is your strategy: {"name": "RSI", "entryConditions": ["RSI < 30"', usage }],
      [tool(VALID_STRATEGY)],
    ],
  },
  {
    name: 'invalid-twice',
    description: 'an unknown indicator in both rounds (the generation ends INVALID)',
    turns: [[tool(UNKNOWN_INDICATOR_STRATEGY)], [tool(UNKNOWN_INDICATOR_STRATEGY)]],
  },
  {
    name: 'unknown-indicator',
    description: 'an unknown indicator, repaired in the second round',
    turns: [[tool(UNKNOWN_INDICATOR_STRATEGY)], [tool(VALID_STRATEGY)]],
  },
  {
    name: 'out-of-range',
    description: 'stop, target and size outside the ranges',
    turns: [[tool(OUT_OF_RANGE_STRATEGY)]],
  },
  {
    name: 'grid',
    description: 'a valid ATR grid through submit_grid_strategy',
    turns: [[gridTool(GRID_STRATEGY)]],
  },
  {
    name: 'grid-out-of-range',
    description: 'a grid with its capital share and stop outside the ranges',
    turns: [[gridTool(OUT_OF_RANGE_GRID)]],
  },
  {
    name: 'grid-repaired',
    description: 'a grid with a backwards trend filter, corrected in the repair round',
    turns: [[gridTool(INVALID_GRID)], [gridTool(GRID_STRATEGY)]],
  },
  {
    name: 'unauthorized',
    description: '401: the API key is refused',
    turns: [[{ kind: 'error', status: 401, type: 'authentication_error', message: 'invalid x-api-key' }]],
  },
  {
    name: 'rate-limited',
    description: '429 with retry-after: 1, then a valid strategy',
    turns: [
      [
        {
          kind: 'error',
          status: 429,
          type: 'rate_limit_error',
          message: 'Number of request tokens has exceeded your per-minute rate limit',
          headers: { 'retry-after': '1' },
        },
        tool(VALID_STRATEGY),
      ],
    ],
  },
  {
    name: 'overloaded',
    description: '529 overloaded on every try',
    turns: [[{ kind: 'error', status: 529, type: 'overloaded_error', message: 'Overloaded' }]],
  },
  { name: 'timeout', description: 'never answers', turns: [[{ kind: 'hang' }]] },
  {
    name: 'advisor-decision',
    description: 'an advisor answer: buy, sell or hold per symbol with size and reasoning',
    turns: [[tool(ADVISOR_DECISION)]],
  },
];
