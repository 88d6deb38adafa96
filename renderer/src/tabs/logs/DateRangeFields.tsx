/** From/to as datetime-local inputs, explicitly UTC (the workstation's time everywhere). */
export function DateRangeFields(props: {
  idPrefix: string;
  from: string;
  to: string;
  onChange: (range: { from: string; to: string }) => void;
}) {
  return (
    <>
      <label className="filter-field">
        <span>From (UTC)</span>
        <input
          type="datetime-local"
          id={`${props.idPrefix}-from`}
          value={props.from}
          onChange={(e) => props.onChange({ from: e.target.value, to: props.to })}
        />
      </label>
      <label className="filter-field">
        <span>To (UTC)</span>
        <input
          type="datetime-local"
          id={`${props.idPrefix}-to`}
          value={props.to}
          onChange={(e) => props.onChange({ from: props.from, to: e.target.value })}
        />
      </label>
    </>
  );
}
