import { describe, expect, it } from 'vitest';
import { APPIMAGE_UNSANDBOXED_MESSAGE, linuxSandboxEvidence, metricsSandboxEvidence, parseProcStatus, startRefusal, switchNames, type StartFacts } from '../../electron/main/policy';

const EXE = '/opt/Fieldvault/fieldvault';
const facts = (argv: readonly string[], more: Partial<StartFacts> = {}): StartFacts => ({
  isPackaged: true,
  platform: 'linux',
  argv: [EXE, ...argv],
  hasSwitch: () => false,
  ...more,
});

describe('switches a packaged build refuses', () => {
  it.each([
    ['--remote-debugging-port=9222', 'remote-debugging-port'],
    ['--remote-debugging-pipe', 'remote-debugging-pipe'],
    ['--inspect', 'inspect'],
    ['--inspect=0.0.0.0:9229', 'inspect'],
    ['--inspect-brk', 'inspect-brk'],
    ['--inspect-port=9230', 'inspect-port'],
    ['--inspect_brk', 'inspect-brk'],
    ['--inspect-brk-node', 'inspect-brk-node'],
    ['--debug-port=5858', 'debug-port'],
    ['--js-flags=--allow-natives-syntax', 'js-flags'],
    ['--no-sandbox', 'no-sandbox'],
    ['-no-sandbox', 'no-sandbox'],
    ['--NO-SANDBOX', 'no-sandbox'],
    ['--disable-gpu-sandbox', 'disable-gpu-sandbox'],
    ['--disable-seccomp-filter-sandbox', 'disable-seccomp-filter-sandbox'],
    ['--no-zygote', 'no-zygote'],
    ['--single-process', 'single-process'],
    ['--disable-web-security', 'disable-web-security'],
    ['--enable-logging=file', 'enable-logging'],
    ['--renderer-cmd-prefix=gdb --args', 'renderer-cmd-prefix'],
    ['--wait-for-debugger-children', 'wait-for-debugger-children'],
    ['--renderer-startup-dialog', 'renderer-startup-dialog'],
  ])('%s', (arg, name) => {
    const refusal = startRefusal(facts([arg]));
    expect(refusal?.switches).toEqual([name]);
    expect(refusal?.message).toContain(`--${name}`);
  });

  it('an AppImage started without the sandbox by its own launcher points to the .deb, not to "no extra options"', () => {
    const refusal = startRefusal(facts(['--no-sandbox'], { appImage: true }));
    expect(refusal?.switches).toEqual(['no-sandbox']);
    expect(refusal?.message).toBe(APPIMAGE_UNSANDBOXED_MESSAGE);
    // With anything else given too, the usual message names every option.
    expect(startRefusal(facts(['--no-sandbox', '--inspect'], { appImage: true }))?.message).toMatch(/--inspect/);
    expect(startRefusal(facts(['--no-sandbox']))?.message).not.toBe(APPIMAGE_UNSANDBOXED_MESSAGE);
  });

  it('explains in plain words, naming every switch once', () => {
    const refusal = startRefusal(facts(['--no-sandbox', '--remote-debugging-port=9222', '--no-sandbox']));
    expect(refusal?.switches).toEqual(['no-sandbox', 'remote-debugging-port']);
    expect(refusal?.message).toMatch(/^Fieldvault will not start with --no-sandbox, --remote-debugging-port\./);
    expect(refusal?.message).toContain('read the vault’s keys');
    expect(refusal?.message).toContain('sandbox');
    expect(refusal?.message).toContain('without extra options');
  });

  it('reads Windows "/switch" spelling on Windows only, where Chromium does', () => {
    expect(startRefusal(facts(['/remote-debugging-port=9222'], { platform: 'win32' }))?.switches).toEqual(['remote-debugging-port']);
    expect(startRefusal(facts(['/remote-debugging-port=9222'], { platform: 'linux' }))).toBeNull();
  });

  it('also asks Chromium, which sees switches the argument list may spell differently', () => {
    const asked: string[] = [];
    const refusal = startRefusal(
      facts([], {
        hasSwitch: (name) => {
          asked.push(name);
          return name === 'remote-debugging-pipe' || name === 'disable-gpu-sandbox';
        },
      }),
    );
    expect(refusal?.switches).toEqual(['disable-gpu-sandbox', 'remote-debugging-pipe']);
    expect(asked).toEqual(expect.arrayContaining(['no-sandbox', 'inspect', 'remote-debugging-port', 'js-flags']));
  });

  it('a throwing hasSwitch does not stop the argument check', () => {
    const refusal = startRefusal(
      facts(['--inspect'], {
        hasSwitch: () => {
          throw new Error('not available');
        },
      }),
    );
    expect(refusal?.switches).toEqual(['inspect']);
  });

  it('starts with ordinary arguments, and ignores everything after "--" and the executable itself', () => {
    expect(startRefusal(facts([]))).toBeNull();
    expect(startRefusal(facts(['--lang=ru', '--ozone-platform-hint=auto', '--enable-features=WaylandWindowDecorations', '--disable-gpu', '-psn_0_12345']))).toBeNull();
    expect(startRefusal(facts(['--', '--inspect']))).toBeNull();
    expect(startRefusal({ ...facts([]), argv: ['--inspect'] })).toBeNull();
  });

  it('development builds accept everything (developers debug them)', () => {
    expect(startRefusal(facts(['--inspect', '--no-sandbox'], { isPackaged: false, hasSwitch: () => true }))).toBeNull();
  });

  it('reads switch names the way Chromium and Node do', () => {
    expect(switchNames(['--a=1', '-b', 'c', '--D_e', '--', '--f'], 'linux')).toEqual(['a', 'b', 'd-e']);
    expect(switchNames(['/a', 'C:\\x'], 'win32')).toEqual(['a']);
  });
});

const status = (nspid: string, seccomp: number, filters?: number) =>
  ['Name:\tfieldvault', 'State:\tS (sleeping)', `NSpid:\t${nspid}`, 'NoNewPrivs:\t1', `Seccomp:\t${seccomp}`, ...(filters === undefined ? [] : [`Seccomp_filters:\t${filters}`]), 'Cpus_allowed:\tff'].join('\n');

describe('is the renderer really sandboxed (Linux /proc)', () => {
  it('reads the fields', () => {
    expect(parseProcStatus(status('4242\t3', 2, 4))).toEqual({ pidNamespaces: 2, seccompMode: 2, seccompFilters: 4 });
    expect(parseProcStatus('Name:\tx\n')).toEqual({ pidNamespaces: null, seccompMode: null, seccompFilters: null });
  });

  it('sandboxed: one PID namespace deeper than main and more seccomp filters', () => {
    expect(linuxSandboxEvidence(parseProcStatus(status('1000', 0, 0)), parseProcStatus(status('1042\t7', 2, 2)))).toBe('sandboxed');
    // inside a container or Flatpak every process has a filter: more than main's still counts
    expect(linuxSandboxEvidence(parseProcStatus(status('1000\t12', 2, 1)), parseProcStatus(status('1042\t50\t7', 2, 3)))).toBe('sandboxed');
    // kernels before 5.9 have no filter count: the mode must go from 0 to 2
    expect(linuxSandboxEvidence(parseProcStatus(status('1000', 0)), parseProcStatus(status('1042\t7', 2)))).toBe('sandboxed');
  });

  it('unsandboxed: same PID namespace as main (--no-sandbox), no seccomp, or no filter of its own', () => {
    expect(linuxSandboxEvidence(parseProcStatus(status('1000', 0, 0)), parseProcStatus(status('1042', 0, 0)))).toBe('unsandboxed');
    expect(linuxSandboxEvidence(parseProcStatus(status('1000', 0, 0)), parseProcStatus(status('1042\t7', 0, 0)))).toBe('unsandboxed');
    expect(linuxSandboxEvidence(parseProcStatus(status('1000\t12', 2, 1)), parseProcStatus(status('1042\t50\t7', 2, 1)))).toBe('unsandboxed');
  });

  it('unknown when the fields are missing or cannot be compared', () => {
    expect(linuxSandboxEvidence(parseProcStatus(''), parseProcStatus(status('1042\t7', 2, 2)))).toBe('unknown');
    expect(linuxSandboxEvidence(parseProcStatus(status('1000\t12', 2)), parseProcStatus(status('1042\t50\t7', 2)))).toBe('unknown');
  });

  it('the real /proc of this test process: main and "renderer" are the same process, so not sandboxed', async () => {
    const { readFileSync, existsSync } = await import('node:fs');
    if (!existsSync('/proc/self/status')) return;
    const self = parseProcStatus(readFileSync('/proc/self/status', 'utf8'));
    expect(self.pidNamespaces).toBeGreaterThanOrEqual(1);
    expect(linuxSandboxEvidence(self, self)).toBe('unsandboxed');
  });
});

describe('is the renderer really sandboxed (macOS, Windows metrics)', () => {
  it('uses the renderer’s own entry', () => {
    const metrics = [
      { pid: 1, sandboxed: false },
      { pid: 2, sandboxed: true },
      { pid: 3 },
    ];
    expect(metricsSandboxEvidence(metrics, 2)).toBe('sandboxed');
    expect(metricsSandboxEvidence([{ pid: 2, sandboxed: false }], 2)).toBe('unsandboxed');
    expect(metricsSandboxEvidence(metrics, 3)).toBe('unknown');
    expect(metricsSandboxEvidence(metrics, 9)).toBe('unknown');
  });
});
