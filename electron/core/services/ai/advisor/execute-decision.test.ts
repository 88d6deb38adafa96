/** How the advisor sizes its orders, and how it reads Claude's answer. */
import type { Message } from '@anthropic-ai/sdk/resources/messages/messages';
import { describe, expect, it } from 'vitest';
import type { MarketInfo } from '../../../../../shared/domain/market.js';
import type { PortfolioView } from '../../../../../shared/domain/orders.js';
import { AdvisorAnswerError, parseDecisions } from './advisor-prompt.js';
import { orderFor, type ExecuteContext } from './execute-decision.js';

const portfolio: PortfolioView = {
  quoteCurrency: 'USD',
  balances: [{ currency: 'USD', total: '10000', available: '10000', locked: '0' }],
  positions: [
    {
      symbol: 'ETH/USD',
      quantity: '0.0375',
      averageEntry: '3000',
      realizedPnl: '0',
      unrealizedPnl: '0',
      fees: '0',
      markPrice: '3000',
    },
  ],
  equity: '10112.5',
  unpricedSymbols: [],
};
const ctx: ExecuteContext = {
  submit: () => Promise.reject(new Error('not used')),
  portfolio,
  markets: [{ symbol: 'ETH/USD', amountStep: 0.01 } as MarketInfo],
  maxOrderPercent: 5,
};
const decision = (action: 'BUY' | 'SELL', symbol: string, sizePercent: number) => ({
  symbol,
  action,
  sizePercent,
  reasoning: 'because',
});

describe('advisor order sizing', () => {
  it('spends a percent of equity on a BUY, cut to the maximum order size', () => {
    expect(orderFor(ctx, decision('BUY', 'BTC/USD', 2))).toEqual({
      request: { symbol: 'BTC/USD', side: 'buy', type: 'market', quoteAmount: '202.25' },
      note: '2% of equity = 202.25 USD',
    });
    expect(orderFor(ctx, decision('BUY', 'BTC/USD', 40))).toMatchObject({
      request: { quoteAmount: '505.62' },
      note: "5% of equity = 505.62 USD (cut from 40% to the advisor's maximum of 5%)",
    });
  });

  it("sells a percent of the position, rounded down to the market's amount step, never short", () => {
    expect(orderFor(ctx, decision('SELL', 'ETH/USD', 50))).toMatchObject({
      request: { symbol: 'ETH/USD', side: 'sell', type: 'market', quantity: '0.01' },
    });
    expect(orderFor(ctx, decision('SELL', 'ETH/USD', 10))).toEqual({
      skip: "10% of the 0.0375 ETH/USD held is below the market's amount step",
    });
    expect(orderFor(ctx, decision('SELL', 'BTC/USD', 100))).toEqual({
      skip: 'there is no BTC/USD position to sell (the advisor never sells short)',
    });
    expect(orderFor(ctx, decision('BUY', 'BTC/USD', 0))).toEqual({ skip: 'size 0%: nothing to buy' });
  });
});

describe("reading Claude's answer", () => {
  const message = (content: unknown[]): Message =>
    ({ content, stop_reason: 'end_turn', usage: { input_tokens: 1, output_tokens: 1 } }) as unknown as Message;

  it('says what is wrong with an answer that cannot be used', () => {
    expect(() => parseDecisions(message([{ type: 'text', text: 'buy everything' }]))).toThrow(
      new AdvisorAnswerError('Claude did not call the "decide" tool (stop reason end_turn)'),
    );
    const bad = {
      type: 'tool_use',
      name: 'decide',
      id: 't',
      input: { decisions: [{ symbol: 'BTC/USD', action: 'SHORT' }] },
    };
    expect(() => parseDecisions(message([bad]))).toThrow(/^Claude's decisions are invalid: decisions\.0\.action: /);
  });
});
