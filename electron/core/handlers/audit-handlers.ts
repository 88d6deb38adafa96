import { AppError } from '../../../shared/ipc/envelope.js';
import type { AuditService } from '../services/audit-service.js';
import type { ExportService } from '../services/export/export-service.js';
import type { StatusService } from '../services/status-service.js';
import type { Handlers } from '../dispatch.js';

/** The audit trail, exports and the system status panel (the logs issue). */
export function auditHandlers(deps: { audit: AuditService; exporter: ExportService; status: StatusService }) {
  return {
    'audit.query': (query) => deps.audit.query(query),
    'audit.verify': () => deps.audit.verify(),
    'export.save': (request) => deps.exporter.save(request),
    'export.downloadLink': (request, ctx) => {
      if (!ctx.downloads) {
        throw new AppError('unavailable', 'download links are for the browser UI; the desktop app saves with a dialog');
      }
      return ctx.downloads.mint(request);
    },
    'system.status': () => deps.status.status(),
  } satisfies Pick<Handlers, 'audit.query' | 'audit.verify' | 'export.save' | 'export.downloadLink' | 'system.status'>;
}
