import { useState, type FormEvent } from 'react';
import type { Ticker } from '../../../../shared/domain/market';
import type { OrderRequestInput } from '../../../../shared/domain/orders';
import { useInvokeMutation, useInvokeQuery } from '../../client/hooks';
import { formatPrice } from './format';

const DECIMAL = /^\d+(\.\d+)?$/;

type Side = 'buy' | 'sell';
type Kind = 'market' | 'limit';
type AmountIn = 'base' | 'quote';

/** Buy or sell, market or limit, in base or quote amount, with a preview of cost and fee. */
export function OrderTicket({ symbol, ticker }: { symbol: string; ticker: Ticker | undefined }) {
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

  const amountError = amount !== '' && !DECIMAL.test(amount) ? 'Enter a positive number, e.g. 0.01' : null;
  const priceError = kind === 'limit' && price !== '' && !DECIMAL.test(price) ? 'Enter a positive price' : null;
  const estPrice =
    kind === 'limit' && DECIMAL.test(price)
      ? Number(price)
      : ticker
        ? side === 'buy'
          ? ticker.ask
          : ticker.bid
        : null;
  const amountNum = DECIMAL.test(amount) ? Number(amount) : null;
  const qty = amountNum === null || estPrice === null ? null : amountIn === 'base' ? amountNum : amountNum / estPrice;
  const cost = qty === null || estPrice === null ? null : qty * estPrice;
  // The simulated exchange's rate (taker for market, maker for a resting limit); in LIVE the exchange charges.
  const feeRate = fees ? Number(kind === 'market' ? fees.takerRate : fees.makerRate) : null;
  const fee = cost === null || feeRate === null ? null : cost * feeRate;
  const canSubmit =
    !blocked &&
    amountNum !== null &&
    amountNum > 0 &&
    !amountError &&
    !priceError &&
    (kind === 'market' || DECIMAL.test(price));

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (!canSubmit) return;
    const request: OrderRequestInput = {
      symbol,
      side,
      type: kind,
      ...(amountIn === 'base' ? { quantity: amount } : { quoteAmount: amount }),
      ...(kind === 'limit' ? { price } : {}),
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
            ? `Selling your ${base} position (${held}) is still allowed.`
            : 'Re-arm it in the header to trade again.'}
        </p>
      )}
      <div className="segmented" role="group" aria-label="Side">
        {(['buy', 'sell'] as const).map((s) => (
          <button
            key={s}
            type="button"
            className={side === s ? `active ${s}` : ''}
            aria-pressed={side === s}
            onClick={() => setSide(s)}
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
            onClick={() => setKind(k)}
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
            onChange={(e) => setAmount(e.target.value.trim())}
            aria-invalid={Boolean(amountError)}
          />
          <select aria-label="Amount in" value={amountIn} onChange={(e) => setAmountIn(e.target.value as AmountIn)}>
            <option value="base">{base}</option>
            <option value="quote">{quote}</option>
          </select>
        </div>
        {amountError && <span className="error small">{amountError}</span>}
      </div>
      {kind === 'limit' && (
        <div className="field">
          <label htmlFor="ticket-price">Limit price ({quote})</label>
          <input
            id="ticket-price"
            inputMode="decimal"
            value={price}
            onChange={(e) => setPrice(e.target.value.trim())}
            aria-invalid={Boolean(priceError)}
          />
          {priceError && <span className="error small">{priceError}</span>}
        </div>
      )}
      <dl className="facts preview" data-testid="ticket-preview">
        <div className="fact-row">
          <dt>Quantity</dt>
          <dd>{qty === null ? '—' : `≈ ${qty.toPrecision(6)} ${base}`}</dd>
        </div>
        <div className="fact-row">
          <dt>{side === 'buy' ? 'Cost' : 'Proceeds'}</dt>
          <dd>{cost === null ? '—' : `≈ ${formatPrice(cost, estPrice ?? cost)} ${quote}`}</dd>
        </div>
        <div className="fact-row">
          <dt>{feeRate === null ? 'Fee (set by the exchange)' : `Fee (${(feeRate * 100).toFixed(2)}%)`}</dt>
          <dd>{fee === null ? '—' : `≈ ${fee.toFixed(2)} ${quote}`}</dd>
        </div>
      </dl>
      <button type="submit" className={`submit ${side}`} disabled={!canSubmit || submit.isPending}>
        {side === 'buy' ? 'Buy' : 'Sell'} {base}
      </button>
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
      {o.side} {o.quantity} {o.symbol}: {o.status}
      {o.reason ? ` (${o.reason})` : ''}
    </p>
  );
}
