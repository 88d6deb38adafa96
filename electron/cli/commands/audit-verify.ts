import { sha256Hex } from '../../adapters/crypto/sha256.js';
import { verifyAuditTrail } from '../../core/services/audit-service.js';
import { createAuditRepo } from '../../persistence/repositories/audit-repo.js';
import { parseArgs } from '../args.js';
import { openWorkstationDbReadOnly, resolveDataDir } from '../data-dir.js';
import type { CliIo } from '../io.js';

export const AUDIT_VERIFY_USAGE = `audit-verify [--data-dir DIR]
    Checks the hash chain of the audit trail in DIR/workstation.db (read-only).
    Exit 0 when intact; 1 with the first broken link (entry id and reason) when not.`;

export async function auditVerify(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, { values: ['--data-dir'], flags: [] });
  const dataDir = resolveDataDir(args, io.env);
  const db = openWorkstationDbReadOnly(dataDir);
  try {
    const result = await verifyAuditTrail(createAuditRepo(db), sha256Hex);
    if (result.ok) {
      io.stdout.write(
        `audit trail OK: ${result.checked} entries checked, chain intact (last hash ${result.lastHash})\n`,
      );
      return 0;
    }
    io.stdout.write(
      `audit trail BROKEN at entry #${result.firstBroken?.id}: ${result.firstBroken?.reason} (${result.checked} entries checked)\n`,
    );
    return 1;
  } finally {
    db.close();
  }
}
