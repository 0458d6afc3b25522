import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { homedir } from 'node:os';
import { extname, join, resolve, sep } from 'node:path';
import { startVaultWorker, type VaultWorker } from '../core/worker/client';
import type { Result } from '../shared/result';

/**
 * The developer preview: the real renderer in a local browser tab, talking to the real core through
 * POST /api/<operation>. For machines without an Electron binary and for the UI tests; never shipped.
 *
 * What keeps other local pages and processes out:
 *  - bound to 127.0.0.1 only, on a random port by default;
 *  - every API call must carry the per-run token (32 random bytes) in the X-Fieldvault-Token header; the
 *    page gets it from the URL fragment, which browsers never send to a server;
 *  - the Host header must name this server (127.0.0.1:port or localhost:port), which defeats DNS rebinding,
 *    and an Origin header, when present, must be this server's origin;
 *  - API bodies must be JSON, at most MAX_BODY_BYTES; anything malformed is answered with an error value.
 */

export interface PreviewServerOptions {
  /** The built renderer (out/renderer). */
  readonly rendererDir: string;
  /** 0 or absent: a random free port. */
  readonly port?: number;
  /** Key derivation for new vaults; tests pass cheap parameters. Absent: the app's default. */
  readonly kdf?: { readonly opsLimit: number; readonly memLimitKiB: number };
  /** Tests only: vaults open as if their disk were read-only (the read-only banner; see ServiceOptions). */
  readonly readOnlyMedium?: boolean;
}

export interface PreviewServer {
  /** The address to open, with the token in the fragment. */
  readonly url: string;
  readonly token: string;
  close(): Promise<void>;
}

export const TOKEN_HEADER = 'x-fieldvault-token';
export const MAX_BODY_BYTES = 32 * 1024 * 1024;

const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The page's own <meta> policy is the app's, with connect-src 'none'; in the preview the page talks to this
 * server, so its meta policy is this one (minus frame-ancestors, which a meta policy cannot carry).
 */
const META_CSP = CSP.split('; ')
  .filter((directive) => !directive.startsWith('frame-ancestors'))
  .join('; ');

function withPreviewMetaPolicy(html: string): string {
  return html.replace(/(<meta\s+http-equiv="Content-Security-Policy"\s+content=")[^"]*(")/i, `$1${META_CSP}$2`);
}

const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cache-Control': 'no-store',
};

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

const errorValue = (code: 'invalid-request' | 'permission-denied' | 'internal', message: string): Result<never> => ({ ok: false, error: { code, message } });

class BodyTooLarge extends Error {}

function send(res: ServerResponse, status: number, body: string | Buffer, type: string, extra: Record<string, string> = {}): void {
  if (res.headersSent) return;
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': type, 'Content-Length': String(Buffer.byteLength(body)), ...extra });
  res.end(body);
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  send(res, status, JSON.stringify(value), 'application/json; charset=utf-8');
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolveBody, reject) => {
    const declared = Number(req.headers['content-length'] ?? '0');
    if (declared > limit) {
      reject(new BodyTooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new BodyTooLarge());
        req.pause();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolveBody(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function tokenMatches(given: string | string[] | undefined, expected: Buffer): boolean {
  if (typeof given !== 'string') return false;
  const buf = Buffer.from(given, 'utf8');
  return buf.length === expected.length && timingSafeEqual(buf, expected);
}

/** "~/Documents/x" -> "/home/me/Documents/x": the page cannot know the home folder, the server can. */
function expandHome(payload: unknown): unknown {
  if (typeof payload !== 'object' || payload === null || !('path' in payload)) return payload;
  const path = (payload as { path: unknown }).path;
  if (typeof path !== 'string' || !/^~(?=$|[\\/])/.test(path)) return payload;
  return { ...payload, path: join(homedir(), path.slice(1)) };
}

export async function startPreviewServer(opts: PreviewServerOptions): Promise<PreviewServer> {
  const root = resolve(opts.rendererDir);
  const token = randomBytes(32).toString('hex');
  const tokenBytes = Buffer.from(token, 'utf8');
  let allowedHosts: ReadonlySet<string> = new Set();
  let allowedOrigins: ReadonlySet<string> = new Set();

  const worker: VaultWorker = startVaultWorker({
    entry: new URL('../core/worker/host.ts', import.meta.url),
    execArgv: ['--import', 'tsx'],
    options: { ...(opts.kdf ? { kdf: opts.kdf } : {}), ...(opts.readOnlyMedium ? { readOnlyMedium: true } : {}) },
  });

  const serveApi = async (req: IncomingMessage, res: ServerResponse, operation: string) => {
    if (req.method !== 'POST') {
      sendJson(res, 405, errorValue('invalid-request', 'Use POST for API calls.'));
      return;
    }
    if (!tokenMatches(req.headers[TOKEN_HEADER], tokenBytes)) {
      sendJson(res, 403, errorValue('permission-denied', 'Missing or wrong preview token.'));
      return;
    }
    const type = String(req.headers['content-type'] ?? '');
    if (!/^application\/json\b/i.test(type)) {
      sendJson(res, 415, errorValue('invalid-request', 'API calls must send JSON (Content-Type: application/json).'));
      return;
    }
    let payload: unknown;
    try {
      const body = await readBody(req, MAX_BODY_BYTES);
      payload = body.length === 0 ? {} : (JSON.parse(body.toString('utf8')) as unknown);
    } catch (err) {
      if (err instanceof BodyTooLarge) {
        res.setHeader('Connection', 'close');
        sendJson(res, 413, errorValue('invalid-request', `The request is larger than ${MAX_BODY_BYTES / 1024 / 1024} MiB.`));
        res.on('finish', () => req.destroy());
      } else {
        sendJson(res, 400, errorValue('invalid-request', 'The request body is not valid JSON.'));
      }
      return;
    }
    let name: string;
    try {
      name = decodeURIComponent(operation);
    } catch {
      sendJson(res, 400, errorValue('invalid-request', 'Malformed operation name.'));
      return;
    }
    const forCore = name === 'vault.create' || name === 'vault.unlock' ? expandHome(payload) : payload;
    const result = await worker.dispatch(name, forCore);
    sendJson(res, 200, result);
  };

  const serveFile = async (req: IncomingMessage, res: ServerResponse, pathname: string) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(res, 405, 'Method not allowed', 'text/plain; charset=utf-8', { Allow: 'GET, HEAD' });
      return;
    }
    let relative: string;
    try {
      relative = decodeURIComponent(pathname);
    } catch {
      send(res, 400, 'Bad request', 'text/plain; charset=utf-8');
      return;
    }
    if (relative.includes('\0')) {
      send(res, 400, 'Bad request', 'text/plain; charset=utf-8');
      return;
    }
    if (relative === '/' || relative === '') relative = '/index.html';
    const file = resolve(root, `.${relative}`);
    if (file !== root && !file.startsWith(root + sep)) {
      send(res, 404, 'Not found', 'text/plain; charset=utf-8');
      return;
    }
    try {
      const info = await stat(file);
      if (!info.isFile()) throw new Error('not a file');
      const raw = await readFile(file);
      const body = extname(file).toLowerCase() === '.html' ? Buffer.from(withPreviewMetaPolicy(raw.toString('utf8'))) : raw;
      const type = TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
      if (req.method === 'HEAD') {
        res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': type, 'Content-Length': String(body.length) });
        res.end();
        return;
      }
      send(res, 200, body, type);
    } catch {
      send(res, 404, 'Not found', 'text/plain; charset=utf-8');
    }
  };

  const server = createServer((req, res) => {
    const host = req.headers.host ?? '';
    const origin = req.headers.origin;
    if (!allowedHosts.has(host) || (origin !== undefined && !allowedOrigins.has(origin))) {
      sendJson(res, 403, errorValue('permission-denied', 'Forbidden host or origin.'));
      return;
    }
    let pathname: string;
    try {
      pathname = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    } catch {
      send(res, 400, 'Bad request', 'text/plain; charset=utf-8');
      return;
    }
    const api = /^\/api\/([^/]+)$/.exec(pathname);
    const work = api?.[1] !== undefined ? serveApi(req, res, api[1]) : pathname.startsWith('/api/') ? Promise.resolve(sendJson(res, 404, errorValue('invalid-request', 'Unknown API path.'))) : serveFile(req, res, pathname);
    work.catch(() => sendJson(res, 500, errorValue('internal', 'The preview server hit an unexpected problem.')));
  });
  server.requestTimeout = 120_000;
  server.on('clientError', (_err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolveListen();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  allowedOrigins = new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);

  let closed: Promise<void> | null = null;
  return {
    url: `http://127.0.0.1:${port}/#token=${token}`,
    token,
    close: () => {
      closed ??= (async () => {
        await new Promise<void>((done) => {
          server.close(() => done());
          server.closeAllConnections();
        });
        // terminating the worker drops the keys of any vault still unlocked
        await worker.terminate();
      })();
      return closed;
    },
  };
}
