import { useState, type FormEvent } from 'react';
import type { MarketInfo, Ticker } from '../../../../shared/domain/market';
import type { OrderRequestInput } from '../../../../shared/domain/orders';
import { formatAmount, formatMoney, formatRate } from '../../../../shared/format/numbers';
import { useInvokeMutation, useInvokeQuery } from '../../client/hooks';
import { checkTicket } from './ticket-checks';

type Side = 'buy' | 'sell';
type Kind = 'market' | 'limit';
type AmountIn = 'base' | 'quote';

/**
 * Buy or sell, market or limit, in base or quote amount, with a preview of cost and fee and the
 * market's limits checked while the trader types. Mounted per symbol: switching symbol starts a
 * new ticket (an amount typed for BTC never becomes an amount of SOL).
 */
export function OrderTicket({
  symbol,
  market,
  ticker,
}: {
  symbol: string;
  market: MarketInfo | undefined;
  ticker: Ticker | undefined;
}) {
  const trading = useInvokeQuery('trading.status', {});
  const fees = trading.data?.simulatedFees;
  const submit = useInvokeMutation('orders.submit', ['orders.list', 'portfolio.get']);
  const [side, setSide] = useState<Side>('buy');
  const [kind, setKind] = useState<Kind>('market');
  const [amountIn, setAmountIn] = useState<AmountIn>('base');
  const [amount, setAmount] = useState('');
  const [price, setPrice] = useState('');
  const [lastOrder, setLastOrder] = useState<string | null>(null);
  const [base, quote] = symbol.split('/');
  // The kill switch blocks entries; selling a position held is still allowed (the risk gate decides the same).
  const killSwitch = useInvokeQuery('killSwitch.status', {});
  const engaged = killSwitch.data?.engaged === true;
  const portfolio = useInvokeQuery('portfolio.get', {}, { enabled: engaged });
  const held = Number(portfolio.data?.positions.find((p) => p.symbol === symbol)?.quantity ?? '0');
  const blocked = engaged && (side === 'buy' || !(held > 0));

  const limitPrice = kind === 'limit' && /^\d+(\.\d+)?$/.test(price) ? Number(price) : null;
  const estPrice = limitPrice ?? (ticker ? (side === 'buy' ? ticker.ask : ticker.bid) : null);
  const check = checkTicket({ symbol, market, kind, amountIn, amount, price, estPrice });
  const { qty, cost, amountError, priceError } = check;
  // The simulated exchange's rate (taker for market, maker for a resting limit); in LIVE the exchange charges.
  const feeRate = fees ? Number(kind === 'market' ? fees.takerRate : fees.makerRate) : null;
  const fee = cost === null || feeRate === null ? null : cost * feeRate;
  const canSubmit = !blocked && check.ok;
  // A message is about the order it answered: any change to the order clears it.
  const edited = () => {
    submit.reset();
    setLastOrder(null);
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (!canSubmit) return;
    const request: OrderRequestInput = {
      symbol,
      side,
      type: kind,
      ...(amountIn === 'base' ? { quantity: amount } : { quoteAmount: amount }),
      ...(kind === 'limit' ? { price } : {}),
      // The venue this ticket shows: if the mode switched meanwhile, the engine refuses the order.
      ...(trading.data ? { venue: trading.data.venue } : {}),
    };
    submit.mutate(request, {
      onSuccess: (order) => {
        setAmount('');
        setLastOrder(order.clientOrderId);
      },
    });
  };

  return (
    <form className="card order-ticket" onSubmit={onSubmit} aria-label="Order ticket" data-testid="order-ticket">
      <h2>Order ticket</h2>
      {engaged && (
        <p role="alert" className="ticket-blocked" data-testid="ticket-blocked">
          Kill switch engaged ({killSwitch.data?.mode}): new entries are blocked.{' '}
          {held > 0
            ? `Selling your ${base} position (${formatAmount(held, market?.amountStep)}) is still allowed.`
            : 'Re-arm it in the header or on the Risk tab to trade again.'}
        </p>
      )}
      <div className="segmented" role="group" aria-label="Side">
        {(['buy', 'sell'] as const).map((s) => (
          <button
            key={s}
            type="button"
            className={side === s ? `active ${s}` : ''}
            aria-pressed={side === s}
            onClick={() => {
              setSide(s);
              edited();
            }}
          >
            {s === 'buy' ? 'Buy' : 'Sell'}
          </button>
        ))}
      </div>
      <div className="segmented" role="group" aria-label="Order type">
        {(['market', 'limit'] as const).map((k) => (
          <button
            key={k}
            type="button"
            className={kind === k ? 'active' : ''}
            aria-pressed={kind === k}
            onClick={() => {
              setKind(k);
              edited();
            }}
          >
            {k === 'market' ? 'Market' : 'Limit'}
          </button>
        ))}
      </div>
      <div className="field">
        <label htmlFor="ticket-amount">Amount</label>
        <div className="amount-row">
          <input
            id="ticket-amount"
            inputMode="decimal"
            value={amount}
            onChange={(e) => {
              setAmount(e.target.value.trim());
              edited();
            }}
            aria-invalid={Boolean(amountError)}
          />
          <select
            aria-label="Amount in"
            value={amountIn}
            onChange={(e) => {
              setAmountIn(e.target.value as AmountIn);
              edited();
            }}
          >
            <option value="base">{base}</option>
            <option value="quote">{quote}</option>
          </select>
        </div>
        {amountError && (
          <span className="error small" data-testid="ticket-amount-error">
            {amountError}
          </span>
        )}
      </div>
      {kind === 'limit' && (
        <div className="field">
          <label htmlFor="ticket-price">Limit price ({quote})</label>
          <input
            id="ticket-price"
            inputMode="decimal"
            value={price}
            onChange={(e) => {
              setPrice(e.target.value.trim());
              edited();
            }}
            aria-invalid={Boolean(priceError)}
          />
          {priceError && (
            <span className="error small" data-testid="ticket-price-error">
              {priceError}
            </span>
          )}
        </div>
      )}
      <dl className="facts preview" data-testid="ticket-preview">
        <div className="fact-row">
          <dt>Quantity</dt>
          <dd>
            {qty === null ? '—' : `${amountIn === 'quote' ? '≈ ' : ''}${formatAmount(qty, market?.amountStep)} ${base}`}
          </dd>
        </div>
        <div className="fact-row">
          <dt>{side === 'buy' ? 'Cost' : 'Proceeds'}</dt>
          <dd>{cost === null ? '—' : `≈ ${formatMoney(cost)} ${quote}`}</dd>
        </div>
        <div className="fact-row">
          <dt>{feeRate === null ? 'Fee (set by the exchange)' : `Fee (${formatRate(feeRate)})`}</dt>
          <dd>{fee === null ? '—' : `≈ ${formatMoney(fee)} ${quote}`}</dd>
        </div>
      </dl>
      <button type="submit" className={`submit ${side}`} disabled={!canSubmit || submit.isPending}>
        {side === 'buy' ? 'Buy' : 'Sell'} {base}
      </button>
      {!canSubmit && !amountError && !priceError && check.hint && !engaged && (
        <p className="hint" data-testid="ticket-hint">
          {check.hint}
        </p>
      )}
      {submit.error && (
        <p role="alert" className="error small">
          {submit.error.message}
        </p>
      )}
      {lastOrder && !submit.error && <LastOrder clientOrderId={lastOrder} />}
    </form>
  );
}

/** The last order placed from the ticket, kept current by orders.updated events. */
function LastOrder({ clientOrderId }: { clientOrderId: string }) {
  const detail = useInvokeQuery('orders.get', { clientOrderId });
  const o = detail.data?.order;
  if (!o) return null;
  return (
    <p role="status" className={o.status === 'REJECTED' ? 'error small' : 'ok small'} data-testid="ticket-result">
      {o.side} {formatAmount(o.quantity)} {o.symbol}: {o.status}
      {o.reason ? ` (${o.reason})` : ''}
    </p>
  );
}
