/** A key that holds a time: "time", "at", "engagedAt", "lastUpdateTime"... */
const TIME_KEY = /^(time|at|ts)$|At$|Time$/;

/**
 * JSON for a person: a time (UTC ms under a time-like key) reads as ISO 8601 UTC, e.g.
 * "2026-01-01T12:00:00.000Z" instead of 1767268800000.
 */
export function detailJson(value: unknown): string {
  return JSON.stringify(
    value,
    (key, v: unknown) =>
      typeof v === 'number' && TIME_KEY.test(key) && Number.isInteger(v) && v > 1e11 && v < 1e14
        ? new Date(v).toISOString()
        : v,
    2,
  );
}

/** The detail pane: one entry as pretty JSON (times as ISO 8601). */
export function JsonDetail({ title, value, onClose }: { title: string; value: unknown; onClose: () => void }) {
  return (
    <aside className="log-detail" aria-label={title}>
      <div className="detail-head">
        <strong>{title}</strong>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
      <pre data-testid="detail-json">{detailJson(value)}</pre>
    </aside>
  );
}
