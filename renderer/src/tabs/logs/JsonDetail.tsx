/** The detail pane: one entry as pretty JSON. */
export function JsonDetail({ title, value, onClose }: { title: string; value: unknown; onClose: () => void }) {
  return (
    <aside className="log-detail" aria-label={title}>
      <div className="detail-head">
        <strong>{title}</strong>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
      <pre data-testid="detail-json">{JSON.stringify(value, null, 2)}</pre>
    </aside>
  );
}
