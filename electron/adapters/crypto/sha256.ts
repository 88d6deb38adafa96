import crypto from 'node:crypto';

/** SHA-256 of the UTF-8 text, as 64 lower-case hex digits. The audit chain's hash function. */
export function sha256Hex(text: string): string {
  return crypto.createHash('sha256').update(text, 'utf8').digest('hex');
}
