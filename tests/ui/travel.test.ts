/**
 * Travel mode in Debian Chromium through the developer preview (real core): the Travel screen at home (tags in use,
 * colleagues, the package file), the confirmation with what will leave, the recovery code shown BEFORE anything
 * leaves (a lock there leaves the register at home), three of its words typed back before the register may leave,
 * a refused start that keeps the same code, the result without the words, the away state across the app (banner, People, an interview's people, export and brief
 * refused plainly), and bringing the register back with each refusal's own message (a mistyped word, a missing word,
 * a wrong code, another vault's package, a damaged package) before the right code. Screenshots light and dark, at
 * 1000 px, and in Russian.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeliveryCard } from '../../src/shared/delivery';
import type { TravelStatus } from '../../src/shared/travel';
import { cheapService } from '../fixtures/vault-helpers';
import { buildRenderer, callPreview, createVaultThroughUi, hasChromium, openPreviewPage, shoot, skipNotice, type PreviewPage } from './support';

skipNotice();

const PASS = 'border crossing lantern copper';
const consent = { givenOn: '2026-03-01', method: 'oral', allowsQuote: true, allowsName: false, allowsAudio: false, shareWith: [], withdrawnOn: '' };

describe.skipIf(!hasChromium)('travel mode in Debian Chromium', () => {
  let preview: PreviewPage;
  let page: Page;
  let workDir: string;
  let outDir: string;
  let code = '';
  const packagePath = () => join(outDir, 'trip.fvtravel');
  const otherPackage = () => join(outDir, 'other-vault.fvtravel');
  let otherCode = '';
  let stayingId = '';
  let taggedId = '';
  const api = <T>(op: string, payload: object = {}) => callPreview<T>(preview.server, op, payload);
  const nav = (name: string | RegExp) => page.getByRole('navigation', { name: /Vault sections|Разделы хранилища/ }).getByRole('button', { name, exact: typeof name === 'string' });
  const bodyText = () => page.locator('body').innerText();

  beforeAll(async () => {
    const rendererDir = await buildRenderer();
    workDir = mkdtempSync(join(tmpdir(), 'fv-travel-'));
    outDir = join(workDir, 'out');
    mkdirSync(outDir);

    // Another vault with its own travel package (for "another vault"), and its card as a colleague.
    const other = cheapService();
    await other.create(join(workDir, 'Other.fieldvault'), 'another vault passphrase here');
    other.createPerson({ pseudonym: 'Other', given: { latin: 'Someone', cyrillic: '' } });
    const card: DeliveryCard = await other.deliveryCard();
    otherCode = (await other.travelStart(otherPackage(), [], [])).recoveryCode;
    other.lock();

    preview = await openPreviewPage(rendererDir);
    page = preview.page;
    await createVaultThroughUi(page, join(workDir, 'Travel.fieldvault'), PASS);
    const aigul = await api<{ id: string }>('people.create', {
      fields: { pseudonym: 'Asel', given: { latin: 'Aigul', cyrillic: 'Айгуль' }, family: { latin: 'Sultanalieva', cyrillic: 'Султаналиева' }, contacts: [{ kind: 'phone', value: '+996 555 123 456' }], consent },
    });
    await api('people.create', { fields: { pseudonym: 'Baha', given: { latin: 'Bakyt', cyrillic: 'Бакыт' }, consent } });
    await api('people.create', { fields: { pseudonym: 'Nur', given: { latin: 'Nurbek', cyrillic: 'Нурбек' } } });
    const make = async (fields: object) => (await api<{ id: string }>('interviews.create', { fields })).id;
    taggedId = await make({ title: 'Night search in Osh', date: '2026-03-02', tags: ['border', 'detention'], people: [aigul.id], summary: 'Search at night.' });
    await make({ title: 'At the checkpoint', date: '2026-03-05', tags: ['Border'], summary: 'Questions at the checkpoint.' });
    stayingId = await make({ title: 'Market day', date: '2026-03-09', tags: ['market'], people: [aigul.id], summary: 'A quiet day at the market.' });
    await make({ title: 'Untagged notes', date: '2026-03-10', summary: 'Notes.' });
    await api('colleagues.add', { card: card.card, label: 'Dana (Almaty office)' });
    // the shell read the register when it opened: go through another section so the lists are fresh
    await nav('People').click();
  }, 180_000);

  afterAll(async () => {
    await preview?.close();
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  it('explains travel mode at home and lists the tags in use and the colleagues to choose from', async () => {
    await nav('Travel').click();
    await page.getByRole('heading', { name: 'Travel', level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'How travel mode works' }).waitFor();
    expect(await bodyText()).toContain('not stored on this laptop');
    expect(await page.locator('.travel-card__always').innerText()).toContain('3 people');
    // each tag in use, with its interviews ("Border" and "border" are one tag to the core, so one choice here)
    const tags = page.getByRole('group', { name: 'Interviews that leave too' });
    await expect.poll(() => tags.getByRole('checkbox').count()).toBe(3);
    expect(await tags.locator('.travel-choice').allInnerTexts()).toEqual(['border\n2 interviews', 'detention\n1 interview', 'market\n1 interview']);
    const colleagues = page.getByRole('group', { name: 'Colleagues who may also open it (optional)' });
    await expect.poll(() => colleagues.getByRole('checkbox').count()).toBe(1);
    await tags.getByRole('checkbox', { name: /^border/ }).check();
    await colleagues.getByRole('checkbox', { name: /Dana/ }).check();
    // the preview types the path (the app opens its Save dialog)
    await page.getByLabel('Package file').fill(packagePath());
    const top = () => page.evaluate(() => document.getElementById('main')?.scrollTo(0, 0));
    await top();
    await shoot(page, 'travel-home');
    await page.getByRole('button', { name: 'Review and send away…' }).scrollIntoViewIfNeeded();
    await shoot(page, 'travel-home-end');
    await page.setViewportSize({ width: 1000, height: 800 });
    await top();
    await shoot(page, 'travel-home-1000');
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('says what will leave before anything does; cancel changes nothing', async () => {
    await page.getByRole('button', { name: 'Review and send away…' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Send the register away?' });
    await dialog.waitFor();
    const summary = await dialog.locator('.travel-summary').innerText();
    expect(summary).toContain('All 3 people, with names and contacts');
    // "border" and "Border" are one tag to the core: both interviews leave
    expect(summary).toContain('2 interviews tagged border');
    expect(summary).toContain('The recovery code; if it is lost, Dana (Almaty office) can make a new one');
    expect(summary).toContain(packagePath());
    expect(await dialog.innerText()).toContain('nothing leaves before that');
    await shoot(page, 'travel-confirm');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(await api<TravelStatus>('travel.status')).toEqual({ state: 'home' });
    expect(existsSync(packagePath())).toBe(false);
  });

  it('shows the code before anything leaves; a lock on the code screen leaves the register at home', async () => {
    // in Russian (the choice belongs to the vault, so it is back after the unlock)
    await nav('Settings').click();
    await page.getByLabel('Language', { exact: true }).selectOption('ru');
    await nav('Поездка').click();
    await page.getByLabel('Файл пакета').fill(packagePath());
    await page.getByRole('button', { name: 'Проверить и отправить…' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Продолжить' }).click();
    await page.getByRole('heading', { name: 'Запишите код восстановления' }).waitFor();
    await expect.poll(() => page.locator('.recovery__text').count()).toBe(12);
    expect(await page.locator('.recovery').innerText()).toContain('Из хранилища пока ничего не ушло.');
    await page.locator('.recovery__input input').first().fill('abc');
    await page.setViewportSize({ width: 1000, height: 800 });
    await page.locator('.recovery__confirm').scrollIntoViewIfNeeded();
    await shoot(page, 'travel-code-ru-1000');
    await page.setViewportSize({ width: 1280, height: 800 });
    // the code is on screen, nothing has moved
    expect(await api<TravelStatus>('travel.status')).toEqual({ state: 'home' });
    expect(existsSync(packagePath())).toBe(false);

    // Ctrl+L while typing a word: the code goes with the shell, and the register never left
    await page.keyboard.press('Control+L');
    // the unlock screen speaks the system's language; the vault's Russian is back once unlocked
    await page.getByLabel('Vault location', { exact: true }).fill(join(workDir, 'Travel.fieldvault'));
    await page.getByLabel('Passphrase', { exact: true }).fill(PASS);
    await page.getByRole('button', { name: 'Unlock', exact: true }).click();
    await page.getByRole('heading', { name: 'Интервью', exact: true }).waitFor();
    expect(await api<TravelStatus>('travel.status')).toEqual({ state: 'home' });
    expect(existsSync(packagePath())).toBe(false);
    await nav('Люди').click();
    await expect.poll(() => page.locator('.people-table tbody tr').count()).toBe(3);
    await nav('Поездка').click();
    await page.locator('.travel-steps').waitFor();
    expect(await page.locator('.recovery').count()).toBe(0);
    await nav('Настройки').click();
    await page.getByLabel('Язык', { exact: true }).selectOption('system');
  });

  it('moves the register out only after three words typed back from the paper, and never shows the code again', async () => {
    await nav('Travel').click();
    // the lock dropped the form with the code: choose again
    await page.getByRole('group', { name: 'Interviews that leave too' }).getByRole('checkbox', { name: /^border/ }).check();
    await page.getByRole('group', { name: 'Colleagues who may also open it (optional)' }).getByRole('checkbox', { name: /Dana/ }).check();
    await page.getByLabel('Package file').fill(packagePath());
    await page.getByRole('button', { name: 'Review and send away…' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('heading', { name: 'Write down your recovery code' }).waitFor();
    const words = page.getByRole('list', { name: 'Recovery code, 12 words' }).locator('.recovery__text');
    await expect.poll(() => words.count()).toBe(12);
    code = (await words.allInnerTexts()).join(' ');
    const list = code.split(' ');
    expect(await page.locator('.recovery__n').allInnerTexts()).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12']);
    const recovery = page.locator('.recovery');
    expect(await recovery.innerText()).toContain('Nothing has left the vault yet.');
    expect(await recovery.innerText()).toContain('Write these words on paper now: they are the only way back');
    expect(await recovery.innerText()).toContain('Dana (Almaty office)');
    // nothing offers to copy it
    expect(await recovery.getByRole('button', { name: /copy/i }).count()).toBe(0);

    // three distinct positions, asked by number
    const labels = await page.locator('.recovery__input label').allInnerTexts();
    expect(labels).toHaveLength(3);
    const positions = labels.map((l) => Number(/^Word (\d+)$/.exec(l)?.[1]));
    expect(new Set(positions).size).toBe(3);
    for (const n of positions) expect(n >= 1 && n <= 12).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    const field = (i: number) => page.getByLabel(`Word ${positions[i]}`, { exact: true });
    const go = page.getByRole('button', { name: 'Move the register out now' });
    expect(await go.isDisabled()).toBe(true);

    // a wrong word (another word of the code) keeps the button off and says so once the field is left
    const wrongWord = list.find((w, i) => i !== positions[0]! - 1 && w !== list[positions[0]! - 1])!;
    await field(0).fill(wrongWord);
    await field(1).focus();
    await page.getByText(`This is not word ${positions[0]}.`, { exact: false }).waitFor();
    await field(1).fill(list[positions[1]! - 1]!);
    // any case and spaces, or the first four letters
    await field(2).fill(`  ${list[positions[2]! - 1]!.slice(0, 4).toUpperCase()} `);
    expect(await go.isDisabled()).toBe(true);
    expect(await page.locator('.recovery__input--ok').count()).toBe(2);
    // the check and the button it holds back
    await page.locator('.recovery__confirm').scrollIntoViewIfNeeded();
    await shoot(page, 'travel-code');
    await page.setViewportSize({ width: 1000, height: 800 });
    await page.locator('.recovery__confirm').scrollIntoViewIfNeeded();
    await shoot(page, 'travel-code-1000');
    await page.evaluate(() => document.getElementById('main')?.scrollTo(0, 0));
    await shoot(page, 'travel-code-top-1000');
    await page.setViewportSize({ width: 1280, height: 800 });
    expect(await api<TravelStatus>('travel.status')).toEqual({ state: 'home' });

    await field(0).fill(list[positions[0]! - 1]!);
    await expect.poll(() => go.isDisabled()).toBe(false);
    expect(await api<TravelStatus>('travel.status')).toEqual({ state: 'home' });
    expect(existsSync(packagePath())).toBe(false);

    // refused (a file is in the way): nothing left, still on the code, and the same code goes on the retry
    writeFileSync(packagePath(), 'in the way');
    await go.click();
    await page.getByText('A file is already there. Choose a new file for the package.').waitFor({ timeout: 30_000 });
    expect(await api<TravelStatus>('travel.status')).toEqual({ state: 'home' });
    expect((await words.allInnerTexts()).join(' ')).toBe(code);
    rmSync(packagePath());
    await go.click();

    await page.getByRole('heading', { name: 'The register has left the vault' }).waitFor({ timeout: 30_000 });
    const started = await page.locator('.recovery--done').innerText();
    expect(started).toContain('3 people and 2 interviews are in the travel package');
    expect(started).toContain(packagePath());
    expect(started).toContain('Keep the paper away from the laptop');
    expect(started).toContain('Dana (Almaty office)');
    // the words are not shown again
    expect(await page.locator('.recovery__words').count()).toBe(0);
    expect(await page.content()).not.toContain(code);
    expect(existsSync(packagePath())).toBe(true);
    const status = await api<TravelStatus>('travel.status');
    expect(status.state).toBe('away');
    if (status.state === 'away') expect(status.moved).toMatchObject({ people: 3, interviews: 2 });
    await shoot(page, 'travel-started');
    await page.setViewportSize({ width: 1000, height: 800 });
    await shoot(page, 'travel-started-1000');
    await page.setViewportSize({ width: 1280, height: 800 });

    await page.getByRole('button', { name: 'Done', exact: true }).click();
    await page.getByRole('heading', { name: 'Bring the register back' }).waitFor();
    expect(await page.content()).not.toContain(code);
  });

  it('shows the away state across the app: banner, People, an interview’s people, export and brief refused', async () => {
    const away = page.locator('.travel-away');
    expect(await away.innerText()).toContain('The register is away since');
    expect(await away.locator('.away-codes__code').allInnerTexts()).toEqual(['W-001', 'W-002', 'W-003']);
    await shoot(page, 'travel-away');

    await nav('People').click();
    await page.getByRole('heading', { name: 'People', level: 1 }).waitFor();
    const notice = page.getByRole('region', { name: 'The register is away', exact: true });
    expect(await notice.innerText()).toContain('3 people left the vault on');
    expect(await notice.locator('.away-codes__code').allInnerTexts()).toEqual(['W-001', 'W-002', 'W-003']);
    // not the empty register's "add your first person"
    expect(await page.locator('.empty-state').count()).toBe(0);
    expect(await bodyText()).not.toContain('Aigul');
    await shoot(page, 'travel-away-people');

    // an interview that stayed keeps its link to a person who is away, shown as away
    await nav('Interviews').click();
    // elsewhere, the banner says it across the app (the people list has its own notice instead)
    const banner = page.locator('.travel-banner:not(.travel-banner--pending)');
    await banner.waitFor();
    expect(await banner.innerText()).toMatch(/The register is away since .+\n?3 people, 2 interviews in the travel package\. Exports are off\./s);
    await banner.getByRole('button', { name: 'Travel…' }).waitFor();
    await page.getByRole('button', { name: /Market day/ }).first().click();
    const people = page.getByRole('list', { name: 'Linked people' });
    await people.waitFor();
    expect(await people.innerText()).toContain('Away');
    expect(await people.innerText()).toContain('In the travel package until the register is back');
    await people.scrollIntoViewIfNeeded();
    await shoot(page, 'travel-away-interview');

    // its export is refused in plain words, with the way to Travel
    await page.getByRole('button', { name: /^Export/ }).first().click();
    const refusal = page.locator('.travel-refusal');
    await refusal.waitFor();
    expect(await refusal.innerText()).toContain('Exports are off while the register is away');
    expect(await refusal.innerText()).toContain('Redaction needs the names');
    await shoot(page, 'travel-export-refused');

    await nav('Brief').click();
    await page.locator('.travel-refusal').waitFor();
    expect(await page.locator('.travel-refusal').innerText()).toContain('Briefs are off while the register is away');
    expect(stayingId).not.toBe('');
    expect(taggedId).not.toBe('');
  });

  it('in Russian, at 1000 px, the away state and the form to bring it back', async () => {
    await nav('Settings').click();
    await page.getByLabel('Language', { exact: true }).selectOption('ru');
    await nav('Поездка').click();
    await page.getByRole('heading', { name: 'Вернуть реестр' }).waitFor();
    expect(await page.locator('.travel-away').innerText()).toContain('Реестр в отъезде с');
    await page.setViewportSize({ width: 1000, height: 800 });
    await shoot(page, 'travel-away-ru-1000');
    await nav('Интервью').click();
    await page.locator('.travel-banner').waitFor();
    expect(await page.locator('.travel-banner').innerText()).toContain('3 человека, 2 интервью в пакете поездки. Экспорт отключён.');
    await nav('Люди').click();
    await page.getByRole('region', { name: 'Реестр в отъезде', exact: true }).waitFor();
    expect(await page.locator('.travel-banner').count()).toBe(0);
    await shoot(page, 'travel-people-ru-1000');
    await page.setViewportSize({ width: 1280, height: 800 });
    await nav('Настройки').click();
    await page.getByLabel('Язык', { exact: true }).selectOption('system');
    await nav('Travel').click();
    await page.getByRole('heading', { name: 'Bring the register back' }).waitFor();
  });

  it('refuses a mistyped word, a missing word, a wrong code, another vault’s package and a damaged one, changing nothing', async () => {
    const file = page.getByLabel('Travel package');
    const codeField = page.getByLabel('Recovery code');
    const submit = page.getByRole('button', { name: 'Bring the register back' });
    const fieldError = (field: 'file' | 'code') => page.locator('.travel-end .field').nth(field === 'file' ? 0 : 1).locator('.field__error');
    await shoot(page, 'travel-end');

    // nothing typed: says what is missing
    await submit.click();
    expect(await fieldError('file').innerText()).toBe('Choose the travel package first.');
    await file.fill(packagePath());
    await submit.click();
    expect(await fieldError('code').innerText()).toBe('Type the recovery code.');

    const words = code.split(' ');
    // word 5 misspelt (not a word of the list)
    await codeField.fill([...words.slice(0, 4), 'zzzzz', ...words.slice(5)].join(' '));
    await submit.click();
    await expect.poll(() => fieldError('code').innerText()).toBe('Word 5 is not one of the code’s words. Check its spelling on your paper.');
    expect(await page.locator('.travel-end__unchanged').innerText()).toBe('Nothing in the vault was changed.');
    await shoot(page, 'travel-end-error');

    // a word left out
    await codeField.fill(words.slice(0, 11).join(' '));
    await submit.click();
    await expect.poll(() => fieldError('code').innerText()).toBe('The code has 11 words; it needs 12. Check that none is missing or doubled.');

    // another package's valid code
    await codeField.fill(otherCode);
    await submit.click();
    await expect.poll(() => fieldError('code').innerText()).toBe('This code does not open this package. Is it the code written down for this trip?');

    // the package of another vault
    await file.fill(otherPackage());
    await codeField.fill(code);
    await submit.click();
    await expect.poll(() => fieldError('file').innerText()).toBe('This package was made by another vault. Choose the package this vault wrote.');

    // a damaged copy of the right package
    const bytes = readFileSync(packagePath());
    const at = bytes.length - 40;
    bytes.writeUInt8(bytes.readUInt8(at) ^ 0xff, at);
    const damaged = join(outDir, 'damaged.fvtravel');
    writeFileSync(damaged, bytes);
    await file.fill(damaged);
    await submit.click();
    await expect.poll(() => fieldError('file').innerText()).toMatch(/damaged|another vault|not a Fieldvault travel package/);

    const status = await api<TravelStatus>('travel.status');
    expect(status.state).toBe('away');
  });

  it('brings the register back with the right code typed any old way, and says what came back', async () => {
    await page.getByLabel('Travel package').fill(packagePath());
    // capitals, line breaks and extra spaces do not matter
    const words = code.split(' ');
    await page.getByLabel('Recovery code').fill(`  ${words.slice(0, 6).join('  ').toUpperCase()}\n${words.slice(6).join(' ')}  `);
    await page.getByRole('button', { name: 'Bring the register back' }).click();
    const done = page.getByRole('status').filter({ hasText: 'The register is back' });
    await done.waitFor({ timeout: 30_000 });
    expect(await done.innerText()).toMatch(/3 people and 2 interviews came back \(\d+ records, each checked\), away since .+\. Exports are on again\./);
    await page.getByRole('heading', { name: 'How travel mode works' }).waitFor();
    await shoot(page, 'travel-returned');
    expect(await api<TravelStatus>('travel.status')).toEqual({ state: 'home' });

    await nav('People').click();
    await page.getByRole('button', { name: /W-001/ }).waitFor();
    expect(await page.locator('.travel-banner').count()).toBe(0);
    expect(await page.locator('.people-table tbody tr').count()).toBe(3);
    expect(preview.consoleErrors).toEqual([]);
  });
});
