// electron-builder hooks (electron-builder.yml: beforePack).
//
// electron-builder.yml keeps one better-sqlite3 binary, named after the *building* machine's platform and arch
// (${platform}-${arch}): electron-builder has no file macro for the target's platform in better-sqlite3's
// spelling. An installer built for another system would carry a binary that cannot load there, and the app
// could not open a vault; so that build stops here, before anything is packed.

const ARCH_NAMES = ['ia32', 'x64', 'armv7l', 'arm64', 'universal']; // builder-util's Arch enum, in order

/** @param {{ electronPlatformName: string, arch: number }} context */
export async function beforePack(context) {
  const platform = context.electronPlatformName === 'mas' ? 'darwin' : context.electronPlatformName;
  const arch = ARCH_NAMES[context.arch] ?? String(context.arch);
  if (platform !== process.platform || arch !== process.arch) {
    throw new Error(
      `Fieldvault: build the ${platform}-${arch} installer on a ${platform}-${arch} machine. This one is ` +
        `${process.platform}-${process.arch}, and the SQLite binary packed is the building machine's.`,
    );
  }
}
