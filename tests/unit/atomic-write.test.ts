/** Atomic writes: exclusive random temp file, no symlink followed, 0600, no leftovers; stale header temps discarded. */
import fs, { constants, existsSync, lstatSync, mkdirSync, openSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeExportFile } from '../../src/core/export/write-file';
import { tempNamePattern, tempPathFor, writeFileAtomic } from '../../src/core/fs/atomic';
import { discardStaleHeaderTemps, staleHeaderTemps, writeHeaderAtomic } from '../../src/core/vault/header';
import { cheapService, errorCodeSync, removeDir, tempDir } from '../fixtures/vault-helpers';

/** Makes fsync of a folder fail with EINVAL (as some FUSE file systems on removable drives do) until undone. */
function failFolderFsync(): () => void {
  const realOpen = fs.openSync;
  const realFsync = fs.fsyncSync;
  const folders = new Set<number>();
  fs.openSync = ((p: fs.PathLike, flags?: fs.OpenMode, mode?: fs.Mode) => {
    const fd = realOpen(p, flags ?? 'r', mode);
    if (fs.fstatSync(fd).isDirectory()) folders.add(fd);
    return fd;
  }) as typeof fs.openSync;
  fs.fsyncSync = ((fd: number) => {
    if (folders.delete(fd)) throw Object.assign(new Error('EINVAL: invalid argument, fsync'), { code: 'EINVAL' });
    realFsync(fd);
  }) as typeof fs.fsyncSync;
  syncBuiltinESMExports();
  return () => {
    fs.openSync = realOpen;
    fs.fsyncSync = realFsync;
    syncBuiltinESMExports();
  };
}

const dirs: string[] = [];
afterEach(() => {
  while (dirs.length) removeDir(dirs.pop()!);
});
const fresh = () => {
  const d = tempDir('fv-atomic-');
  dirs.push(d);
  return d;
};
const bytes = (s: string) => new TextEncoder().encode(s);
const posix = process.platform !== 'win32';

describe('writeFileAtomic', () => {
  it('writes a new file with mode 0600 and leaves nothing else in the folder', () => {
    const d = fresh();
    writeFileAtomic(join(d, 'out.md'), bytes('hello'), { what: 'writing the test file' });
    expect(readFileSync(join(d, 'out.md'), 'utf8')).toBe('hello');
    if (posix) expect(statSync(join(d, 'out.md')).mode & 0o777).toBe(0o600);
    expect(readdirSync(d)).toEqual(['out.md']);
  });

  it('replaces an existing file atomically (and writes large content whole)', () => {
    const d = fresh();
    writeFileSync(join(d, 'out.md'), 'old');
    const big = new Uint8Array(3 * 1024 * 1024).map((_, i) => i % 251);
    writeFileAtomic(join(d, 'out.md'), big, { what: 'writing' });
    expect(Buffer.compare(readFileSync(join(d, 'out.md')), Buffer.from(big))).toBe(0);
    expect(readdirSync(d)).toEqual(['out.md']);
  });

  it('the temp file has a random .<name>.<16 hex>.tmp name beside the target, mode 0600, and the target is untouched until the rename', () => {
    const d = fresh();
    writeFileSync(join(d, 'out.md'), 'old');
    const seen: string[] = [];
    const hook = () => {
      const temps = readdirSync(d).filter((f) => f !== 'out.md');
      expect(temps).toHaveLength(1);
      expect(temps[0]).toMatch(/^\.out\.md\.[0-9a-f]{16}\.tmp$/);
      expect(readFileSync(join(d, temps[0]!), 'utf8')).toBe('new');
      if (posix) expect(statSync(join(d, temps[0]!)).mode & 0o777).toBe(0o600);
      expect(readFileSync(join(d, 'out.md'), 'utf8')).toBe('old');
      seen.push(temps[0]!);
    };
    writeFileAtomic(join(d, 'out.md'), bytes('new'), { what: 'writing', afterTempWritten: hook });
    expect(readFileSync(join(d, 'out.md'), 'utf8')).toBe('new');
    writeFileSync(join(d, 'out.md'), 'old');
    writeFileAtomic(join(d, 'out.md'), bytes('new'), { what: 'writing', afterTempWritten: hook });
    expect(seen).toHaveLength(2);
    expect(seen[0]).not.toBe(seen[1]);
    expect(readFileSync(join(d, 'out.md'), 'utf8')).toBe('new');
    expect(tempNamePattern('out.md').test(seen[0]!)).toBe(true);
    expect(tempNamePattern('out.md').test('.outXmd.0123456789abcdef.tmp')).toBe(false);
  });

  it('a failure after the temp file was written removes it and leaves the target as it was', () => {
    const d = fresh();
    writeFileSync(join(d, 'out.md'), 'old');
    expect(() =>
      writeFileAtomic(join(d, 'out.md'), bytes('new'), {
        what: 'writing',
        afterTempWritten: () => {
          throw Object.assign(new Error('simulated'), { code: 'ENOSPC' });
        },
      }),
    ).toThrow(/disk is full/);
    expect(readdirSync(d)).toEqual(['out.md']);
    expect(readFileSync(join(d, 'out.md'), 'utf8')).toBe('old');
  });

  it.runIf(posix)('a folder fsync that fails after the rename does not report the write as failed (the file is replaced)', () => {
    const d = fresh();
    writeFileSync(join(d, 'out.md'), 'old');
    const restore = failFolderFsync();
    let result;
    try {
      result = writeFileAtomic(join(d, 'out.md'), bytes('new'), { what: 'writing' });
    } finally {
      restore();
    }
    expect(result).toEqual({ folderSynced: false });
    expect(readFileSync(join(d, 'out.md'), 'utf8')).toBe('new');
    expect(readdirSync(d)).toEqual(['out.md']);
  });

  it.runIf(posix)('a passphrase change on a folder that cannot be fsynced succeeds, is audited, and the new passphrase opens', async () => {
    const vault = join(fresh(), 'vault');
    const svc = cheapService();
    await svc.create(vault, 'folder fsync old passphrase');
    const restore = failFolderFsync();
    try {
      await svc.changePassphrase('folder fsync old passphrase', 'folder fsync new passphrase');
    } finally {
      restore();
    }
    expect(svc.auditLog().at(-1)?.action).toBe('passphrase changed');
    svc.lock();
    const again = cheapService();
    await again.unlock(vault, 'folder fsync new passphrase');
    again.lock();
  });

  it.runIf(posix)('refuses a target that is a symlink: neither the link nor what it points to changes', () => {
    const d = fresh();
    const elsewhere = join(fresh(), 'elsewhere.txt');
    writeFileSync(elsewhere, 'precious');
    symlinkSync(elsewhere, join(d, 'out.md'));
    let message = '';
    try {
      writeFileAtomic(join(d, 'out.md'), bytes('new'), { what: 'writing the export' });
    } catch (err) {
      expect((err as { code?: string }).code).toBe('invalid-request');
      message = (err as Error).message;
    }
    expect(message).toMatch(/symbolic link/);
    expect(message).toMatch(/Nothing was written/);
    expect(readFileSync(elsewhere, 'utf8')).toBe('precious');
    expect(lstatSync(join(d, 'out.md')).isSymbolicLink()).toBe(true);
    expect(readdirSync(d)).toEqual(['out.md']);
  });

  it.runIf(posix)('refuses a dangling symlink target too (it would create a file wherever it points)', () => {
    const d = fresh();
    const nowhere = join(fresh(), 'not-yet.txt');
    symlinkSync(nowhere, join(d, 'out.md'));
    expect(errorCodeSync(() => writeFileAtomic(join(d, 'out.md'), bytes('x'), { what: 'writing' }))).toBe('invalid-request');
    expect(existsSync(nowhere)).toBe(false);
  });

  it('refuses a target that is a folder', () => {
    const d = fresh();
    mkdirSync(join(d, 'out.md'));
    expect(errorCodeSync(() => writeFileAtomic(join(d, 'out.md'), bytes('x'), { what: 'writing' }))).toBe('invalid-request');
    expect(readdirSync(d)).toEqual(['out.md']);
  });

  it('a missing folder is a VaultError, not a raw exception', () => {
    const d = fresh();
    expect(errorCodeSync(() => writeFileAtomic(join(d, 'no', 'out.md'), bytes('x'), { what: 'writing' }))).toBe('internal');
  });

  it.runIf(posix)('the temp file is opened exclusively and without following links: a planted symlink at that name is never written through', () => {
    // The name is random, so this opens the way writeFileAtomic does against a name we planted ourselves.
    const d = fresh();
    const target = join(fresh(), 'victim.txt');
    writeFileSync(target, 'precious');
    const tmp = tempPathFor(join(d, 'out.md'));
    symlinkSync(target, tmp);
    const flags = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0);
    expect(() => openSync(tmp, flags, 0o600)).toThrow(expect.objectContaining({ code: 'EEXIST' }));
    expect(readFileSync(target, 'utf8')).toBe('precious');
  });
});

describe('writeExportFile', () => {
  it.runIf(posix)('refuses an export target that is a symlink', () => {
    const d = fresh();
    const elsewhere = join(fresh(), 'report.md');
    writeFileSync(elsewhere, 'other');
    symlinkSync(elsewhere, join(d, 'INT-0001-summary.md'));
    expect(errorCodeSync(() => writeExportFile(join(d, 'INT-0001-summary.md'), 'secret-free text'))).toBe('invalid-request');
    expect(readFileSync(elsewhere, 'utf8')).toBe('other');
  });

  it('writes through a temp file and leaves none behind', () => {
    const d = fresh();
    writeExportFile(join(d, 'INT-0001-summary.md'), 'text');
    expect(readdirSync(d)).toEqual(['INT-0001-summary.md']);
  });
});

describe('header temp files', () => {
  it('writeHeaderAtomic uses a random .fieldvault.header.<hex>.tmp name, which staleHeaderTemps finds', () => {
    const d = fresh();
    const header = join(d, 'fieldvault.header');
    let found: string[] = [];
    writeHeaderAtomic(header, new Uint8Array(128).fill(7), { afterTempWritten: () => (found = staleHeaderTemps(header)) });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/[\\/]\.fieldvault\.header\.[0-9a-f]{16}\.tmp$/);
    expect(staleHeaderTemps(header)).toEqual([]);
    expect(readFileSync(header)).toHaveLength(128);
  });

  it('discardStaleHeaderTemps removes new-style and old fixed-name leftovers, nothing else, and never follows a symlink', () => {
    const d = fresh();
    const header = join(d, 'fieldvault.header');
    writeFileSync(header, 'HEADER');
    writeFileSync(join(d, 'fieldvault.db'), 'DB');
    writeFileSync(join(d, 'fieldvault.header.tmp'), 'old style');
    writeFileSync(join(d, '.fieldvault.header.0123456789abcdef.tmp'), 'new style');
    writeFileSync(join(d, '.fieldvault.header.fedcba9876543210.tmp'), 'new style 2');
    writeFileSync(join(d, '.fieldvault.header.short.tmp'), 'not ours');
    writeFileSync(join(d, 'notes.tmp'), 'not ours');
    mkdirSync(join(d, '.fieldvault.header.aaaaaaaaaaaaaaaa.tmp'));
    const outside = join(fresh(), 'outside.txt');
    writeFileSync(outside, 'keep me');
    if (posix) symlinkSync(outside, join(d, '.fieldvault.header.bbbbbbbbbbbbbbbb.tmp'));

    discardStaleHeaderTemps(header);

    expect(readdirSync(d).sort()).toEqual(['.fieldvault.header.aaaaaaaaaaaaaaaa.tmp', '.fieldvault.header.short.tmp', 'fieldvault.db', 'fieldvault.header', 'notes.tmp']);
    expect(readFileSync(outside, 'utf8')).toBe('keep me');
    expect(readFileSync(header, 'utf8')).toBe('HEADER');
  });

  it('discardStaleHeaderTemps is quiet when there is nothing to discard or no folder', () => {
    const d = fresh();
    expect(() => discardStaleHeaderTemps(join(d, 'fieldvault.header'))).not.toThrow();
    expect(() => discardStaleHeaderTemps(join(d, 'gone', 'fieldvault.header'))).not.toThrow();
  });
});
