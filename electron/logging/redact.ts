/**
 * Removes secrets from everything that is about to be logged. Two layers:
 * - structure: string values under sensitive keys (apiKey, secret, password, Authorization, ...)
 *   become "[REDACTED]" wherever they are nested;
 * - text: every string is scanned for secrets registered through addSecret, credentials in
 *   header, JSON, query and URL syntax, bearer/basic tokens, vendor key prefixes, PEM blocks,
 *   JWTs and random-looking base64/hex runs of 40+ characters.
 * Numbers and booleans are never touched (so `tokensIn: 1200` or `hasApiKey: true` stay).
 */

import { MIN_SHORT_SECRET_LENGTH, buildMatcher } from './known-secrets.js';

export const REDACTED = '[REDACTED]';

export type Redactor = {
  /**
   * Teaches the redactor a secret to remove from every string, in every form it may take there
   * (see known-secrets.ts); 4 and 5 characters long (short passwords) only as whole words.
   */
  addSecret(value: string): void;
  /** A JSON-safe, redacted copy of any value (objects, arrays, errors, cycles, depth-limited). */
  redactValue(value: unknown): unknown;
  redactString(value: string): string;
};

const MAX_DEPTH = 8;
const MAX_ARRAY_ITEMS = 200;
const MAX_OBJECT_KEYS = 200;
const MAX_STRING_LENGTH = 32_768;

const SENSITIVE_WORDS = String.raw`api[-_]?key|access[-_]?key|secret|passw(?:or)?d|passphrase|token|signature|authorization|api[-_]?sign|private[-_]?key|cookie|credential`;
/** `otp` is Kraken's two-factor password field. Nonces are not secret (and are needed to debug EAPI:Invalid nonce). */
const SENSITIVE_KEY = new RegExp(`${SENSITIVE_WORDS}|^otp$|^auth$|^2fa$|^key$|^pwd$|^pass[-_]?phrase$`, 'i');
/** Counters that merely mention tokens (AI usage) are not credentials. */
const TOKEN_COUNT_KEY =
  /tokens?[-_]?(?:in|out|count|used|usage|limit|budget|total|input|output|remaining)$|(?:max|input|output|prompt|completion|total|cached|read|creation)[-_]?tokens?$/i;

/** Where secrets are kept ("secretBackend": "encrypted-file") names a store, not a credential. */
const SECRET_STORE_KEY = /^secrets?[-_]?(?:backend|store|storage)$/i;

/** True when a string stored under this object key / parameter / header name is a credential. */
export function isSensitiveKey(key: string): boolean {
  return SENSITIVE_KEY.test(key) && !TOKEN_COUNT_KEY.test(key) && !SECRET_STORE_KEY.test(key);
}

const PEM_BLOCK = /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----/g;
const URL_USERINFO = /(\b[a-z][a-z0-9+.-]*:\/\/[^\s/:@]+:)[^\s/@]+@/gi;
/** "name": "value" pairs inside text (JSON bodies in error messages). */
const QUOTED_PAIR = /(["'])([^"'\\\s]{1,64})\1(\s*:\s*)(["'])((?:\\.|(?!\4)[^\\])*)\4/g;
/** HTTP header lines: `API-Key: ...`, `API-Sign: ...`, `x-api-key: ...`, `Authorization: ...`. */
const HEADER_LINE =
  /\b((?:x-)?api-?(?:key|sign)|(?:proxy-)?authorization|(?:set-)?cookie|x-[\w-]{0,40}?(?:token|key|secret|signature|auth)[\w-]{0,40})(\s*:\s*["']?)([^\r\n"'},]+)/gi;
/** name=value (query strings, form bodies, free text). */
const PARAM = /(?<![\w.-])([\w.-]{1,64})=([^&\s#"',;)]+)/g;
const BEARER = /\b(Bearer)\s+[\w\-.~+/]+=*/gi;
const BASIC = /\b(Basic)\s+([A-Za-z0-9+/]{6,}={0,2})(?![\w+/=])/g;
const VENDOR_KEY = /\bsk-(?:ant-)?[\w-]{16,}/g;
const JWT = /\beyJ[\w-]{5,}\.[\w-]{5,}\.[\w-]{5,}/g;
const KEY_SHAPED_RUN = /[A-Za-z0-9+/_-]{40,}={0,2}/g;
const HEX_RUN = /[0-9a-fA-F]{40,}/g;
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const WORD_TOKEN = /[A-Z]?[a-z]+|[A-Z]+(?![a-z])|[0-9]+/g;

function shannonEntropy(s: string): number {
  const counts = new Map<string, number>();
  for (const ch of s) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let h = 0;
  for (const n of counts.values()) {
    const p = n / s.length;
    h -= p * Math.log2(p);
  }
  return h;
}

function meanWordLength(s: string): number {
  let count = 0;
  let total = 0;
  for (const m of s.matchAll(WORD_TOKEN)) {
    count += 1;
    total += m[0].length;
  }
  return count === 0 ? 0 : total / count;
}

/**
 * Random base64 (API keys, secrets) against identifiers, paths and order ids: random text has
 * high character entropy and short same-case "words"; paths and camelCase names have long words.
 * UUIDs are removed first so that order ids never count. Measured on random keys: 56+ chars are
 * always caught, 40-char keys miss about 5 in 100,000 (register exact secrets with addSecret).
 */
function looksLikeKey(run: string): boolean {
  const s = run.replace(UUID, '-');
  if (s.length < 40 || !/[A-Z]/.test(s) || !/[a-z]/.test(s)) return false;
  return shannonEntropy(s) >= 4.5 || meanWordLength(s) <= 3;
}

function hasDigitAndLetter(s: string): boolean {
  return /[0-9]/.test(s) && /[a-fA-F]/.test(s);
}

function redactByPatterns(input: string): string {
  let s = input;
  if (s.includes('-----BEGIN')) s = s.replace(PEM_BLOCK, REDACTED);
  if (s.includes('://')) s = s.replace(URL_USERINFO, `$1${REDACTED}@`);
  s = s.replace(QUOTED_PAIR, (whole, q: string, name: string, sep: string, vq: string, value: string) =>
    value !== '' && value !== REDACTED && isSensitiveKey(name) ? `${q}${name}${q}${sep}${vq}${REDACTED}${vq}` : whole,
  );
  s = s.replace(HEADER_LINE, (whole, name: string, sep: string, value: string) =>
    value.trim() === '' || value.trim() === REDACTED ? whole : `${name}${sep}${REDACTED}`,
  );
  if (s.includes('=')) {
    s = s.replace(PARAM, (whole, name: string, value: string) =>
      value !== REDACTED && isSensitiveKey(name) ? `${name}=${REDACTED}` : whole,
    );
  }
  s = s.replace(BEARER, `$1 ${REDACTED}`);
  s = s.replace(BASIC, (whole, scheme: string, value: string) =>
    /^[A-Za-z][a-z]*$/.test(value) ? whole : `${scheme} ${REDACTED}`,
  );
  if (s.includes('sk-')) s = s.replace(VENDOR_KEY, REDACTED);
  if (s.includes('eyJ')) s = s.replace(JWT, REDACTED);
  s = s.replace(KEY_SHAPED_RUN, (run) =>
    looksLikeKey(run) ? REDACTED : run.replace(HEX_RUN, (hex) => (hasDigitAndLetter(hex) ? REDACTED : hex)),
  );
  return s;
}

export function createRedactor(): Redactor {
  const secrets = new Set<string>();
  let matchKnown: ((text: string, replacement: string) => string) | null = null;

  function redactString(value: string): string {
    if (value.length < 4) return value;
    let s = matchKnown ? matchKnown(value, REDACTED) : value;
    s = redactByPatterns(s);
    return s.length > MAX_STRING_LENGTH
      ? `${s.slice(0, MAX_STRING_LENGTH)}…[${s.length - MAX_STRING_LENGTH} more characters]`
      : s;
  }

  function walkObject(
    entries: Iterable<[string, unknown]>,
    depth: number,
    sensitive: boolean,
    ancestors: Set<object>,
  ): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    let n = 0;
    for (const [key, child] of entries) {
      if (n === MAX_OBJECT_KEYS) {
        out['…'] = 'more keys omitted';
        break;
      }
      n += 1;
      const safeKey = redactString(key);
      const value = walk(child, depth + 1, sensitive || isSensitiveKey(key), ancestors);
      if (value !== undefined) out[safeKey] = value;
    }
    return out;
  }

  function errorEntries(error: Error): Array<[string, unknown]> {
    const entries: Array<[string, unknown]> = [
      ['name', error.name],
      ['message', error.message],
      ['stack', error.stack],
    ];
    for (const key of Object.keys(error)) {
      if (key !== 'name' && key !== 'message' && key !== 'stack') entries.push([key, readProperty(error, key)]);
    }
    if ('cause' in error && !Object.keys(error).includes('cause')) entries.push(['cause', error.cause]);
    return entries;
  }

  function walk(value: unknown, depth: number, sensitive: boolean, ancestors: Set<object>): unknown {
    switch (typeof value) {
      case 'string':
        return sensitive && value !== '' ? REDACTED : redactString(value);
      case 'number':
      case 'boolean':
      case 'undefined':
        return value;
      case 'bigint':
        return value.toString();
      case 'symbol':
        return redactString(value.toString());
      case 'function':
        return undefined;
    }
    if (value === null) return null;
    const obj = value as object;
    if (ancestors.has(obj)) return '[Circular]';
    if (depth >= MAX_DEPTH) return '[Truncated: too deep]';
    if (obj instanceof Date) return Number.isNaN(obj.getTime()) ? 'Invalid Date' : obj.toISOString();
    if (ArrayBuffer.isView(obj) || obj instanceof ArrayBuffer) return `[binary: ${obj.byteLength} bytes]`;
    ancestors.add(obj);
    try {
      if (obj instanceof Error) return walkObject(errorEntries(obj), depth, sensitive, ancestors);
      if (Array.isArray(obj) || obj instanceof Set) {
        const items = [...(obj as Iterable<unknown>)];
        const out = items.slice(0, MAX_ARRAY_ITEMS).map((item) => {
          const v = walk(item, depth + 1, sensitive, ancestors);
          return v === undefined ? null : v;
        });
        if (items.length > MAX_ARRAY_ITEMS) out.push(`…${items.length - MAX_ARRAY_ITEMS} more items`);
        return out;
      }
      if (obj instanceof Map) {
        const entries = [...obj.entries()].map(([k, v]): [string, unknown] => [String(k), v]);
        return walkObject(entries, depth, sensitive, ancestors);
      }
      const toJSON = readProperty(obj, 'toJSON');
      if (typeof toJSON === 'function') {
        ancestors.delete(obj);
        return walk(callToJson(toJSON as (this: object) => unknown, obj), depth + 1, sensitive, ancestors);
      }
      return walkObject(
        Object.keys(obj).map((k): [string, unknown] => [k, readProperty(obj, k)]),
        depth,
        sensitive,
        ancestors,
      );
    } finally {
      ancestors.delete(obj);
    }
  }

  return {
    addSecret(value) {
      if (typeof value !== 'string' || value.length < MIN_SHORT_SECRET_LENGTH || secrets.has(value)) return;
      secrets.add(value);
      matchKnown = buildMatcher(secrets);
    },
    redactString,
    redactValue(value) {
      try {
        return walk(value, 0, false, new Set());
      } catch {
        return '[Unloggable value]';
      }
    },
  };
}

function readProperty(obj: object, key: string): unknown {
  try {
    return (obj as Record<string, unknown>)[key];
  } catch {
    return '[Unreadable]';
  }
}

function callToJson(toJSON: (this: object) => unknown, obj: object): unknown {
  try {
    return toJSON.call(obj);
  } catch {
    return '[Unreadable]';
  }
}
