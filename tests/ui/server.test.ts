import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES, startPreviewServer, type PreviewServer } from '../../src/preview/server';
import { CHEAP_KDF } from './support';

/** Raw HTTP (fetch cannot forge Host or Origin). */
function raw(
  server: PreviewServer,
  path: string,
  init: { method?: string; headers?: Record<string, string>; body?: string },
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  const url = new URL(server.url);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: Number(url.port), path, method: init.method ?? 'GET', headers: init.headers, setHost: !init.headers?.Host },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    if (init.body !== undefined) req.write(init.body);
    req.end();
  });
}

describe('preview server', () => {
  let server: PreviewServer;
  let rendererDir: string;
  let vaultDir: string;
  let host: string;
  let origin: string;

  beforeAll(async () => {
    rendererDir = mkdtempSync(join(tmpdir(), 'fv-renderer-'));
    vaultDir = mkdtempSync(join(tmpdir(), 'fv-vaults-'));
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Fieldvault</title>');
    writeFileSync(join(tmpdir(), 'fv-outside.txt'), 'outside');
    server = await startPreviewServer({ rendererDir, kdf: CHEAP_KDF });
    const url = new URL(server.url);
    host = `127.0.0.1:${url.port}`;
    origin = `http://${host}`;
  });

  afterAll(async () => {
    await server?.close();
    rmSync(rendererDir, { recursive: true, force: true });
    rmSync(vaultDir, { recursive: true, force: true });
  });

  const api = (op: string, body: string, headers: Record<string, string> = {}) =>
    raw(server, `/api/${op}`, { method: 'POST', body, headers: { 'Content-Type': 'application/json', 'X-Fieldvault-Token': server.token, Host: host, ...headers } });

  it('binds to 127.0.0.1 on a random port and puts a 32-byte token in the fragment', () => {
    expect(server.token).toMatch(/^[0-9a-f]{64}$/);
    expect(server.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:\\d+/#token=${server.token}$`));
  });

  it('answers an API call with a Result', async () => {
    const res = await api('vault.status', '{}');
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ ok: true, value: { state: 'locked' } });
  });

  it('refuses a missing or wrong token with 403', async () => {
    const missing = await raw(server, '/api/vault.status', { method: 'POST', body: '{}', headers: { 'Content-Type': 'application/json', Host: host } });
    expect(missing.status).toBe(403);
    const wrong = await api('vault.status', '{}', { 'X-Fieldvault-Token': 'f'.repeat(64) });
    expect(wrong.status).toBe(403);
    expect(JSON.parse(wrong.body)).toMatchObject({ ok: false, error: { code: 'permission-denied' } });
  });

  it('refuses a foreign Host header with 403 (DNS rebinding)', async () => {
    const port = new URL(server.url).port;
    for (const bad of [`evil.example:${port}`, '127.0.0.1:1', `127.0.0.1.nip.io:${port}`]) {
      const res = await api('vault.status', '{}', { Host: bad });
      expect(res.status, bad).toBe(403);
    }
    const page = await raw(server, '/', { headers: { Host: `evil.example:${port}` } });
    expect(page.status).toBe(403);
    const localhost = await api('vault.status', '{}', { Host: `localhost:${port}` });
    expect(localhost.status).toBe(200);
  });

  it('refuses a foreign Origin with 403, accepts its own', async () => {
    const bad = await api('vault.status', '{}', { Origin: 'http://evil.example' });
    expect(bad.status).toBe(403);
    const nul = await api('vault.status', '{}', { Origin: 'null' });
    expect(nul.status).toBe(403);
    const good = await api('vault.status', '{}', { Origin: origin });
    expect(good.status).toBe(200);
  });

  it('answers malformed JSON, non-JSON and unknown operations with error values, and keeps serving', async () => {
    const malformed = await api('vault.unlock', '{"path": "x", ');
    expect(malformed.status).toBe(400);
    expect(JSON.parse(malformed.body)).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    const wrongType = await api('vault.status', '{}', { 'Content-Type': 'text/plain' });
    expect(JSON.parse(wrongType.body)).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    const unknown = await api('vault.explode', '{}');
    expect(JSON.parse(unknown.body)).toMatchObject({ ok: false, error: { code: 'unknown-operation' } });
    const invalid = await api('vault.unlock', '{"path": 42}');
    expect(JSON.parse(invalid.body)).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    const badName = await api('%E0%A4%A', '{}');
    expect(JSON.parse(badName.body)).toMatchObject({ ok: false });
    const get = await raw(server, '/api/vault.status', { headers: { Host: host, 'X-Fieldvault-Token': server.token } });
    expect(get.status).toBe(405);
    const still = await api('vault.status', '{}');
    expect(JSON.parse(still.body)).toMatchObject({ ok: true });
  });

  it('refuses bodies over the size limit', async () => {
    const res = await raw(server, '/api/vault.status', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Fieldvault-Token': server.token, Host: host, 'Content-Length': String(MAX_BODY_BYTES + 1) },
      body: '{}',
    });
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
  });

  it('serves the renderer with a CSP and never a file outside it', async () => {
    const page = await raw(server, '/', { headers: { Host: host } });
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.body).toContain('Fieldvault');
    for (const path of ['/../fv-outside.txt', '/%2e%2e/fv-outside.txt', '/..%2Ffv-outside.txt', '/nope.js']) {
      const res = await raw(server, path, { headers: { Host: host } });
      expect(res.status, path).toBe(404);
      expect(res.body).not.toContain('outside');
    }
  });

  it('runs the real core: create, lock, wrong passphrase, unlock', async () => {
    const path = join(vaultDir, 'Server.fieldvault');
    const created = JSON.parse((await api('vault.create', JSON.stringify({ path, passphrase: 'lantern copper river mosque' }))).body);
    expect(created).toMatchObject({ ok: true, value: { interviews: 0, people: 0, sealIntact: true } });
    expect(JSON.parse((await api('vault.lock', '{}')).body)).toEqual({ ok: true, value: null });
    const wrong = JSON.parse((await api('vault.unlock', JSON.stringify({ path, passphrase: 'nope' }))).body);
    expect(wrong).toMatchObject({ ok: false, error: { code: 'wrong-passphrase' } });
    const opened = JSON.parse((await api('vault.unlock', JSON.stringify({ path, passphrase: 'lantern copper river mosque' }))).body);
    expect(opened).toMatchObject({ ok: true });
    await api('vault.lock', '{}');
  });
});
