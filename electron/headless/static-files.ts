import fs from 'node:fs';
import path from 'node:path';
import type { ServerResponse } from 'node:http';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

/** Serves the built renderer; unknown routes without an extension get index.html (one-page app). */
export function serveStatic(
  root: string,
  pathname: string,
  res: ServerResponse,
  headers: Record<string, string>,
): void {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    decoded = '\0';
  }
  // A malformed escape (`/%`) or a NUL byte (`/a%00.js`) names no file: 400, before any fs call.
  if (decoded.includes('\0')) {
    res.writeHead(400, { ...headers, 'content-type': 'text/plain' }).end('bad request: the path is not valid');
    return;
  }
  let file = path.normalize(path.join(root, decoded));
  if (!file.startsWith(root + path.sep) && file !== root) {
    res.writeHead(403, headers).end('forbidden');
    return;
  }
  if (decoded === '/' || (!path.extname(decoded) && !fs.existsSync(file))) file = path.join(root, 'index.html');
  fs.readFile(file, (error, body) => {
    if (error) {
      res.writeHead(404, { ...headers, 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const ext = path.extname(file);
    const cache = file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache';
    res
      .writeHead(200, { ...headers, 'content-type': TYPES[ext] ?? 'application/octet-stream', 'cache-control': cache })
      .end(body);
  });
}
