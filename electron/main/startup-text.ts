/**
 * What main says before the page (and its language setting) exists: refusals at start, a missing sandbox, a page
 * that did not load, a vault service that could not start. In the system's language where Fieldvault has it:
 * Russian for Russian, and for Kyrgyz, Kazakh and Tajik systems, whose users read Russian far more often than
 * English; English otherwise. No electron import: main passes app.getPreferredSystemLanguages() in.
 */

export type StartupLanguage = 'en' | 'ru';

/** Why a start switch is refused (policy.ts decides which switches are). */
export type RefusedBecause = 'debugging' | 'sandbox' | 'web-security' | 'logging' | 'launcher';

const READ_AS_RUSSIAN: ReadonlySet<string> = new Set(['ru', 'ky', 'kk', 'tg', 'be']);

export function startupLanguage(preferred: readonly string[]): StartupLanguage {
  const first = preferred.find((tag) => typeof tag === 'string' && tag.length > 0);
  const primary = first?.toLowerCase().split(/[-_]/)[0] ?? '';
  return READ_AS_RUSSIAN.has(primary) ? 'ru' : 'en';
}

export interface StartupText {
  readonly refusal: (switches: readonly string[], reasons: readonly RefusedBecause[]) => string;
  readonly unsandboxed: string;
  readonly appImageUnsandboxed: string;
  readonly loadFailed: { readonly message: string; readonly detail: string; readonly retry: string; readonly quit: string };
  readonly serviceFailed: string;
  readonly couldNotStart: string;
}

const REASONS_EN: Readonly<Record<RefusedBecause, string>> = {
  debugging: 'lets another program attach a debugger and read the vault’s keys and decrypted text',
  sandbox: 'turns off the sandbox that keeps the window’s page away from your files and the vault',
  'web-security': 'turns off the protections between the page and other content',
  logging: 'could write what the window shows into log files on disk',
  launcher: 'starts parts of the app through another program',
};

const REASONS_RU: Readonly<Record<RefusedBecause, string>> = {
  debugging: 'позволяет другой программе подключить отладчик и прочитать ключи хранилища и расшифрованный текст',
  sandbox: 'отключает песочницу, которая отделяет страницу окна от ваших файлов и хранилища',
  'web-security': 'отключает защиту между страницей и другим содержимым',
  logging: 'может записать то, что показывает окно, в файлы журналов на диске',
  launcher: 'запускает части приложения через другую программу',
};

const options = (switches: readonly string[]) => switches.map((s) => `--${s}`).join(', ');

export const STARTUP_TEXT: Readonly<Record<StartupLanguage, StartupText>> = {
  en: {
    refusal: (switches, reasons) =>
      [
        `Fieldvault will not start with ${options(switches)}.`,
        `${switches.length === 1 ? 'This option' : 'These options'} ${reasons.map((r) => REASONS_EN[r]).join('; ')}.`,
        'Start Fieldvault from its menu entry or icon, without extra options. If a guide or a colleague told you to add them, ask whoever supports your team first.',
      ].join('\n\n'),
    unsandboxed: [
      'Fieldvault will not run without the Chromium sandbox, and the sandbox is not in force for its window.',
      'The sandbox keeps the window’s page away from your files and from the vault. It is usually missing when Fieldvault was started from a portable copy (an AppImage) on a system that does not allow it, or with an option that turns it off.',
      'Install Fieldvault from its package for your system (on Linux the .deb) and start it from its menu entry.',
    ].join('\n\n'),
    appImageUnsandboxed: [
      'Fieldvault will not run from this portable copy (AppImage) on this system: the system does not let portable programs use the Chromium sandbox, so the copy was started without it.',
      'The sandbox keeps the window’s page away from your files and from the vault.',
      'Install Fieldvault from its .deb package and start it from its menu entry.',
    ].join('\n\n'),
    loadFailed: {
      message: 'Fieldvault could not open its window.',
      detail: 'Its own files may be damaged or incomplete; reinstalling Fieldvault usually helps. Your vault is not affected: it stays locked.',
      retry: 'Try again',
      quit: 'Quit',
    },
    serviceFailed: 'The vault service could not start. Fieldvault will close.',
    couldNotStart: 'Fieldvault could not start.',
  },
  ru: {
    refusal: (switches, reasons) =>
      [
        `Fieldvault не запускается с параметр${switches.length === 1 ? 'ом' : 'ами'} ${options(switches)}.`,
        `${switches.length === 1 ? 'Этот параметр' : 'Эти параметры'}: ${reasons.map((r) => REASONS_RU[r]).join('; ')}.`,
        'Запускайте Fieldvault из меню или по значку, без дополнительных параметров. Если их посоветовали добавить в инструкции или коллега, сначала спросите того, кто поддерживает вашу команду.',
      ].join('\n\n'),
    unsandboxed: [
      'Fieldvault не работает без песочницы Chromium, а для его окна песочница не действует.',
      'Песочница отделяет страницу окна от ваших файлов и хранилища. Обычно её нет, если Fieldvault запущен из переносной копии (AppImage) в системе, которая этого не разрешает, или с параметром, который её отключает.',
      'Установите Fieldvault из пакета для вашей системы (в Linux — .deb) и запускайте из меню.',
    ].join('\n\n'),
    appImageUnsandboxed: [
      'Fieldvault не работает из этой переносной копии (AppImage) в этой системе: система не даёт переносным программам песочницу Chromium, поэтому копия запущена без неё.',
      'Песочница отделяет страницу окна от ваших файлов и хранилища.',
      'Установите Fieldvault из пакета .deb и запускайте из меню.',
    ].join('\n\n'),
    loadFailed: {
      message: 'Fieldvault не смог открыть своё окно.',
      detail: 'Его файлы могут быть повреждены или неполны; обычно помогает переустановка. Хранилище не затронуто: оно остаётся заблокированным.',
      retry: 'Повторить',
      quit: 'Выйти',
    },
    serviceFailed: 'Служба хранилища не запустилась. Fieldvault закроется.',
    couldNotStart: 'Fieldvault не удалось запустить.',
  },
};
