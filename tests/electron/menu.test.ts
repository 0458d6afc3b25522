import { describe, expect, it, vi } from 'vitest';
import { LOCK_ACCELERATOR, buildMenuTemplate } from '../../electron/main/menu-template';
import { parseNativeText } from '../../electron/main/policy';
import { ENGLISH_NATIVE_TEXT } from '../../src/shared/api';

const text = ENGLISH_NATIVE_TEXT;

type MenuItemConstructorOptions = ReturnType<typeof buildMenuTemplate>[number];

function flatten(items: readonly MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? flatten(item.submenu) : [])]);
}

describe('application menu', () => {
  for (const isMac of [true, false]) {
    it(`has a Lock item on ${LOCK_ACCELERATOR} that locks (${isMac ? 'macOS' : 'Windows/Linux'})`, () => {
      const onLock = vi.fn();
      const items = flatten(buildMenuTemplate({ text, isMac, isPackaged: true, productName: 'Fieldvault', onLock }));
      const lock = items.find((i) => i.accelerator === LOCK_ACCELERATOR);
      expect(lock?.label).toBe('Lock Vault');
      (lock?.click as unknown as () => void)();
      expect(onLock).toHaveBeenCalledTimes(1);
    });
  }

  it('offers no DevTools or reload in packaged builds, and does in development', () => {
    const roles = (isPackaged: boolean) =>
      flatten(buildMenuTemplate({ text, isMac: false, isPackaged, productName: 'Fieldvault', onLock: () => undefined })).map((i) => i.role);
    expect(roles(true)).not.toContain('toggleDevTools');
    expect(roles(true)).not.toContain('reload');
    expect(roles(true)).not.toContain('forceReload');
    expect(roles(false)).toContain('toggleDevTools');
    expect(roles(true)).toEqual(expect.arrayContaining(['copy', 'paste', 'quit']));
  });

  it('takes its own words from the page in the interface language, and refuses anything else', () => {
    const russian = {
      vaultMenu: '&Хранилище',
      lockVault: 'Заблокировать хранилище',
      editMenu: 'Правка',
      viewMenu: 'Вид',
      createTitle: 'Где создать хранилище',
      createButton: 'Создать здесь',
      folderLabel: 'Папка хранилища',
      openTitle: 'Открыть хранилище',
      openButton: 'Открыть',
      exportTitle: 'Сохранить обезличенный экспорт',
      exportButton: 'Сохранить экспорт',
      sealTitle: 'Сохранить запечатанную справку',
      sealButton: 'Сохранить справку',
      receivedSaveTitle: 'Сохранить копию полученной справки',
      bundleOpenTitle: 'Открыть запечатанную справку (.fvb)',
      bundleOpenButton: 'Открыть',
      backupTitle: 'Сохранить резервную копию',
      backupButton: 'Сохранить копию',
      backupOpenTitle: 'Выберите резервную копию',
      backupOpenButton: 'Выбрать копию',
      travelTitle: 'Сохранить пакет для поездки',
      travelButton: 'Сохранить пакет',
      travelOpenTitle: 'Выберите пакет поездки',
      travelOpenButton: 'Выбрать пакет',
    };
    const parsed = parseNativeText(russian);
    expect(parsed).toEqual(russian);
    const labels = flatten(buildMenuTemplate({ text: parsed!, isMac: false, isPackaged: true, productName: 'Fieldvault', onLock: () => undefined })).map((i) => i.label);
    expect(labels).toEqual(expect.arrayContaining(['&Хранилище', 'Заблокировать хранилище', 'Правка', 'Вид']));
    expect(labels).not.toContain('Lock Vault');
    for (const bad of [null, 'text', [], { ...russian, extra: 'x' }, { ...russian, viewMenu: '' }, { ...russian, viewMenu: 'a\nb' }, { ...russian, viewMenu: 'x'.repeat(121) }, { ...russian, viewMenu: 5 }]) {
      expect(parseNativeText(bad)).toBeNull();
    }
    const { viewMenu: _v, ...missing } = russian;
    expect(parseNativeText(missing)).toBeNull();
  });
});
