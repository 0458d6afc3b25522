/**
 * What main says before the page exists (refusals at start, a missing sandbox, a page that did not load) is in
 * the system's language where Fieldvault has it, and says the same in both.
 */
import { describe, expect, it } from 'vitest';
import { refusalMessage, startRefusal } from '../../electron/main/policy';
import { STARTUP_TEXT, startupLanguage } from '../../electron/main/startup-text';

describe('start-up texts', () => {
  it('are Russian on Russian, Kyrgyz, Kazakh and Tajik systems, English otherwise', () => {
    expect(startupLanguage(['ru-RU', 'en-US'])).toBe('ru');
    expect(startupLanguage(['ky-KG'])).toBe('ru');
    expect(startupLanguage(['kk_KZ'])).toBe('ru');
    expect(startupLanguage(['tg'])).toBe('ru');
    expect(startupLanguage(['en-GB', 'ru-RU'])).toBe('en');
    expect(startupLanguage(['de-DE'])).toBe('en');
    expect(startupLanguage([])).toBe('en');
    expect(startupLanguage([''])).toBe('en');
  });

  it('exist in both languages, differ between them, and name the refused switches in each', () => {
    const en = STARTUP_TEXT.en;
    const ru = STARTUP_TEXT.ru;
    for (const key of ['unsandboxed', 'appImageUnsandboxed', 'serviceFailed', 'couldNotStart'] as const) {
      expect(ru[key].length).toBeGreaterThan(10);
      expect(ru[key]).not.toBe(en[key]);
      expect(ru[key]).toMatch(/[а-я]/);
    }
    expect(Object.keys(ru.loadFailed).sort()).toEqual(Object.keys(en.loadFailed).sort());
    const refusal = startRefusal({ isPackaged: true, platform: 'linux', argv: ['/opt/Fieldvault/fieldvault', '--inspect', '--no-sandbox'], hasSwitch: () => false })!;
    const inRussian = refusalMessage(refusal, ru);
    expect(inRussian).toContain('--inspect');
    expect(inRussian).toContain('--no-sandbox');
    expect(inRussian).toMatch(/отладчик/);
    expect(inRussian).toMatch(/песочниц/);
    expect(refusal.message).toBe(refusalMessage(refusal, en));
    const appImage = startRefusal({ isPackaged: true, platform: 'linux', argv: ['/tmp/.mount/AppRun', '--no-sandbox'], hasSwitch: () => false, appImage: true })!;
    expect(refusalMessage(appImage, ru)).toBe(ru.appImageUnsandboxed);
  });
});
