import { existsSync, readdirSync, readFileSync, realpathSync, statfsSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { VaultError } from '../errors';

/** A vault is a folder holding a 128-byte header and an SQLite file of ciphertext. */
export const HEADER_FILE = 'fieldvault.header';
export const DATABASE_FILE = 'fieldvault.db';

export interface VaultPaths {
  readonly dir: string;
  readonly header: string;
  readonly database: string;
}

/** "~/Documents/x" means the user's home folder in every front end (app, preview, CLI). */
export function expandHome(path: string): string {
  return path === '~' || path.startsWith('~/') || path.startsWith('~\\') ? join(homedir(), path.slice(1)) : path;
}

/**
 * Whether `target` (a file that may not exist yet) lies in `folder` or below it, by its path as given and by
 * the real path of its parent folder (a symlinked folder, `..`, another spelling of the same place). Used to
 * keep what must leave the vault folder (travel packages, backups) out of it.
 */
export function liesInside(folder: string, target: string): boolean {
  const real = realOrSelf(folder);
  const inside = (p: string) => {
    const rel = relative(real, p);
    return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
  };
  const abs = resolve(target);
  return inside(abs) || inside(resolve(realOrSelf(dirname(abs)), abs.split(sep).pop()!));
}

function realOrSelf(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return p;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Local disks only. A vault or an export on a network share is refused: network file systems do not honour
// SQLite's locking (two machines can open the vault at once and corrupt it), and the server keeps its own
// copies (snapshots, backups, caches) that Fieldvault can never remove. Refused, before the path is touched:
//   - UNC paths \\host\share and //host/share (also mixed slashes), \\?\UNC\host\share, \\.\UNC\...
//   - Win32 device and NT object paths \\?\C:\..., \\.\PhysicalDrive0, \??\... (never needed; they bypass
//     Windows' path normalisation, so what they name is not what the user sees)
//   - URLs: smb://, nfs://, sftp://, file://host/... (a path has no scheme)
// Then the real location (symlinks and, on Windows, mapped network drives resolved by realpath, which turns
// Z:\ into \\server\share) is checked again, and on Linux the file system it lives on (mountinfo, below).
// The syntactic check comes first because merely stat-ing \\attacker\share on Windows makes an SMB
// connection that sends the user's NTLM credentials.
// ---------------------------------------------------------------------------------------------------------

/**
 * vault: a vault folder; export: a file written for people to read (exports, briefs, bundles, backups, saved
 * received briefs); travel: a travel package; source: a file Fieldvault only reads (notes, people files,
 * bundles, backups, packages).
 */
export type LocationPurpose = 'vault' | 'export' | 'travel' | 'source';

const NETWORK_MESSAGE: Record<LocationPurpose, string> = {
  vault:
    "Vaults must be kept on this computer's own disks or on a removable drive, not on a network share: " +
    'network file systems break the database locking that keeps the vault whole, and leave copies of it on the server. ' +
    'Choose a folder on this computer. Nothing was changed.',
  export:
    "Exports must be written to this computer's own disks or to a removable drive, not to a network share: " +
    'a network file system leaves copies of the file on the server. Choose a folder on this computer, check the file, ' +
    'then share it deliberately. Nothing was written.',
  travel:
    "Travel packages must be written to this computer's own disks or to a removable drive (a USB stick, or a cloud folder " +
    'synced to this computer), not to a network share or a web address: a network file system leaves copies of the file on the ' +
    'server. Nothing left the vault.',
  source:
    "Fieldvault reads files only from this computer's own disks or a removable drive, not from a network share or a web " +
    'address: on Windows, merely opening one can send this computer\'s sign-in details to the server. Copy the file to this computer first. ' +
    'Nothing was changed.',
};

const DEVICE_MESSAGE: Record<LocationPurpose, string> = {
  vault:
    'Device paths (starting with \\\\?\\ or \\\\.\\) are not accepted. Vaults must be on this computer\'s own disks or a ' +
    'removable drive; write the location as an ordinary path, such as C:\\Users\\you\\Documents\\vault. Nothing was changed.',
  export:
    'Device paths (starting with \\\\?\\ or \\\\.\\) are not accepted. Exports must go to this computer\'s own disks or a ' +
    'removable drive; write the location as an ordinary path, such as C:\\Users\\you\\Documents\\export.md. Nothing was written.',
  travel:
    'Device paths (starting with \\\\?\\ or \\\\.\\) are not accepted. Write the travel package to an ordinary path on this ' +
    "computer's own disks or a removable drive, such as E:\\trip.fvtravel. Nothing left the vault.",
  source:
    'Device paths (starting with \\\\?\\ or \\\\.\\) are not accepted. Give the file as an ordinary path on this ' +
    "computer's own disks or a removable drive. Nothing was changed.",
};

/** What a path names, judged by its spelling alone (no file-system access). */
export function classifyPathSyntax(path: string): 'network' | 'device' | 'ordinary' {
  // \\?\UNC\host\share and \\.\UNC\host\share are UNC paths in device form.
  if (/^[\\/]{2}[?.][\\/]UNC(?:[\\/]|$)/i.test(path)) return 'network';
  // \\?\C:\..., \\.\COM1, \\.\PhysicalDrive0, \??\C:\...
  if (/^[\\/]{2}[?.](?:[\\/]|$)/.test(path) || /^\\\?\?\\/.test(path)) return 'device';
  // \\host\share, //host/share, \/host, /\host: two leading separators of any kind.
  if (/^[\\/]{2}/.test(path)) return 'network';
  // smb://host/share, sftp://..., file://host/... (two letters at least, so C:// stays a drive).
  if (/^[a-z][a-z0-9+.-]+:[\\/]{2}/i.test(path)) return 'network';
  return 'ordinary';
}

function refuseBySyntax(path: string, purpose: LocationPurpose): void {
  const kind = classifyPathSyntax(path);
  if (kind === 'network') throw new VaultError('invalid-request', NETWORK_MESSAGE[purpose]);
  if (kind === 'device') throw new VaultError('invalid-request', DEVICE_MESSAGE[purpose]);
}

/**
 * The spelling check on a path as it was given (and after ~ is expanded), before anything resolves it:
 * path.resolve() turns \\host\share into /cwd/\\host\share on Linux and //host into /host, hiding what the
 * user asked for. Every path that comes in (command line, app, core operation) goes through this first, and
 * returns the absolute path to use. No file-system access.
 */
export function refuseNonLocalSpelling(path: string, purpose: LocationPurpose): string {
  refuseBySyntax(path, purpose);
  const expanded = expandHome(path);
  refuseBySyntax(expanded, purpose);
  return resolve(expanded);
}

/** The real path of the nearest part of `abs` that exists (the folder a new vault or export goes into). */
function realNearestExisting(abs: string): string | null {
  for (let p = abs; ; p = dirname(p)) {
    try {
      return realpathSync.native(p);
    } catch (err) {
      const code = (err as { code?: string }).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') return null; // cannot judge; the operation itself will report
      if (dirname(p) === p) return null;
    }
  }
}

// ----- Linux: which file system is the path on? -----------------------------------------------------------
// /proc/self/mountinfo names the file-system type of every mount this process sees (its own mount namespace,
// bind mounts included); the mount whose mount point is the longest prefix of the real path holds the path.
// Refused types: the kernel's network file systems, and FUSE file systems that are network clients. Not
// refused: 9p and virtiofs (WSL 2's /mnt/c and virtual machines' shared folders are the computer's own
// disk), fuseblk/fuse (ntfs-3g and exfat on USB drives), and anything unknown. If /proc is unavailable, the
// statfs(2) magic number of the kernel network file systems is checked instead (it cannot tell FUSE apart).

const NETWORK_FS_TYPES = new Set([
  'nfs',
  'nfs4',
  'cifs',
  'smb3',
  'smbfs',
  'ncpfs',
  'afs',
  'coda',
  'ceph',
  'glusterfs',
  'lustre',
  'fuse.sshfs',
  'fuse.rclone',
  'fuse.s3fs',
  'fuse.gcsfuse',
  'fuse.glusterfs',
  'fuse.ceph-fuse',
  'fuse.davfs2',
  'davfs',
]);

/** GNOME's gvfs mounts every remote location it has opened below one FUSE mount, one folder per location. */
const GVFS_NETWORK_PREFIXES = ['smb-share:', 'smb-server:', 'sftp:', 'ftp:', 'ftps:', 'dav:', 'davs:', 'afp-volume:', 'nfs:', 'google-drive:', 'onedrive:'];

/** statfs(2) f_type of network file systems (linux/magic.h). */
const NETWORK_FS_MAGIC = new Set([0x6969 /* NFS */, 0x517b /* SMB */, 0xff534d42 /* CIFS */, 0xfe534d42 /* SMB2 */, 0x564c /* NCP */, 0x5346414f /* AFS */, 0x73757245 /* CODA */, 0x00c36400 /* CEPH */]);

export interface MountEntry {
  readonly mountPoint: string;
  readonly fsType: string;
  readonly source: string;
}

/** mountinfo escapes space, tab, newline and backslash as \ooo. */
const unescapeMount = (s: string) => s.replace(/\\([0-7]{3})/g, (_, oct: string) => String.fromCharCode(parseInt(oct, 8)));

/** The mount that holds `path` (an absolute, real path), from the text of /proc/self/mountinfo. */
export function findMount(mountinfo: string, path: string): MountEntry | null {
  let best: MountEntry | null = null;
  for (const line of mountinfo.split('\n')) {
    const fields = line.split(' ');
    const sep = fields.indexOf('-', 6);
    if (sep < 0 || fields.length < sep + 3) continue;
    const mountPoint = unescapeMount(fields[4]!);
    const inside = mountPoint === '/' || path === mountPoint || path.startsWith(`${mountPoint}/`);
    // Later lines are mounted later: at the same mount point the later one hides the earlier one.
    if (inside && (!best || mountPoint.length >= best.mountPoint.length)) {
      best = { mountPoint, fsType: fields[sep + 1]!, source: unescapeMount(fields[sep + 2]!) };
    }
  }
  return best;
}

/** Whether a path inside this mount is on a network file system. */
export function isNetworkMount(mount: MountEntry, path: string): boolean {
  if (NETWORK_FS_TYPES.has(mount.fsType)) return true;
  // davfs2 and other FUSE clients that give the server's URL as the source.
  if (/^[a-z][a-z0-9+.-]+:\/\//i.test(mount.source)) return true;
  if (mount.fsType === 'fuse.gvfsd-fuse') {
    const first = path.slice(mount.mountPoint.length).split('/').find(Boolean) ?? '';
    return GVFS_NETWORK_PREFIXES.some((p) => first.startsWith(p));
  }
  return false;
}

function readMountinfo(): string | null {
  try {
    return readFileSync('/proc/self/mountinfo', 'utf8');
  } catch {
    return null;
  }
}

/** Linux only: whether the existing real path is on a network file system. Never throws. */
export function onNetworkFileSystem(realPath: string, mountinfo: string | null = readMountinfo()): boolean {
  if (mountinfo !== null) {
    const mount = findMount(mountinfo, realPath);
    return mount !== null && isNetworkMount(mount, realPath);
  }
  try {
    return NETWORK_FS_MAGIC.has(Number(statfsSync(realPath).type));
  } catch {
    return false;
  }
}

export interface LocationProbe {
  /** Test seam: the text of /proc/self/mountinfo (null: unavailable). Read from /proc when absent. */
  readonly mountinfo?: string | null;
  readonly platform?: NodeJS.Platform;
}

/**
 * The one check for where vaults and exports may be: refuses network shares and device paths with a
 * VaultError('invalid-request') before anything is read or written there. Returns the absolute path.
 */
export function assertLocalLocation(path: string, purpose: LocationPurpose, probe: LocationProbe = {}): string {
  // A relative path is relative to the working folder, which may itself be on a share.
  const abs = refuseNonLocalSpelling(path, purpose);
  refuseBySyntax(abs, purpose);
  const real = realNearestExisting(abs);
  if (real === null) return abs;
  refuseBySyntax(real, purpose);
  const platform = probe.platform ?? process.platform;
  if (platform === 'linux') {
    const onNetwork = 'mountinfo' in probe ? onNetworkFileSystem(real, probe.mountinfo ?? null) : onNetworkFileSystem(real);
    if (onNetwork) throw new VaultError('invalid-request', NETWORK_MESSAGE[purpose]);
  }
  return abs;
}

function pathsIn(abs: string): VaultPaths {
  return { dir: abs, header: join(abs, HEADER_FILE), database: join(abs, DATABASE_FILE) };
}

export function vaultPaths(dir: string): VaultPaths {
  return pathsIn(assertLocalLocation(dir, 'vault'));
}

/** Accepts the vault folder, or either of its two files (what a file picker tends to return). */
export function locateExistingVault(path: string): VaultPaths {
  return locateIn(assertLocalLocation(path, 'vault'));
}

function locateIn(abs: string): VaultPaths {
  let stat;
  try {
    stat = statSync(abs);
  } catch {
    throw new VaultError('vault-not-found', 'No vault was found at that location.');
  }
  if (stat.isDirectory()) {
    const paths = pathsIn(abs);
    if (!existsSync(paths.header)) {
      throw new VaultError('not-a-vault', 'That folder is not a Fieldvault vault (it has no vault header).');
    }
    return paths;
  }
  const name = basename(abs);
  if (name === HEADER_FILE || name === DATABASE_FILE) return locateIn(dirname(abs));
  throw new VaultError('not-a-vault', 'That file is not a Fieldvault vault. Choose the vault folder.');
}

/** A new vault goes into a folder that does not exist yet, or an empty one. */
export function prepareNewVault(path: string): VaultPaths {
  const paths = vaultPaths(path);
  if (existsSync(paths.dir)) {
    const stat = statSync(paths.dir);
    if (!stat.isDirectory()) throw new VaultError('vault-exists', 'A file already exists at that location.');
    if (existsSync(paths.header)) throw new VaultError('vault-exists', 'A vault already exists in that folder.');
    if (readdirSync(paths.dir).length > 0) {
      throw new VaultError('vault-exists', 'That folder is not empty. Choose a new or empty folder for the vault.');
    }
  }
  return paths;
}
