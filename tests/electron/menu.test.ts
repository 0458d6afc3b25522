import { describe, expect, it, vi } from 'vitest';
import { LOCK_ACCELERATOR, buildMenuTemplate } from '../../electron/main/menu-template';

type MenuItemConstructorOptions = ReturnType<typeof buildMenuTemplate>[number];

function flatten(items: readonly MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? flatten(item.submenu) : [])]);
}

describe('application menu', () => {
  for (const isMac of [true, false]) {
    it(`has a Lock item on ${LOCK_ACCELERATOR} that locks (${isMac ? 'macOS' : 'Windows/Linux'})`, () => {
      const onLock = vi.fn();
      const items = flatten(buildMenuTemplate({ isMac, isPackaged: true, productName: 'Fieldvault', onLock }));
      const lock = items.find((i) => i.accelerator === LOCK_ACCELERATOR);
      expect(lock?.label).toBe('Lock Vault');
      (lock?.click as unknown as () => void)();
      expect(onLock).toHaveBeenCalledTimes(1);
    });
  }

  it('offers no DevTools or reload in packaged builds, and does in development', () => {
    const roles = (isPackaged: boolean) =>
      flatten(buildMenuTemplate({ isMac: false, isPackaged, productName: 'Fieldvault', onLock: () => undefined })).map((i) => i.role);
    expect(roles(true)).not.toContain('toggleDevTools');
    expect(roles(true)).not.toContain('reload');
    expect(roles(true)).not.toContain('forceReload');
    expect(roles(false)).toContain('toggleDevTools');
    expect(roles(true)).toEqual(expect.arrayContaining(['copy', 'paste', 'quit']));
  });
});
