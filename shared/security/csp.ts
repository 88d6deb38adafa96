/**
 * The Content-Security-Policy of every page, whichever way it is served (Electron header, meta tag
 * in the built index.html, headless HTTP header). In development the Vite dev server needs an
 * inline React-refresh preamble and a WebSocket for hot reload; a built app gets the strict policy.
 */
export function contentSecurityPolicy(dev: boolean): string {
  return cspDirectives(dev).join('; ');
}

export function cspDirectives(dev: boolean): string[] {
  return [
    "default-src 'self'",
    dev ? "script-src 'self' 'unsafe-inline'" : "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    dev ? "connect-src 'self' ws: http://localhost:* http://127.0.0.1:*" : "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'none'",
  ];
}

/** For a <meta> tag, where frame-ancestors is not allowed. */
export function metaContentSecurityPolicy(): string {
  return cspDirectives(false)
    .filter((d) => !d.startsWith('frame-ancestors'))
    .join('; ');
}
