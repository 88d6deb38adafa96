import { useState } from 'react';
import {
  EXPORT_FORMATS,
  EXPORT_PATH,
  exportRequestToParams,
  type ExportRequest,
} from '../../../../shared/domain/export';
import { useApi } from '../../client/context';
import { downloadExport } from '../../client/downloads';
import { useInvokeMutation } from '../../client/hooks';

type Base =
  | { kind: 'logs'; filter: Extract<ExportRequest, { kind: 'logs' }>['filter'] }
  | { kind: 'audit'; filter: Extract<ExportRequest, { kind: 'audit' }>['filter'] };

const LABEL = { csv: 'CSV', json: 'JSON', jsonl: 'JSONL' } as const;

/**
 * Export of the current filter and range. Desktop: a save dialog, then the engine streams to the
 * chosen file. Browser: a one-time link to the headless server's GET /export, minted on click.
 */
export function ExportButtons({ base, label }: { base: Base; label: string }) {
  const api = useApi();
  const { transport } = api;
  const [downloadError, setDownloadError] = useState<string | null>(null);
  const save = useInvokeMutation('export.save');
  const [message, setMessage] = useState<string | null>(null);
  const request = (format: (typeof EXPORT_FORMATS)[number]): ExportRequest => ({ ...base, format });

  return (
    <div className="export-buttons" role="group" aria-label={label}>
      <span className="muted">{label}</span>
      {EXPORT_FORMATS.map((format) =>
        transport.kind === 'desktop' ? (
          <button
            key={format}
            type="button"
            disabled={save.isPending}
            onClick={() => {
              setMessage(null);
              save.mutate(request(format), {
                onSuccess: (r) =>
                  setMessage(
                    r.status === 'saved'
                      ? `Saved ${r.rows.toLocaleString('en-US')} rows to ${r.file}`
                      : 'Export cancelled.',
                  ),
              });
            }}
          >
            {LABEL[format]}
          </button>
        ) : (
          <a
            key={format}
            className="button"
            href={`${EXPORT_PATH}?${exportRequestToParams(request(format)).toString()}`}
            download
            onClick={(event) => {
              event.preventDefault();
              setDownloadError(null);
              downloadExport(api, request(format)).catch((error: unknown) =>
                setDownloadError(error instanceof Error ? error.message : String(error)),
              );
            }}
          >
            {LABEL[format]}
          </a>
        ),
      )}
      {save.isPending && <span className="muted">Exporting…</span>}
      {message && (
        <span className="ok" role="status">
          {message}
        </span>
      )}
      {downloadError && (
        <span className="error" role="alert">
          {downloadError}
        </span>
      )}
      {save.error && (
        <span className="error" role="alert">
          {save.error.message}
        </span>
      )}
    </div>
  );
}
