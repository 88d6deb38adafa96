import { useState, type FormEvent } from 'react';
import {
  ALERT_CHANNELS,
  ALERT_EVENT_KINDS,
  ALERT_EVENT_LABELS,
  COOLDOWN_MINUTES,
  type AlertChannel,
  type AlertEventKind,
} from '../../../shared/domain/alerts';
import { TIMEFRAMES, type Timeframe } from '../../../shared/domain/market';
import { useInvokeMutation, useInvokeQuery } from '../client/hooks';

const EXAMPLES = ['RSI(14) < 25', 'Price crosses above 70000', 'SMA(20) crosses above SMA(50)@1h'];

function toggle<T>(list: T[], item: T): T[] {
  return list.includes(item) ? list.filter((x) => x !== item) : [...list, item];
}

function Checks<T extends string>(props: {
  legend: string;
  items: readonly T[];
  label: (t: T) => string;
  value: T[];
  onChange: (v: T[]) => void;
  name: string;
}) {
  return (
    <fieldset className="checks">
      <legend>{props.legend}</legend>
      {props.items.map((item) => (
        <label key={item} className="check">
          <input
            type="checkbox"
            name={props.name}
            checked={props.value.includes(item)}
            onChange={() => props.onChange(toggle(props.value, item))}
          />
          {props.label(item)}
        </label>
      ))}
    </fieldset>
  );
}

/** A new rule: a price or indicator condition on a symbol and timeframe, or a set of engine events. */
export function RuleForm() {
  const overview = useInvokeQuery('market.overview', {});
  const symbols = overview.data?.markets.map((m) => m.symbol) ?? [];
  const create = useInvokeMutation('alerts.createRule', ['alerts.rules']);
  const [kind, setKind] = useState<'condition' | 'event'>('condition');
  const [name, setName] = useState('');
  const [symbol, setSymbol] = useState('');
  const [timeframe, setTimeframe] = useState<Timeframe>('1m');
  const [condition, setCondition] = useState('');
  const [repeat, setRepeat] = useState<'once' | 'repeat'>('once');
  const [cooldown, setCooldown] = useState(String(COOLDOWN_MINUTES.default));
  const [events, setEvents] = useState<AlertEventKind[]>(['fill', 'rejection', 'killSwitch']);
  const [channels, setChannels] = useState<AlertChannel[]>(['desktop']);
  const chosenSymbol = symbol || symbols[0] || 'BTC/USD';

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const input =
      kind === 'condition'
        ? {
            kind,
            name,
            symbol: chosenSymbol,
            timeframe,
            condition,
            repeat,
            cooldownMinutes: Number(cooldown),
            channels,
          }
        : { kind, name, events, channels };
    create.mutate(input, {
      onSuccess: () => {
        setName('');
        setCondition('');
      },
    });
  };

  return (
    <form className="rule-form" onSubmit={onSubmit} aria-label="New alert rule" data-testid="alert-rule-form">
      <div className="segmented" role="radiogroup" aria-label="Kind of alert">
        {(['condition', 'event'] as const).map((k) => (
          <button
            key={k}
            type="button"
            role="radio"
            aria-checked={kind === k}
            className={kind === k ? 'active' : ''}
            onClick={() => setKind(k)}
          >
            {k === 'condition' ? 'Price or indicator' : 'Engine events'}
          </button>
        ))}
      </div>
      <label className="field">
        <span>Name</span>
        <input value={name} onChange={(e) => setName(e.target.value)} placeholder="e.g. BTC oversold" maxLength={80} />
      </label>
      {kind === 'condition' ? (
        <>
          <div className="rule-row">
            <label className="field">
              <span>Symbol</span>
              <select value={chosenSymbol} onChange={(e) => setSymbol(e.target.value)}>
                {(symbols.length > 0 ? symbols : [chosenSymbol]).map((s) => (
                  <option key={s}>{s}</option>
                ))}
              </select>
            </label>
            <label className="field">
              <span>Timeframe</span>
              <select value={timeframe} onChange={(e) => setTimeframe(e.target.value as Timeframe)}>
                {TIMEFRAMES.map((t) => (
                  <option key={t}>{t}</option>
                ))}
              </select>
            </label>
          </div>
          <label className="field">
            <span>Condition (checked at each candle close, in the strategy language)</span>
            <input
              className="mono"
              value={condition}
              onChange={(e) => setCondition(e.target.value)}
              placeholder={EXAMPLES.join('   ·   ')}
              maxLength={500}
              data-testid="alert-condition"
            />
          </label>
          <div className="rule-row">
            <label className="field">
              <span>Fires</span>
              <select value={repeat} onChange={(e) => setRepeat(e.target.value as 'once' | 'repeat')}>
                <option value="once">Once, then turns off</option>
                <option value="repeat">Every time, after a cool-down</option>
              </select>
            </label>
            <label className="field">
              <span>Cool-down (minutes)</span>
              <input
                type="number"
                min={COOLDOWN_MINUTES.min}
                max={COOLDOWN_MINUTES.max}
                value={cooldown}
                disabled={repeat === 'once'}
                onChange={(e) => setCooldown(e.target.value)}
              />
            </label>
          </div>
        </>
      ) : (
        <Checks
          legend="Events"
          name="events"
          items={ALERT_EVENT_KINDS}
          label={(k) => ALERT_EVENT_LABELS[k]}
          value={events}
          onChange={setEvents}
        />
      )}
      <Checks
        legend="Send to (the list here always keeps the alert)"
        name="channels"
        items={ALERT_CHANNELS}
        label={(c) => (c === 'desktop' ? 'Desktop notification' : c[0]!.toUpperCase() + c.slice(1))}
        value={channels}
        onChange={setChannels}
      />
      <button type="submit" disabled={create.isPending} data-testid="alert-rule-create">
        Create alert
      </button>
      {create.error && (
        <p role="alert" className="error pre">
          {create.error.message}
        </p>
      )}
    </form>
  );
}
