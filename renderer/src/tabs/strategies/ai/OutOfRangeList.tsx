/** OUT_OF_RANGE: each risk value the model put outside its allowed range, and the clamped value offered. */
import type { OutOfRange } from '../../../../../shared/domain/ai';

export function OutOfRangeList({ items }: { items: OutOfRange[] }) {
  return (
    <div className="ai-out-of-range" data-testid="ai-out-of-range" role="alert">
      <h3>Out of the allowed risk ranges</h3>
      <p className="small">Nothing was clamped silently. Approve below only if the clamped values are what you want.</p>
      <table className="data-table">
        <thead>
          <tr>
            <th>Field</th>
            <th className="num">Answered</th>
            <th className="num">Allowed</th>
            <th className="num">Clamped to</th>
            <th>Why</th>
          </tr>
        </thead>
        <tbody>
          {items.map((o) => (
            <tr key={o.field}>
              <td className="mono">{o.field}</td>
              <td className="num error">{o.value}</td>
              <td className="num">
                {o.min} – {o.max}
              </td>
              <td className="num">{o.clamped}</td>
              <td>{o.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
