/**
 * Finds registered secrets in text, in the forms they take on their way into a log line:
 * as they are, in any letter case, URL-encoded (upper- or lower-case hex, strict RFC 3986 or as a
 * form value), JSON-escaped (also with "\/" and "\uXXXX"), and cut short (a long prefix, such as
 * a key shown truncated in an error message). Secrets shorter than MIN_SECRET_LENGTH (short
 * passwords) are matched only as whole words, so that they do not eat parts of ordinary words.
 */

/** Secrets of at least this length are matched anywhere, also inside longer words. */
export const MIN_SECRET_LENGTH = 6;
/** Shorter secrets (down to this length) are matched as whole words only. */
export const MIN_SHORT_SECRET_LENGTH = 4;
/** A prefix of a secret this long (or the whole of a shorter one) counts as the secret. */
export const PREFIX_LENGTH = 12;
/**
 * Known secrets are matched by combined regexes of at most this many pattern characters each:
 * past roughly 20,000 characters V8 stops compiling a regex to native code and it gets ~15x slower.
 */
const MAX_PATTERN_CHARS = 8_000;

type Form = { head: string; full: string };
type Chunk = { re: RegExp; forms: Form[] };

/** ASCII case folding: what the comparison of a match's continuation uses. */
const fold = (s: string): string => s.replace(/[A-Z]/g, (c) => c.toLowerCase());

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The forms a secret can take in text (case is handled by the matcher). */
export function secretForms(secret: string): string[] {
  const uri = encodeURIComponent(secret);
  const strict = uri.replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  const form = new URLSearchParams({ v: secret }).toString().slice(2);
  const json = JSON.stringify(secret).slice(1, -1);
  const jsonAscii = json.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return [...new Set([secret, uri, strict, form, json, json.replaceAll('/', '\\/'), jsonAscii])];
}

/** The regexes over every registered secret, and how a match is extended to the whole secret. */
export function buildMatcher(secrets: Iterable<string>): (text: string, replacement: string) => string {
  const forms: Array<Form & { pattern: string }> = [];
  const seen = new Set<string>();
  for (const secret of secrets) {
    const short = secret.length < MIN_SECRET_LENGTH;
    for (const full of short ? [secret] : secretForms(secret)) {
      const head = full.slice(0, PREFIX_LENGTH);
      const key = `${short}:${fold(full)}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const escaped = escapeRegExp(head);
      forms.push({
        head: fold(head),
        full: fold(full),
        pattern: short ? `(?<![A-Za-z0-9])${escaped}(?![A-Za-z0-9])` : escaped,
      });
    }
  }
  // Longest first, so that a secret containing another one is removed whole.
  forms.sort((a, b) => b.head.length - a.head.length || b.full.length - a.full.length);
  const chunks: Chunk[] = [];
  let current: Chunk | null = null;
  let chars = 0;
  const patterns: string[] = [];
  const flush = (): void => {
    if (current && patterns.length > 0) {
      current.re = new RegExp(patterns.join('|'), 'gi');
      chunks.push(current);
    }
    current = null;
    patterns.length = 0;
    chars = 0;
  };
  for (const f of forms) {
    if (chars + f.pattern.length > MAX_PATTERN_CHARS && patterns.length > 0) flush();
    current ??= { re: /$^/, forms: [] };
    current.forms.push({ head: f.head, full: f.full });
    patterns.push(f.pattern);
    chars += f.pattern.length + 1;
  }
  flush();

  return (text, replacement) => {
    let s = text;
    for (const chunk of chunks) s = replaceChunk(s, chunk, replacement);
    return s;
  };
}

/** Replaces every match, each extended over as much of the secret as follows it in the text. */
function replaceChunk(text: string, chunk: Chunk, replacement: string): string {
  const { re, forms } = chunk;
  re.lastIndex = 0;
  let out = '';
  let last = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const start = m.index;
    const head = fold(m[0]);
    let end = start + m[0].length;
    for (const f of forms) {
      if (f.head !== head || f.full.length <= head.length) continue;
      let j = head.length;
      while (j < f.full.length && start + j < text.length && fold(text.charAt(start + j)) === f.full.charAt(j)) j += 1;
      end = Math.max(end, start + j);
    }
    out += text.slice(last, start) + replacement;
    last = end;
    re.lastIndex = end > start ? end : start + 1;
  }
  return last === 0 ? text : out + text.slice(last);
}
