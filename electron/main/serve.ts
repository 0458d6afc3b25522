import fs from 'node:fs';
import { promisify } from 'node:util';
import { SECURITY_HEADERS, contentTypeFor, resolveRendererFile } from './policy';

// The callback API through the fs module object, looked up at call time: these are the functions Electron
// patches to read inside app.asar.
const lstat = (file: string) => promisify(fs.lstat)(file);
const readFile = (file: string) => promisify(fs.readFile)(file);

function refuse(status: 404 | 405): Response {
  return new Response(null, { status, headers: { ...SECURITY_HEADERS } });
}

/**
 * The app:// responder, without electron (protocol.ts hands it to session.protocol.handle): GET/HEAD of
 * regular files (not symlinks) of a known type inside rendererRoot; every response, refusals included,
 * carries the CSP and the other security headers.
 */
export function createRendererResponder(rendererRoot: string): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(405);
    const file = resolveRendererFile(rendererRoot, request.url);
    const type = file ? contentTypeFor(file) : null;
    if (!file || !type) return refuse(404);
    try {
      const info = await lstat(file); // lstat: a symlink is not a regular file, so it is never followed
      if (!info.isFile()) return refuse(404);
      const body = request.method === 'HEAD' ? null : await readFile(file);
      return new Response(body, { status: 200, headers: { ...SECURITY_HEADERS, 'Content-Type': type } });
    } catch {
      return refuse(404);
    }
  };
}
