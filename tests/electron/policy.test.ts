import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  APP_ORIGIN,
  CONTENT_SECURITY_POLICY,
  SECURITY_HEADERS,
  START_URL,
  contentTypeFor,
  isAllowedNavigation,
  isAllowedRequestUrl,
  isAppUrl,
  isTrustedSender,
  parseChooseMode,
  resolveRendererFile,
} from '../../electron/main/policy';

const root = resolve('/opt/Fieldvault/resources/app.asar/out/renderer');

describe('app:// path resolution', () => {
  it('maps app URLs to files inside the renderer root', () => {
    expect(resolveRendererFile(root, START_URL)).toBe(join(root, 'index.html'));
    expect(resolveRendererFile(root, `${APP_ORIGIN}/`)).toBe(join(root, 'index.html'));
    expect(resolveRendererFile(root, `${APP_ORIGIN}`)).toBe(join(root, 'index.html'));
    expect(resolveRendererFile(root, `${APP_ORIGIN}/assets/index-abc.js`)).toBe(join(root, 'assets', 'index-abc.js'));
    expect(resolveRendererFile(root, `${APP_ORIGIN}/assets/a%20b.css?x=1#y`)).toBe(join(root, 'assets', 'a b.css'));
  });

  // Literal and %2e dot segments are collapsed by the URL parser itself, clamped at the root of the origin:
  // they can only ever name files inside the renderer root.
  it.each([
    [`${APP_ORIGIN}/../../../etc/passwd`, ['etc', 'passwd']],
    [`${APP_ORIGIN}/%2e%2e/%2e%2e/etc/passwd`, ['etc', 'passwd']],
    [`${APP_ORIGIN}/assets/%2E%2E/%2E%2E/secret`, ['secret']],
    [`${APP_ORIGIN}/..`, ['index.html']],
    [`${APP_ORIGIN}/%2e%2e`, ['index.html']],
    [`${APP_ORIGIN}//etc/passwd`, ['etc', 'passwd']],
  ])('confines %s to the renderer root', (url, parts) => {
    expect(resolveRendererFile(root, url)).toBe(join(root, ...parts));
  });

  // What the URL parser leaves alone (encoded slashes and backslashes, NUL, bad escapes) is refused here.
  it.each([
    `${APP_ORIGIN}/..%2f..%2fmain%2findex.js`,
    `${APP_ORIGIN}/..%2F..%2Fpreload/index.cjs`,
    `${APP_ORIGIN}/assets/..%2f..%2f..%2f..%2fetc%2fpasswd`,
    `${APP_ORIGIN}/%2e%2e%2f%2e%2e%2fetc%2fpasswd`,
    `${APP_ORIGIN}/%2e%2e%5c%2e%2e%5cwindows`,
    `${APP_ORIGIN}/assets/..\\..\\x`,
    `${APP_ORIGIN}/index.html%00.js`,
    `${APP_ORIGIN}/%E0%A4%A`,
  ])('refuses %s', (url) => {
    expect(resolveRendererFile(root, url)).toBeNull();
  });

  it.each([
    'file:///etc/passwd',
    'app://evil/index.html',
    'app://fieldvault.evil/index.html',
    'app://user:pw@fieldvault/index.html',
    'https://fieldvault/index.html',
    'not a url',
  ])('refuses a request that is not app://fieldvault: %s', (url) => {
    expect(resolveRendererFile(root, url)).toBeNull();
  });

  it('serves only known file types', () => {
    expect(contentTypeFor('/x/index.html')).toMatch(/^text\/html/);
    expect(contentTypeFor('/x/a.JS')).toMatch(/^text\/javascript/);
    expect(contentTypeFor('/x/a.css')).toMatch(/^text\/css/);
    expect(contentTypeFor('/x/a.woff2')).toBe('font/woff2');
    expect(contentTypeFor('/x/a.node')).toBeNull();
    expect(contentTypeFor('/x/package')).toBeNull();
  });
});

describe('network rule', () => {
  const packaged = { allowDevtools: false };
  const dev = { allowDevtools: true };

  it('allows the app origin and inline data only', () => {
    expect(isAllowedRequestUrl(START_URL, packaged)).toBe(true);
    expect(isAllowedRequestUrl(`${APP_ORIGIN}/assets/x.js`, packaged)).toBe(true);
    expect(isAllowedRequestUrl('data:image/png;base64,AAAA', packaged)).toBe(true);
  });

  it.each([
    'https://example.org/',
    'http://127.0.0.1:8080/api/vault.unlock',
    'http://localhost/',
    'ws://127.0.0.1:9222/devtools',
    'wss://example.org/',
    'file:///home/user/vault/fieldvault.db',
    'ftp://example.org/',
    'chrome-extension://abc/x.js',
    'app://other/index.html',
    'blob:https://example.org/uuid',
    'garbage',
  ])('cancels %s', (url) => {
    expect(isAllowedRequestUrl(url, packaged)).toBe(false);
    expect(isAllowedRequestUrl(url, dev)).toBe(false);
  });

  it('lets the DevTools front end load only in unpackaged builds', () => {
    expect(isAllowedRequestUrl('devtools://devtools/bundled/devtools_app.html', packaged)).toBe(false);
    expect(isAllowedRequestUrl('devtools://devtools/bundled/devtools_app.html', dev)).toBe(true);
  });

  it('allows no navigation at all', () => {
    for (const url of [START_URL, 'https://example.org', 'file:///etc/passwd']) expect(isAllowedNavigation(url)).toBe(false);
  });
});

describe('IPC sender check', () => {
  it('trusts only the main frame of the main window on the app origin', () => {
    expect(isTrustedSender({ frameUrl: START_URL, isMainWindowMainFrame: true })).toBe(true);
    expect(isTrustedSender({ frameUrl: `${APP_ORIGIN}/index.html#/people`, isMainWindowMainFrame: true })).toBe(true);
  });

  it.each([
    [{ frameUrl: START_URL, isMainWindowMainFrame: false }],
    [{ frameUrl: null, isMainWindowMainFrame: true }],
    [{ frameUrl: 'https://evil.example/', isMainWindowMainFrame: true }],
    [{ frameUrl: 'file:///tmp/x.html', isMainWindowMainFrame: true }],
    [{ frameUrl: 'app://evil/index.html', isMainWindowMainFrame: true }],
    [{ frameUrl: 'about:blank', isMainWindowMainFrame: true }],
    [{ frameUrl: 'devtools://devtools/x', isMainWindowMainFrame: true }],
  ])('refuses %o', (facts) => {
    expect(isTrustedSender(facts)).toBe(false);
  });

  it('compares scheme and host, since Node gives custom schemes an opaque origin', () => {
    expect(new URL(START_URL).origin).toBe('null');
    expect(isAppUrl(START_URL)).toBe(true);
  });
});

describe('content security policy', () => {
  it('is strict and sent as a header', () => {
    const directives = new Map(
      CONTENT_SECURITY_POLICY.split(';').map((d) => {
        const [name = '', ...values] = d.trim().split(/\s+/);
        return [name, values.join(' ')] as const;
      }),
    );
    expect(directives.get('default-src')).toBe("'none'");
    expect(directives.get('script-src')).toBe("'self'");
    expect(directives.get('style-src')).toBe("'self'");
    expect(directives.get('img-src')).toBe("'self' data:");
    expect(directives.get('connect-src')).toBe("'none'");
    expect(directives.get('object-src')).toBe("'none'");
    expect(directives.get('base-uri')).toBe("'none'");
    expect(directives.get('frame-ancestors')).toBe("'none'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-(inline|eval)|https?:|\*/);
    expect(SECURITY_HEADERS['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(SECURITY_HEADERS['X-Content-Type-Options']).toBe('nosniff');
  });
});

describe('folder dialog mode', () => {
  it('accepts create and open only', () => {
    expect(parseChooseMode('create')).toBe('create');
    expect(parseChooseMode('open')).toBe('open');
    for (const bad of ['save', '', null, undefined, 1, { mode: 'open' }]) expect(parseChooseMode(bad)).toBeNull();
  });
});
