/**
 * The Russian interface in Debian Chromium, screen by screen: a system in Russian gets Russian before unlock,
 * the vault's language setting overrides the system's while it is open, and every screen (unlock, create with
 * the passphrase meter, interviews list and editor, export review, people and a person, search, audit log,
 * settings, the integrity panel) shows Russian labels, Russian plurals (1 минута, 2 минуты, 5 минут) and Russian
 * dates; filtering incident types by "задерж" finds them. Each screen is saved as <screen>-ru (light and dark).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VaultService } from '../../src/core/service';
import { vaultPaths } from '../../src/core/vault/layout';
import { buildRenderer, CHEAP_KDF, hasChromium, openPreviewPage, shoot, skipNotice, type PreviewPage } from './support';

skipNotice();

const PASS = 'фонарь медный река рассвет';
const consent = { givenOn: '2026-03-01', method: 'oral', allowsQuote: true, allowsName: false, allowsAudio: false, shareWith: [], withdrawnOn: '' } as const;

/** Interface words in English that must not be left on a Russian screen (whole words, case-sensitive). */
const ENGLISH = [
  'Interviews', 'People', 'Search', 'Audit log', 'Settings', 'Unlock', 'Unlocked', 'Lock', 'Create', 'Passphrase', 'Location', 'Export', 'Filters',
  'Sort', 'Draft', 'Reviewed', 'Notes', 'Summary', 'Details', 'Status', 'Country', 'City', 'District', 'Tags', 'Consent', 'Witness', 'Pseudonym',
  'Role', 'Contacts', 'Delete', 'Cancel', 'Save', 'Saved', 'Untitled', 'Original', 'Redacted', 'Suggestion', 'Never redact', 'Include people',
  'Appearance', 'Language', 'minutes', 'hours', 'Incident', 'Chain verified', 'When', 'Event', 'Subject', 'Detail', 'Hash', 'Add', 'Remove',
  'Browse', 'Checking', 'Very weak', 'Weak', 'Fair', 'Good', 'Strong', 'is missing', 'Restore', 'Accept', 'Exports are refused', 'Nothing',
];

/**
 * Visible interface text that reads as English: a button, label, heading, legend, column header, badge, hint or
 * an element's accessible name or placeholder with Latin words and no Cyrillic letter. Codes (INT-0001, W-001),
 * numbers, product names and key names are not words of the interface.
 */
async function englishLeftovers(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const allowed =
      /\b(?:Fieldvault|Ctrl|Markdown|Telegram|WhatsApp|Signal|SHA-256|Esc|Enter|Tab|Shift|Space|Caps Lock|JSON|REDACTED|fieldvault\.header|[A-Z]{1,4}-\d+|[0-9a-f]{8,})|~?\/[\w./-]+|[A-Za-z]:\\[\w\\.-]+/g;
    const selector = 'button, label, h1, h2, h3, h4, legend, th, td, dt, dd, caption, option, .badge, .field__hint, .alert__title, .empty-state p, .page-header p, [role="status"], .sidebar__item, .chip, .topbar';
    const out = new Set<string>();
    const englishOnly = (text: string) => {
      const rest = text.replace(allowed, ' ');
      return /[A-Za-z]{2,}/.test(rest) && !/[А-Яа-яЁё]/.test(rest);
    };
    // researchers' text is not interface text; a language's own name (lang="en") is meant to be in it
    const foreign = (el: Element) => (el.closest('[lang]')?.getAttribute('lang') ?? '') !== document.documentElement.lang;
    const visible = (el: Element) => el.getClientRects().length > 0 && !el.closest('[hidden], .cm-content, .review-field__text, .preview, .revisions__preview');
    for (const el of document.querySelectorAll(selector)) {
      if ((!visible(el) && el.tagName !== 'OPTION') || foreign(el)) continue;
      const text = (el as HTMLElement).innerText?.trim() ?? '';
      if (text && englishOnly(text)) out.add(`${el.tagName.toLowerCase()}: ${text}`);
    }
    for (const el of document.querySelectorAll('[aria-label], [placeholder], [title]')) {
      if (!visible(el) || foreign(el)) continue;
      for (const attr of ['aria-label', 'placeholder', 'title']) {
        const value = el.getAttribute(attr)?.trim() ?? '';
        if (value && englishOnly(value)) out.add(`${el.tagName.toLowerCase()}[${attr}]: ${value}`);
      }
    }
    return [...out];
  });
}

/** Fails with the offending texts: English words of the interface and English-only labels on screen. */
async function expectRussian(page: Page, where: string): Promise<void> {
  const body = await page.evaluate(() => document.body.innerText);
  const words = ENGLISH.filter((w) => new RegExp(`(^|[^A-Za-z])${w}([^A-Za-z]|$)`).test(body));
  expect(words, `${where}: English words on screen`).toEqual([]);
  expect(await englishLeftovers(page), `${where}: English-only labels`).toEqual([]);
  expect(body, where).toMatch(/[А-Яа-яЁё]/);
}

/** The vault opened by the test itself, once the app (which locks in the background) has let go of it. */
async function openDirectly(vault: string): Promise<VaultService> {
  const svc = new VaultService({ kdf: CHEAP_KDF });
  for (let attempt = 0; ; attempt++) {
    try {
      await svc.unlock(vault, PASS);
      return svc;
    } catch (e) {
      if (attempt > 50 || (e as { code?: string }).code !== 'vault-busy') throw e;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

describe.skipIf(!hasChromium)('the Russian interface in Debian Chromium', () => {
  let preview: PreviewPage;
  let page: Page;
  let workDir: string;
  let vault: string;
  let rendererDir: string;
  const nav = (name: string) => page.getByRole('navigation', { name: 'Разделы хранилища' }).getByRole('button', { name, exact: true });
  const lang = () => page.evaluate(() => document.documentElement.lang);

  async function unlockInUi(): Promise<void> {
    await page.getByLabel('Расположение хранилища', { exact: true }).fill(vault);
    await page.getByLabel('Парольная фраза', { exact: true }).fill(PASS);
    await page.getByRole('button', { name: 'Разблокировать', exact: true }).click();
  }

  async function lockInUi(): Promise<void> {
    await page.keyboard.press('Control+l');
    await page.getByRole('button', { name: 'Разблокировать', exact: true }).waitFor();
  }

  beforeAll(async () => {
    rendererDir = await buildRenderer();
    workDir = mkdtempSync(join(tmpdir(), 'fv-russian-'));
    vault = join(workDir, 'Полевые интервью.fieldvault');
    preview = await openPreviewPage(rendererDir, { locale: 'ru-RU' });
    page = preview.page;
  });

  afterAll(async () => {
    await preview?.close();
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  it('a system in Russian: unlock and create screens, the passphrase meter, an empty vault', async () => {
    await page.getByRole('heading', { name: 'Разблокировка хранилища' }).waitFor();
    expect(await lang()).toBe('ru');
    await expectRussian(page, 'unlock');
    await shoot(page, 'unlock-ru');

    await page.getByRole('button', { name: 'Создать хранилище' }).click();
    await page.getByRole('heading', { name: 'Создание хранилища' }).waitFor();
    await page.getByLabel('Расположение', { exact: true }).fill(vault);
    // a weak Russian passphrase: the meter's verdict and advice come from the core as keys, shown in Russian
    await page.getByLabel('Парольная фраза', { exact: true }).fill('пароль123456');
    const meter = page.locator('.strength');
    await meter.getByText('Распространённые русские слова и имена легко угадать', { exact: false }).waitFor();
    expect(await meter.getByRole('meter').getAttribute('aria-valuetext')).toMatch(/не принимается$/);
    await expectRussian(page, 'create');
    await shoot(page, 'create-ru');
    await page.getByLabel('Парольная фраза', { exact: true }).fill(PASS);
    await meter.getByText(/Надёжная|Хорошая/).first().waitFor();
    await page.getByLabel('Повторите парольную фразу', { exact: true }).fill(PASS);
    await page.getByRole('button', { name: 'Создать хранилище' }).click();
    await page.getByRole('heading', { name: 'Интервью', exact: true }).waitFor();
    await page.getByText('Интервью пока нет').waitFor();
    await expectRussian(page, 'empty interviews');
    await shoot(page, 'interviews-empty-ru');
  });

  it('settings: the language list comes from the catalogs; choosing English and Russian applies at once', async () => {
    await nav('Настройки').click();
    const language = page.getByRole('combobox', { name: 'Язык' });
    expect(await language.inputValue()).toBe('system');
    expect(await language.locator('option').allTextContents()).toEqual(['Как в системе (Русский)', 'English', 'Русский']);
    await language.selectOption('en');
    await page.getByRole('heading', { name: 'Settings', exact: true }).waitFor();
    expect(await lang()).toBe('en');
    await page.getByRole('combobox', { name: 'Language' }).selectOption('ru');
    await page.getByRole('heading', { name: 'Настройки', exact: true }).waitFor();
    expect(await lang()).toBe('ru');
    // plurals through ICU: one, few, many
    const lockAfter = page.getByRole('combobox', { name: 'Блокировать после бездействия' });
    const choices = await lockAfter.locator('option').allTextContents();
    expect(choices).toEqual(expect.arrayContaining(['1 минута', '2 минуты', '5 минут', '1 час', '2 часа', '4 часа']));
    // the built-in incident types in Russian, stored as they were
    await page.locator('.taxonomy input[value="Произвольное задержание"]').waitFor();
    await page.getByText('Сохранено.').waitFor();
    await expectRussian(page, 'settings');
    await shoot(page, 'settings-ru');
    await lockInUi();
    expect(await lang()).toBe('ru');
  });

  it('a vault with work in it: list, editor, incident filter in any language, export review', async () => {
    // content added as another session would (the app has the vault locked)
    const svc = await openDirectly(vault);
    const people = svc.createPeople([
      { pseudonym: 'Свидетельница с рынка', given: { latin: 'Zarina', cyrillic: 'Зарина' }, family: { latin: 'Kholova', cyrillic: 'Холова' }, contacts: [{ kind: 'phone', value: '+996 555 123 456' }], consent },
      { pseudonym: 'Грузчик', role: 'victim', consent },
      { pseudonym: 'Адвокат', role: 'defender', consent },
      { pseudonym: 'Сотрудник милиции', role: 'official', consent: { ...consent, allowsQuote: false } },
      { pseudonym: 'Соседка', role: 'other', consent: { ...consent, withdrawnOn: '2026-04-02' } },
    ]);
    const place = { country: 'Кыргызстан', city: 'Ош', district: 'Кара-Суу' };
    svc.createInterview({
      title: 'Задержание у блокпоста',
      date: '2026-03-02',
      place,
      incidentTypes: ['arbitrary-arrest', 'airport-detention'],
      tags: ['рынок'],
      languages: ['русский', 'кыргызский'],
      summary: 'Центральный рынок оцепили ночью. Зарину Холову задержали у блокпоста; её телефон +996 555 123 456.',
      body: '# Беседа\n\nРынок закрыли в два часа ночи. W-001 рассказала о задержании.',
      status: 'reviewed',
      people: [people[0]!.id],
    });
    svc.createInterviews([
      { title: 'Увольнение грузчиков', date: '2026-02-11', summary: 'Рынок, город Нарын: грузчиков уволили без оплаты.', incidentTypes: ['dismissal', 'withheld-pay'] },
      { title: 'Вымогательство', date: '2026-01-20', summary: 'Рынок, город Нарын: милиция требовала деньги.', incidentTypes: ['extortion'] },
      { title: 'Задержание в Манасе', date: '2025-12-05', summary: 'Аэропорт Манас, задержание после рейда. Рынок опустел.', incidentTypes: ['airport-detention'] },
      { title: 'Угрозы правозащитнице', date: '2025-11-15', summary: 'Рынок: угрозы в мессенджере.', incidentTypes: ['threats'] },
    ]);
    svc.lock('user');

    await unlockInUi();
    await page.getByRole('heading', { name: 'Интервью', exact: true }).waitFor();
    await page.getByText('5 интервью в этом хранилище.').waitFor();
    // dates in Russian ("2 мар. 2026 г.")
    const dates = await page.locator('tbody td.table__nowrap').allTextContents();
    expect(dates).toContain(new Intl.DateTimeFormat('ru', { dateStyle: 'medium', timeZone: 'UTC' }).format(Date.UTC(2026, 2, 2)));
    expect(dates.join(' ')).toMatch(/\d{1,2} мар\. 2026 г\./);
    await page.getByText('Произвольное задержание · Задержание в аэропорту').waitFor();
    await page.getByRole('button', { name: 'Фильтры' }).click();
    const incident = page.getByRole('combobox', { name: 'Тип нарушения' });
    expect(await incident.locator('optgroup').first().getAttribute('label')).toBe('Насилие и задержания');
    await expectRussian(page, 'interview list');
    await shoot(page, 'interviews-ru');

    await page.getByRole('button', { name: 'Задержание у блокпоста' }).click();
    await page.getByRole('heading', { name: 'Сведения', exact: true }).waitFor();
    await page.getByRole('button', { name: 'Изменить', exact: true }).click();
    const filter = page.getByRole('textbox', { name: 'Фильтр типов нарушений' });
    const shown = () => page.locator('.incidents__groups .check span').allTextContents();
    await filter.fill('задерж');
    await expect.poll(shown).toEqual(expect.arrayContaining(['Произвольное задержание', 'Задержание в аэропорту']));
    expect(await shown()).not.toContain('Увольнение');
    // the English label matches too: a type is found by its name in any interface language
    await filter.fill('arrest');
    await expect.poll(shown).toEqual(['Произвольное задержание']);
    await filter.fill('задерж');
    await expectRussian(page, 'interview editor');
    await shoot(page, 'interview-editor-ru');
    await filter.press('Escape');

    await page.getByRole('button', { name: 'Экспорт…' }).click();
    await page.getByRole('list', { name: 'Находки по видам' }).waitFor();
    await page.getByRole('heading', { name: /^Экспорт INT-/ }).waitFor();
    await page.getByRole('group', { name: 'Выделенный текст' }).getByRole('button', { name: /^Обезличить/ }).waitFor();
    await expectRussian(page, 'export review');
    await shoot(page, 'export-review-ru');
  });

  it('people, a person, search with plural counts, the audit log with Russian dates', async () => {
    await nav('Люди').click();
    await page.getByText('В реестре 5 человек. Имена и контакты скрыты, пока вы их не откроете.').waitFor();
    await page.getByRole('cell', { name: 'Правозащитник' }).waitFor();
    await page.getByText('Согласие отозвано').waitFor();
    await expectRussian(page, 'people');
    await shoot(page, 'people-ru');

    await page.getByRole('button', { name: /^Открыть W-001/ }).click();
    await page.getByRole('heading', { name: 'Личность' }).waitFor();
    await page.getByText('Имя (латиницей)').first().waitFor();
    await expectRussian(page, 'person editor');
    await shoot(page, 'person-editor-ru');

    await nav('Поиск').click();
    await page.getByText('Поиск по всему хранилищу').waitFor();
    const box = page.getByRole('searchbox', { name: 'Поиск по хранилищу' });
    const results = (name: string) => page.getByRole('list', { name, exact: true }).waitFor();
    await box.fill('аэропорт');
    await results('1 результат');
    await box.fill('Нарын');
    await results('2 результата');
    await box.fill('рынок');
    await results('5 результатов');
    await expectRussian(page, 'search');
    await shoot(page, 'search-ru');

    await nav('Журнал действий').click();
    const table = page.getByRole('table', { name: 'Журнал действий, сначала новые' });
    await table.waitFor();
    for (const action of ['Хранилище создано', 'Хранилище разблокировано', 'Хранилище заблокировано', 'Настройки изменены', 'Люди импортированы']) {
      await table.getByRole('cell', { name: action, exact: true }).first().waitFor();
    }
    await table.getByRole('cell', { name: 'язык' }).first().waitFor();
    await table.getByRole('cell', { name: 'пользователем' }).first().waitFor();
    const when = await table.locator('time').first().textContent();
    const month = new Intl.DateTimeFormat('ru', { month: 'short' }).format(new Date());
    expect(when).toContain(month);
    expect(when).toMatch(/\d{4} г\., \d{1,2}:\d{2}/);
    await expectRussian(page, 'audit log');
    await shoot(page, 'audit-log-ru');

    await nav('Коллеги').click();
    await page.getByRole('heading', { name: 'Ваша карточка' }).waitFor();
    await page.locator('.colleagues-card .fingerprint').waitFor();
    await expectRussian(page, 'colleagues');
    await nav('Полученные').click();
    await page.getByRole('heading', { name: 'Пока ничего не получено' }).waitFor();
    await expectRussian(page, 'received');
  });

  it('at 1000 px nothing overflows: sidebar, toolbars, buttons and tables keep their Russian words', async () => {
    await page.setViewportSize({ width: 1000, height: 760 });
    try {
    const overflow = () =>
      page.evaluate(() => {
        const out: string[] = [];
        if (document.documentElement.scrollWidth > window.innerWidth + 1) out.push(`page ${document.documentElement.scrollWidth} > ${window.innerWidth}`);
        for (const el of document.querySelectorAll<HTMLElement>('button, .sidebar__item, .badge, th, legend, .field__label')) {
          if (el.getClientRects().length === 0 || el.closest('.visually-hidden')) continue;
          if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflow !== 'visible') out.push(`${el.tagName} "${el.innerText.trim()}" clipped`);
          const r = el.getBoundingClientRect();
          if (r.right > window.innerWidth + 1) out.push(`${el.tagName} "${el.innerText.trim()}" off screen`);
        }
        return out;
      });
    for (const [section, name] of [
      ['Интервью', 'interviews-ru-1000'],
      ['Люди', 'people-ru-1000'],
      ['Настройки', 'settings-ru-1000'],
      ['Журнал действий', 'audit-log-ru-1000'],
      ['Коллеги', 'colleagues-ru-1000'],
      ['Полученные', 'received-ru-1000'],
    ] as const) {
      await nav(section).click();
      await page.getByRole('heading', { name: section, exact: true }).waitFor();
      await shoot(page, name);
      expect(await overflow(), section).toEqual([]);
    }
    await nav('Интервью').click();
    await page.getByRole('button', { name: 'Задержание у блокпоста' }).click();
    await page.getByRole('button', { name: 'Экспорт…' }).click();
    await page.getByRole('list', { name: 'Находки по видам' }).waitFor();
    await shoot(page, 'export-review-ru-1000');
    expect(await overflow(), 'export review').toEqual([]);
    } finally {
      await page.setViewportSize({ width: 1280, height: 800 });
      await lockInUi();
    }
  });

  it('the integrity panel: a missing person named by code, exports refused, in Russian', async () => {
    const svc = await openDirectly(vault);
    const victim = svc.listPeople().find((p) => p.pseudonym === 'Грузчик')!;
    svc.lock('user');
    const db = new Database(vaultPaths(vault).database);
    try {
      db.prepare('DELETE FROM records WHERE id = ?').run(Buffer.from(victim.id, 'hex'));
    } finally {
      db.close();
    }
    await unlockInUi();
    const panel = page.locator('.integrity');
    await panel.getByText(`Человек ${victim.code}`).waitFor();
    await panel.getByText('отсутствует в базе данных').waitFor();
    await panel.getByText(/^Экспорт запрещён/).waitFor();
    await page.getByRole('button', { name: 'Восстановить из копии прошлого сеанса' }).waitFor();
    await expectRussian(page, 'integrity');
    await shoot(page, 'integrity-ru');
    await lockInUi();
  });

  it('a system in English: English before unlock, the vault’s Russian while it is open, English again after lock', async () => {
    const english = await openPreviewPage(rendererDir, { locale: 'en-US' });
    try {
      const p = english.page;
      await p.getByRole('heading', { name: 'Unlock your vault' }).waitFor();
      expect(await p.evaluate(() => document.documentElement.lang)).toBe('en');
      await p.getByLabel('Vault location', { exact: true }).fill(vault);
      await p.getByLabel('Passphrase', { exact: true }).fill(PASS);
      await p.getByRole('button', { name: 'Unlock', exact: true }).click();
      await p.getByRole('heading', { name: 'Интервью', exact: true }).waitFor();
      expect(await p.evaluate(() => document.documentElement.lang)).toBe('ru');
      await p.keyboard.press('Control+l');
      await p.getByRole('heading', { name: 'Unlock your vault' }).waitFor();
      expect(await p.evaluate(() => document.documentElement.lang)).toBe('en');
      expect(english.consoleErrors).toEqual([]);
    } finally {
      await english.close();
    }
  });

  it('logged no errors in the page', () => {
    expect(preview.consoleErrors).toEqual([]);
  });
});
