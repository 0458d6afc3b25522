import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, START_URL } from '../../electron/main/policy';
import { createRendererResponder } from '../../electron/main/serve';

let base: string;
let respond: (request: Request) => Promise<Response>;

beforeAll(() => {
  // out/ layout: the renderer next to main and preload, which must never be reachable over app://.
  base = mkdtempSync(join(tmpdir(), 'fieldvault-serve-'));
  mkdirSync(join(base, 'renderer', 'assets'), { recursive: true });
  mkdirSync(join(base, 'main'));
  writeFileSync(join(base, 'renderer', 'index.html'), '<!doctype html><title>Fieldvault</title>');
  writeFileSync(join(base, 'renderer', 'assets', 'app.js'), 'export {};');
  writeFileSync(join(base, 'renderer', 'assets', 'blob.bin'), 'x');
  writeFileSync(join(base, 'main', 'index.js'), 'main process code');
  respond = createRendererResponder(join(base, 'renderer'));
});

afterAll(() => rmSync(base, { recursive: true, force: true }));

const get = (url: string, method = 'GET') => respond(new Request(url, { method }));

describe('app:// responder', () => {
  it('serves the renderer with the CSP and security headers', async () => {
    const res = await get(START_URL);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toContain('<title>Fieldvault</title>');
    const js = await get('app://fieldvault/assets/app.js');
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it('answers HEAD without a body', async () => {
    const res = await get(START_URL, 'HEAD');
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
  });

  it('refuses other methods, unknown files, directories and unknown types, still with the CSP', async () => {
    const cases = [
      [await get(START_URL, 'POST'), 405],
      [await get('app://fieldvault/missing.js'), 404],
      [await get('app://fieldvault/assets'), 404],
      [await get('app://fieldvault/assets/blob.bin'), 404],
    ] as const;
    for (const [res, status] of cases) {
      expect(res.status).toBe(status);
      expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    }
  });

  it('never serves the main process bundle next to the renderer', async () => {
    for (const url of ['app://fieldvault/..%2fmain%2findex.js', 'app://fieldvault/%2e%2e%2fmain%2findex.js', 'app://fieldvault/../main/index.js']) {
      const res = await get(url);
      expect(res.status).toBe(404);
      expect(await res.text()).not.toContain('main process code');
    }
  });

  it('does not follow symlinks out of the renderer, and refuses other hosts', async () => {
    symlinkSync(join(base, 'main', 'index.js'), join(base, 'renderer', 'assets', 'link.js'));
    const res = await get('app://fieldvault/assets/link.js');
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain('main process code');
    expect((await get('app://elsewhere/index.html')).status).toBe(404);
  });
});
