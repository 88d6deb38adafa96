/** Every answer crossing the contract is one of these two shapes. */
export const ERROR_CODES = [
  'invalid_input',
  'unknown_call',
  'forbidden',
  'not_found',
  'conflict',
  'unavailable',
  'cancelled',
  'internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export type ContractError = { code: ErrorCode; message: string };

export type Envelope<T> = { ok: true; data: T } | { ok: false; error: ContractError };

/** An error a handler throws on purpose: its code and message reach the caller unchanged. */
export class AppError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'AppError';
    this.code = code;
  }
}
