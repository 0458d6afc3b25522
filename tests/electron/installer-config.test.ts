import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The installer settings in electron-builder.yml, checked against electron-builder 26's own code where it decides
 * (the AppImage's launch command, the NSIS uninstaller) and against the better-sqlite3 binary the deb carries.
 * No Electron binary and no network needed.
 */
const root = fileURLToPath(new URL('../../', import.meta.url));
const require = createRequire(import.meta.url);
const builderRequire = createRequire(require.resolve('app-builder-lib/package.json'));
const yaml = builderRequire('js-yaml') as { load(text: string): unknown };

interface BuilderConfig {
  readonly files: readonly string[];
  readonly linux: Record<string, unknown> & { readonly target: readonly string[] };
  readonly appImage?: Record<string, unknown>;
  readonly deb: { readonly depends: readonly string[] };
  readonly nsis: Record<string, unknown>;
  readonly mac: Record<string, unknown>;
  readonly win: Record<string, unknown>;
}
const config = yaml.load(readFileSync(`${root}electron-builder.yml`, 'utf8')) as BuilderConfig;

/** The Exec line electron-builder 26 writes into the AppImage's desktop entry for a configuration. */
async function appImageExec(cfg: BuilderConfig): Promise<string> {
  const AppImageTarget = (require('app-builder-lib/out/targets/appimage/AppImageTarget.js') as { default: new (...args: unknown[]) => { desktopEntry: { value: Promise<string> } } }).default;
  const packager = { platformSpecificBuildOptions: cfg.linux, config: cfg, appInfo: { buildVersion: '0.1.0' } };
  const helper = { computeDesktopEntry: (_options: unknown, exec: string) => Promise.resolve(exec) };
  return new AppImageTarget(null, packager, helper, '/nonexistent').desktopEntry.value;
}

/** The newest version of a symbol-version family (GLIBC_2.34, GLIBCXX_3.4.29) a binary asks for. */
function newestSymbolVersion(binary: Buffer, family: 'GLIBC' | 'GLIBCXX'): number[] {
  const versions = [...binary.toString('latin1').matchAll(new RegExp(`\\b${family}_(\\d+(?:\\.\\d+)+)\\b`, 'g'))].map((m) => m[1]!.split('.').map(Number));
  const compare = (a: number[], b: number[]) => {
    for (let i = 0; i < Math.max(a.length, b.length); i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) - (b[i] ?? 0);
    return 0;
  };
  return versions.sort(compare).pop() ?? [];
}

describe('Linux packages', () => {
  it('the deb comes first; the AppImage does not put --no-sandbox in its launch command', async () => {
    expect(config.linux.target[0]).toBe('deb');
    expect(await appImageExec(config)).toBe('AppRun %U');
    // Without executableArgs, electron-builder 26 adds the flag itself: this is what the setting prevents.
    expect(await appImageExec({ ...config, appImage: {} })).toBe('AppRun --no-sandbox %U');
  });

  it("documents the limit: electron-builder's AppRun still adds --no-sandbox where user namespaces are unavailable", () => {
    const { generateAppRunScript } = require('app-builder-lib/out/targets/appimage/appImageUtil.js') as { generateAppRunScript(config: Record<string, string>): string };
    const script = generateAppRunScript({ DesktopFileName: 'fieldvault.desktop', ExecutableName: 'fieldvault', ProductName: 'Fieldvault', ProductFilename: 'Fieldvault', ResourceName: 'appimagekit-fieldvault' });
    // If this changes (a switch to turn it off), revisit electron-builder.yml's appImage section and README.
    expect(script).toContain('unshare -Ur true');
    expect(script).toContain('NO_SANDBOX=(--no-sandbox)');
  });

  it("the deb's glibc and libstdc++ requirements match what the prebuilt better-sqlite3 asks for", () => {
    const binary = readFileSync(`${root}node_modules/better-sqlite3/prebuilds/linux-x64.node`);
    const glibc = newestSymbolVersion(binary, 'GLIBC');
    const glibcxx = newestSymbolVersion(binary, 'GLIBCXX');
    expect(glibc.length).toBeGreaterThan(1);
    expect(config.deb.depends).toContain(`libc6 (>= ${glibc.join('.')})`);
    // GLIBCXX_3.4.29 came with GCC 11's libstdc++ (libstdc++6 11.x); anything newer needs the depends raised.
    expect(glibcxx.join('.')).toBe('3.4.29');
    expect(config.deb.depends).toContain('libstdc++6 (>= 11)');
    for (const lib of ['libgtk-3-0 | libgtk-3-0t64', 'libnss3', 'libgbm1', 'libasound2 | libasound2t64', 'libxss1', 'xdg-utils']) expect(config.deb.depends).toContain(lib);
  });

  it('keeps every file pattern at the top level (a platform-level `files` list makes electron-builder 26 drop them)', () => {
    for (const platform of [config.linux, config.mac, config.win]) expect(platform.files).toBeUndefined();
    expect(config.files).toContain('!**/node_modules/better-sqlite3/prebuilds/!(${platform}-${arch}).node');
  });
});

describe('Windows uninstaller', () => {
  it("removes the app's own app-data entries and never the whole folder", () => {
    expect(config.nsis.oneClick).toBe(false);
    expect(config.nsis.deleteAppDataOnUninstall).toBe(false);
    expect(config.nsis.include).toBe('resources/installer.nsh');
    const script = readFileSync(`${root}resources/installer.nsh`, 'utf8');
    const code = script
      .split('\n')
      .filter((line) => !line.trim().startsWith(';'))
      .join('\n');
    expect(code).toMatch(/!macro customUnInstall[\s\S]*\$\{ifNot\} \$\{isUpdated\}[\s\S]*!macroend/);
    for (const entry of ['Local State', 'Preferences', 'GPUCache', 'Crashpad', 'Partitions']) expect(code).toContain(`fieldvaultRemoveAppDataEntry "${entry}"`);
    // Recursive removal only below an entry name; the folder itself only when empty.
    expect(code).toContain('RMDir /r "$APPDATA\\${PRODUCT_FILENAME}\\${NAME}"');
    expect(code).toContain('RMDir "$APPDATA\\${PRODUCT_FILENAME}"');
    expect(code).not.toMatch(/RMDir \/r "\$APPDATA\\\$\{PRODUCT_FILENAME\}"/);
  });

  it("matches electron-builder's template: the built-in option would `RMDir /r` the whole folder, in assisted installers too", () => {
    const template = readFileSync(require.resolve('app-builder-lib/templates/nsis/uninstaller.nsh'), 'utf8');
    expect(template).toContain('!ifdef DELETE_APP_DATA_ON_UNINSTALL');
    expect(template).toContain('RMDir /r "$APPDATA\\${APP_FILENAME}"');
    expect(template).toContain('!insertmacro customUnInstall');
  });
});

describe('macOS', () => {
  it('signs with the hardened runtime and one entitlement, allow-jit', () => {
    expect(config.mac.hardenedRuntime).toBe(true);
    expect(config.mac.entitlements).toBe('resources/entitlements.mac.plist');
    expect(config.mac.entitlementsInherit).toBe('resources/entitlements.mac.plist');
    expect(config.mac.minimumSystemVersion).toBe('13.0');
    const plist = readFileSync(`${root}resources/entitlements.mac.plist`, 'utf8').replace(/<!--[\s\S]*?-->/g, '');
    expect([...plist.matchAll(/<key>([^<]*)<\/key>\s*<(\w+)\s*\/>/g)].map((m) => [m[1], m[2]])).toEqual([['com.apple.security.cs.allow-jit', 'true']]);
  });
});

describe('resources', () => {
  it('every file the configuration names exists', () => {
    for (const file of ['resources/installer.nsh', 'resources/entitlements.mac.plist', 'resources/icon.png', 'scripts/electron-builder-hooks.mjs']) expect(existsSync(`${root}${file}`), file).toBe(true);
  });
});
