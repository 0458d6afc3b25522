/** Vaults and exports live on this computer's own disks: network shares and device paths are refused. */
import { existsSync, mkdirSync, readdirSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { exportTarget, writeExportFile } from '../../src/core/export/write-file';
import {
  assertLocalLocation,
  classifyPathSyntax,
  findMount,
  isNetworkMount,
  locateExistingVault,
  onNetworkFileSystem,
  prepareNewVault,
  refuseNonLocalSpelling,
  vaultPaths,
} from '../../src/core/vault/layout';
import { cheapService, errorCode, errorCodeSync, removeDir, tempDir } from '../fixtures/vault-helpers';

const dirs: string[] = [];
afterEach(() => {
  while (dirs.length) removeDir(dirs.pop()!);
});
const fresh = () => {
  const d = tempDir('fv-paths-');
  dirs.push(d);
  return d;
};

const NETWORK = [
  '\\\\host\\share\\vault',
  '\\\\host\\share',
  '//host/share/vault',
  '\\/host/share',
  '/\\host\\share',
  '\\\\?\\UNC\\host\\share\\vault',
  '//?/UNC/host/share',
  '\\\\.\\UNC\\host\\share',
  '\\\\server@SSL\\DavWWWRoot\\vault',
  'smb://host/share/vault',
  'sftp://me@host/home/me/vault',
  'file://host/share/vault',
  'nfs://host/export',
];
const DEVICE = ['\\\\?\\C:\\Users\\me\\vault', '\\\\.\\PhysicalDrive0', '\\\\.\\C:\\vault', '//./COM1', '\\??\\C:\\vault', '\\\\?\\'];
const ORDINARY = ['C:\\Users\\me\\vault', 'C:/Users/me/vault', 'D:vault', '/home/me/vault', '~/vault', '~\\vault', 'vault', './vault', '../x/vault', 'E:\\'];

describe('classifyPathSyntax', () => {
  for (const p of NETWORK) it(`network: ${p}`, () => expect(classifyPathSyntax(p)).toBe('network'));
  for (const p of DEVICE) it(`device: ${p}`, () => expect(classifyPathSyntax(p)).toBe('device'));
  for (const p of ORDINARY) it(`ordinary: ${p}`, () => expect(classifyPathSyntax(p)).toBe('ordinary'));
});

describe('vaults on network shares are refused with invalid-request and a clear reason', () => {
  const refusal = (fn: () => unknown): string => {
    try {
      fn();
    } catch (err) {
      expect((err as { code?: string }).code).toBe('invalid-request');
      return (err as Error).message;
    }
    return '';
  };

  for (const p of NETWORK) {
    it(`vaultPaths, locateExistingVault and prepareNewVault refuse ${p}`, () => {
      for (const fn of [vaultPaths, locateExistingVault, prepareNewVault]) {
        const msg = refusal(() => fn(p));
        expect(msg).toMatch(/this computer's own disks or on a removable drive, not on a network share/);
        expect(msg).toMatch(/locking/);
        expect(msg).toMatch(/copies of it on the server/);
      }
    });
  }
  for (const p of DEVICE) {
    it(`device path ${p} is refused`, () => {
      expect(refusal(() => locateExistingVault(p))).toMatch(/Device paths .* are not accepted.*own disks or a removable drive/);
    });
  }

  it('refuses before touching the file system: //host/share is not looked up as /host/share', () => {
    // On Linux //host/share/v would resolve to /host/share/v, which does not exist: vault-not-found would mean it was stat-ed.
    expect(errorCodeSync(() => locateExistingVault('//host/share/v'))).toBe('invalid-request');
  });

  it('create and unlock through the service refuse a UNC path (and create makes nothing)', async () => {
    const svc = cheapService();
    expect(await errorCode(() => svc.create('\\\\host\\share\\vault', 'a long enough passphrase'))).toBe('invalid-request');
    expect(await errorCode(() => svc.unlock('//host/share/vault', 'a long enough passphrase'))).toBe('invalid-request');
    expect(svc.status().state).toBe('locked');
  });

  it('ordinary local folders are accepted: absolute, relative, ~', () => {
    const d = fresh();
    expect(vaultPaths(join(d, 'v')).dir).toBe(join(d, 'v'));
    expect(prepareNewVault(join(d, 'new', 'deeper')).dir).toBe(join(d, 'new', 'deeper'));
    expect(() => vaultPaths('relative/vault')).not.toThrow();
    expect(() => vaultPaths('~/fieldvault-paths-test-does-not-exist')).not.toThrow();
  });
});

describe('exports to network shares', () => {
  it('writeExportFile refuses UNC, device and URL destinations, and writes nothing', () => {
    for (const p of ['\\\\host\\share\\INT-0001.md', '//host/share/INT-0001.md', '\\\\?\\UNC\\host\\share\\x.md', '\\\\?\\C:\\x.md', 'smb://host/share/x.md']) {
      let message = '';
      try {
        writeExportFile(p, 'text');
      } catch (err) {
        expect((err as { code?: string }).code).toBe('invalid-request');
        message = (err as Error).message;
      }
      expect(message, p).toMatch(/^(Exports must be written to this computer's own disks|Device paths)/);
      expect(message).toMatch(/Nothing was written/);
    }
  });

  it('writeExportFile writes to a local folder', () => {
    const d = fresh();
    writeExportFile(join(d, 'INT-0001-summary.md'), 'hello');
    expect(() => realpathSync(join(d, 'INT-0001-summary.md'))).not.toThrow();
  });
});

describe('every path that comes in is judged by its spelling before it is resolved', () => {
  // path.resolve('\\\\host\\share') is /cwd/\\host\\share on Linux and resolve('//host/x') is /host/x: a check
  // after resolving never sees the share. These are the spellings the command line passed on resolved.
  const SPELLINGS = [...NETWORK, ...DEVICE, '\\\\.\\pipe\\x', 'file:///home/me/x', 'https://example.org/x'];
  for (const purpose of ['vault', 'export', 'travel', 'source'] as const) {
    it(`refuseNonLocalSpelling(${purpose}) refuses every network, device and URL spelling`, () => {
      for (const p of SPELLINGS) expect(errorCodeSync(() => refuseNonLocalSpelling(p, purpose)), p).toBe('invalid-request');
    });
  }
  it('returns ordinary paths made absolute (~ expanded)', () => {
    expect(refuseNonLocalSpelling('x/y.md', 'export')).toBe(join(process.cwd(), 'x/y.md'));
    expect(refuseNonLocalSpelling('/tmp/a.md', 'export')).toBe('/tmp/a.md');
    expect(refuseNonLocalSpelling('~/a.md', 'source')).not.toMatch(/~/);
  });
  it('travel packages: network spellings are refused, and the message does not invite a network folder', () => {
    let message = '';
    try {
      refuseNonLocalSpelling('\\\\host\\share\\trip.fvtravel', 'travel');
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toMatch(/not to a network share/);
    expect(message).toMatch(/Nothing left the vault/);
  });

  it('the core operations that write or read a file refuse network and device paths themselves (the app is covered too)', async () => {
    const d = fresh();
    const svc = cheapService();
    await svc.create(join(d, 'v'), 'a long enough passphrase for this test');
    const refused = async (fn: () => Promise<unknown>): Promise<string> => {
      try {
        await fn();
      } catch (err) {
        return (err as Error).message;
      }
      return 'accepted';
    };
    const byLocation = /not (to|from|on) a network share|Device paths/;
    for (const p of ['\\\\host\\share\\x', '//host/share/x', 'smb://host/share/x', '\\\\?\\C:\\x', '\\\\.\\pipe\\x']) {
      expect(await refused(() => svc.travelStart(`${p}.fvtravel`, [], [])), `travel start ${p}`).toMatch(byLocation);
      expect(await refused(() => svc.travelEnd(`${p}.fvtravel`, 'code')), `travel end ${p}`).toMatch(byLocation);
      expect(await refused(() => svc.travelReissue(`${p}.fvtravel`, join(d, 'new.fvtravel'))), `travel reissue ${p}`).toMatch(byLocation);
      expect(await refused(() => svc.createBackup(`${p}.fvbk`)), `backup ${p}`).toMatch(byLocation);
      expect(await refused(() => svc.openReceived(`${p}.fvb`)), `open ${p}`).toMatch(byLocation);
      expect(await refused(() => svc.restoreBackup(`${p}.fvbk`, join(d, 'r'), 'a long enough passphrase for this test')), `restore from ${p}`).toMatch(byLocation);
    }
    svc.lock();
    expect(readdirSync(d)).toEqual(['v']);
  });
});

describe('exportTarget: the format\'s extension is added only to a new file name', () => {
  it('adds it to a name without it, keeps a matching one, and refuses to put it beside a device or folder', () => {
    const d = fresh();
    expect(exportTarget(join(d, 'report'), 'md')).toBe(join(d, 'report.md'));
    expect(exportTarget(join(d, 'report.MD'), 'md')).toBe(join(d, 'report.MD'));
    writeFileSync(join(d, 'old.txt'), 'x');
    expect(exportTarget(join(d, 'old.txt'), 'md')).toBe(join(d, 'old.txt.md'));
    expect(errorCodeSync(() => exportTarget(d, 'md'))).toBe('invalid-request');
    if (existsSync('/dev/full')) expect(errorCodeSync(() => exportTarget('/dev/full', 'md'))).toBe('invalid-request');
    expect(errorCodeSync(() => exportTarget('\\\\host\\share\\x', 'md'))).toBe('invalid-request');
  });
});

// --- Linux mount table --------------------------------------------------------------------------------------

const MOUNTINFO = [
  '22 27 0:21 / /proc rw,relatime - proc proc rw',
  '27 1 254:0 / / rw,relatime - ext4 /dev/vda rw',
  '40 27 0:40 / /mnt/nas rw,relatime - nfs4 nas.example:/export rw,vers=4.2',
  '41 40 8:17 / /mnt/nas/usb rw,relatime - ext4 /dev/sdb1 rw',
  '42 27 0:42 / /media/me/my\\040share rw - cifs //fileserver/team rw',
  '43 27 0:43 / /home/me/remote rw - fuse.sshfs me@host:/home/me rw',
  '44 27 0:44 / /run/user/1000/gvfs rw - fuse.gvfsd-fuse gvfsd-fuse rw',
  '45 27 0:45 / /mnt/c rw - 9p drvfs rw',
  '46 27 8:33 / /media/me/STICK rw - fuseblk /dev/sdc1 rw',
  '47 27 0:47 / /mnt/dav rw - fuse https://dav.example/remote.php rw',
  '48 27 0:48 / /mnt/over rw - nfs host:/x rw',
  '49 27 0:49 / /mnt/over rw - ext4 /dev/sdd1 rw',
  '50 27 0:50 / /mnt/smb3 rw - smb3 //srv/x rw',
].join('\n');

describe('findMount / isNetworkMount (mountinfo)', () => {
  const net = (p: string) => {
    const m = findMount(MOUNTINFO, p);
    return m !== null && isNetworkMount(m, p);
  };
  it('finds the mount with the longest mount-point prefix, by whole components', () => {
    expect(findMount(MOUNTINFO, '/mnt/nas/vault')).toMatchObject({ mountPoint: '/mnt/nas', fsType: 'nfs4' });
    expect(findMount(MOUNTINFO, '/mnt/nas')).toMatchObject({ fsType: 'nfs4' });
    expect(findMount(MOUNTINFO, '/mnt/nasty/vault')).toMatchObject({ mountPoint: '/', fsType: 'ext4' });
    expect(findMount(MOUNTINFO, '/mnt/nas/usb/vault')).toMatchObject({ mountPoint: '/mnt/nas/usb', fsType: 'ext4' });
    expect(findMount(MOUNTINFO, '/media/me/my share/v')).toMatchObject({ fsType: 'cifs', source: '//fileserver/team' });
    // Mounted twice at the same point: the later mount is the one in effect.
    expect(findMount(MOUNTINFO, '/mnt/over/v')).toMatchObject({ fsType: 'ext4' });
    expect(findMount('', '/x')).toBeNull();
    expect(findMount('garbage line\n\n1 2 3', '/x')).toBeNull();
  });
  it('network: nfs4, cifs (escaped mount point), smb3, sshfs, gvfs smb/sftp shares, FUSE with a URL source', () => {
    expect(net('/mnt/nas/vault')).toBe(true);
    expect(net('/media/me/my share/vault')).toBe(true);
    expect(net('/mnt/smb3/v')).toBe(true);
    expect(net('/home/me/remote/vault')).toBe(true);
    expect(net('/run/user/1000/gvfs/smb-share:server=fs,share=team/vault')).toBe(true);
    expect(net('/run/user/1000/gvfs/sftp:host=example.org/home/me')).toBe(true);
    expect(net('/mnt/dav/vault')).toBe(true);
  });
  it('local: the root disk, a USB disk mounted inside a share, WSL 9p, fuseblk (ntfs-3g), gvfs MTP, the later ext4 over nfs', () => {
    expect(net('/home/me/vault')).toBe(false);
    expect(net('/mnt/nas/usb/vault')).toBe(false);
    expect(net('/mnt/c/Users/me/vault')).toBe(false);
    expect(net('/media/me/STICK/vault')).toBe(false);
    expect(net('/run/user/1000/gvfs/mtp:host=phone/x')).toBe(false);
    expect(net('/mnt/over/v')).toBe(false);
  });
  it('without /proc it falls back to statfs and never throws', () => {
    const d = fresh();
    expect(onNetworkFileSystem(d, null)).toBe(false);
    expect(onNetworkFileSystem('/does/not/exist', null)).toBe(false);
  });
  it('reads the real /proc/self/mountinfo here: the temp folder is local', () => {
    expect(onNetworkFileSystem(realpathSync(fresh()))).toBe(false);
  });
});

describe('assertLocalLocation: the real location counts, not the spelling', () => {
  const nfsAt = (dir: string) => `27 1 254:0 / / rw - ext4 /dev/vda rw\n40 27 0:40 / ${dir.replace(/ /g, '\\040')} rw - nfs4 nas:/export rw`;

  it('a folder on an NFS mount is refused on Linux, also a vault folder that does not exist yet inside it', () => {
    const share = realpathSync(fresh());
    const probe = { platform: 'linux' as const, mountinfo: nfsAt(share) };
    expect(errorCodeSync(() => assertLocalLocation(share, 'vault', probe))).toBe('invalid-request');
    expect(errorCodeSync(() => assertLocalLocation(join(share, 'not', 'yet', 'vault'), 'vault', probe))).toBe('invalid-request');
    // The same table on another platform is not consulted.
    expect(() => assertLocalLocation(share, 'vault', { platform: 'darwin', mountinfo: nfsAt(share) })).not.toThrow();
  });

  it('a symlink on a local disk that points into the share is refused (realpath)', () => {
    const share = realpathSync(fresh());
    const local = realpathSync(fresh());
    mkdirSync(join(share, 'vaults'));
    symlinkSync(join(share, 'vaults'), join(local, 'link'));
    const probe = { platform: 'linux' as const, mountinfo: nfsAt(share) };
    expect(errorCodeSync(() => assertLocalLocation(join(local, 'link', 'v'), 'vault', probe))).toBe('invalid-request');
    expect(() => assertLocalLocation(join(local, 'v'), 'vault', probe)).not.toThrow();
  });

  it('export messages speak of exports', () => {
    const share = realpathSync(fresh());
    writeFileSync(join(share, 'x'), '');
    try {
      assertLocalLocation(join(share, 'INT-0001.md'), 'export', { platform: 'linux', mountinfo: nfsAt(share) });
      expect.unreachable();
    } catch (err) {
      expect((err as Error).message).toMatch(/^Exports must be written to this computer's own disks or to a removable drive, not to a network share/);
    }
  });

  it('an unreadable mount table (no /proc) does not block a local folder', () => {
    expect(() => assertLocalLocation(fresh(), 'vault', { platform: 'linux', mountinfo: null })).not.toThrow();
  });
});
