import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPreviewServer, type PreviewServer } from '../../src/preview/server';
import { buildRenderer, CHEAP_KDF, hasChromium, launchChromium, shoot, skipNotice } from './support';

skipNotice();

const PASS = 'lantern copper river mosque';
const TITLE = 'Night search of a returnee family';
/** The register has "+996 555 123 456"; the summary writes it another way. */
const SUMMARY =
  'Мы встретились с Айгуль Султаналиевой в Оше, во дворе дома её сестры. ' +
  'Её номер +996 (555) 12-34-56, звонить только вечером.\n\n' +
  'О ночном обыске рассказал также Бакыт Жумабеков; Нурбек Осмонов видел, как увозили мужчин.';
const SECRETS = ['Айгуль', 'Султаналиев', '555', '12-34-56', 'Нурбек', 'Осмонов', 'Оше'];

describe.skipIf(!hasChromium)('export review in Debian Chromium: highlights, decisions, live result, leak check, consent', () => {
  let server: PreviewServer;
  let browser: Browser;
  let page: Page;
  let workDir: string;
  let outDir: string;
  const consoleErrors: string[] = [];

  const nav = (name: string) => page.getByRole('navigation', { name: 'Vault sections' }).getByRole('button', { name });
  const saved = () => page.locator('.save-status--saved');
  const result = () => page.getByRole('article', { name: 'Redacted result' });
  const finding = (name: string | RegExp) => page.getByRole('switch', { name });
  const exportButton = () => page.getByRole('button', { name: 'Export', exact: true });

  async function toTop(): Promise<void> {
    await page.evaluate(() => {
      (document.activeElement as HTMLElement | null)?.blur();
      window.getSelection()?.removeAllRanges();
      document.getElementById('main')?.scrollTo(0, 0);
    });
  }

  /** Scrolls the original to its end, where the summary is (for screenshots). */
  async function showSummary(): Promise<void> {
    await page.locator('.pane__body').first().evaluate((el) => el.scrollTo(0, el.scrollHeight));
  }

  /** Selects `text` inside the original view of a field, as a mouse drag would. */
  async function select(field: string, text: string): Promise<void> {
    await page.evaluate(
      ([field, text]) => {
        const el = document.querySelector(`[data-field-text="${field}"]`)!;
        const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          const at = n.textContent!.indexOf(text);
          if (at < 0) continue;
          const r = document.createRange();
          r.setStart(n, at);
          r.setEnd(n, at + text.length);
          const sel = window.getSelection()!;
          sel.removeAllRanges();
          sel.addRange(r);
          return;
        }
        throw new Error(`not found: ${text}`);
      },
      [field, text] as const,
    );
  }

  async function addPerson(fill: () => Promise<void>): Promise<void> {
    await nav('People').click();
    await page.getByRole('button', { name: 'Add person' }).first().click();
    await page.getByLabel('Pseudonym', { exact: true }).waitFor();
    await fill();
    await saved().waitFor({ timeout: 3000 });
  }

  async function newInterview(title: string, summary: string): Promise<void> {
    await nav('Interviews').click();
    await page.getByRole('button', { name: 'New interview' }).first().click();
    await page.getByLabel('Title', { exact: true }).fill(title);
    await page.getByLabel('Date', { exact: true }).fill('2026-03-02');
    await page.getByLabel('Interviewer', { exact: true }).fill('Researcher A');
    await page.getByLabel('Country', { exact: true }).fill('Kyrgyzstan');
    await page.getByLabel('City', { exact: true }).fill('Osh');
    await page.getByRole('textbox', { name: 'Summary' }).click();
    await page.keyboard.insertText(summary);
    await expect.poll(() => page.getByRole('textbox', { name: 'Summary' }).textContent()).toContain(summary.slice(-20));
    await saved().waitFor({ timeout: 3000 });
  }

  beforeAll(async () => {
    const rendererDir = await buildRenderer();
    workDir = mkdtempSync(join(tmpdir(), 'fv-export-'));
    outDir = join(workDir, 'out');
    server = await startPreviewServer({ rendererDir, kdf: CHEAP_KDF });
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: 'light', reducedMotion: 'reduce' });
    page = await context.newPage();
    page.setDefaultTimeout(10_000);
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => consoleErrors.push(e.message));
    await page.goto(server.url);
    await page.getByRole('button', { name: 'Create a vault' }).click();
    await page.getByLabel('Location', { exact: true }).fill(join(workDir, 'Export.fieldvault'));
    await page.getByLabel('Passphrase', { exact: true }).fill(PASS);
    await page.getByLabel('Confirm passphrase', { exact: true }).fill(PASS);
    await page.getByRole('button', { name: 'Create vault' }).click();
    await page.getByRole('heading', { name: 'Interviews', exact: true }).waitFor();
    mkdirSync(outDir);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  it('highlights findings by kind, takes decisions and hand redactions, and exports a clean file', async () => {
    await addPerson(async () => {
      await page.getByLabel('Pseudonym', { exact: true }).fill('Asel');
      await page.getByRole('button', { name: 'Add Given name (Cyrillic)' }).click();
      await page.getByLabel('Given name (Cyrillic)', { exact: true }).fill('Айгуль');
      await page.getByRole('button', { name: 'Add Family name (Cyrillic)' }).click();
      await page.getByLabel('Family name (Cyrillic)', { exact: true }).fill('Султаналиева');
      await page.getByRole('button', { name: 'Add contact' }).click();
      await page.getByLabel('Phone 1', { exact: true }).fill('+996 555 123 456');
      await page.getByLabel('Consent given on').fill('2026-03-02');
      await page.getByRole('radio', { name: 'Oral' }).check();
      await page.getByRole('checkbox', { name: 'Quoting what they said' }).check();
    });
    await newInterview(TITLE, SUMMARY);

    await page.getByRole('button', { name: 'Export…' }).click();
    await page.getByRole('heading', { name: /Export INT-0001/ }).waitFor();

    // every finding is highlighted by kind; suggestions are told apart
    const person = finding('Person: Айгуль Султаналиевой');
    const phone = finding('Phone: +996 (555) 12-34-56');
    const bakyt = finding('Person suggestion: Бакыт Жумабеков');
    const nurbek = finding('Person suggestion: Нурбек Осмонов');
    await person.waitFor();
    expect(await person.getAttribute('class')).toMatch(/kind--person.*finding--auto.*finding--redacted/);
    expect(await phone.getAttribute('class')).toMatch(/kind--phone.*finding--auto.*finding--redacted/);
    for (const s of [bakyt, nurbek]) {
      expect(await s.getAttribute('class')).toMatch(/kind--person.*finding--suggestion.*finding--kept/);
      expect(await s.getAttribute('aria-checked')).toBe('false');
    }
    const legend = page.getByRole('list', { name: 'Findings by kind' });
    expect(await legend.getByRole('listitem').filter({ hasText: 'Person' }).textContent()).toContain('3');
    expect(await legend.getByRole('listitem').filter({ hasText: 'Phone' }).textContent()).toContain('1');
    // the register name and the phone are already gone from the result; the suggestions are not (yet)
    let out = (await result().textContent()) ?? '';
    expect(out).toContain('[REDACTED]');
    for (const s of ['Айгуль', 'Султаналиев', '12-34-56']) expect(out).not.toContain(s);
    expect(out).toContain('Нурбек Осмонов');
    await toTop();
    await showSummary();
    await shoot(page, '40-export-review-opened');

    // accept one suggestion with the mouse; take the other from the keyboard, then reject it again
    await nurbek.click();
    await expect.poll(() => nurbek.getAttribute('aria-checked')).toBe('true');
    await bakyt.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => bakyt.getAttribute('aria-checked')).toBe('true');
    await page.getByText(/Suggested: a name not in the register \(/).waitFor();
    await page.keyboard.press('Space');
    await expect.poll(() => bakyt.getAttribute('aria-checked')).toBe('false');

    // hand redaction: a mouse selection and the button, then a keyboard selection and the R shortcut
    const redactButton = page.getByRole('button', { name: /Redact selection/ });
    expect(await redactButton.isDisabled()).toBe(true);
    await select('text', 'Оше');
    await expect.poll(() => redactButton.isDisabled()).toBe(false);
    await redactButton.click();
    const handList = page.getByRole('list', { name: 'Redacted by hand' });
    await handList.getByText('“Оше”').waitFor();

    // keyboard only: Tab to the title, select its first word with Shift+Ctrl+Right, press R
    await page.getByRole('button', { name: /Back to INT-0001/ }).focus();
    for (let i = 0; i < 15 && !(await page.evaluate(() => document.activeElement?.getAttribute('aria-label') === 'Title, original')); i++) await page.keyboard.press('Tab');
    await page.keyboard.press('Shift+Control+ArrowRight');
    await expect.poll(() => page.evaluate(() => window.getSelection()!.toString())).toMatch(/^Night/);
    // a single letter acts only while the review has focus (WCAG 2.1.4): from the Back button, R does nothing
    await page.getByRole('button', { name: /Back to INT-0001/ }).focus();
    await page.keyboard.press('r');
    await page.waitForTimeout(300);
    expect(await handList.getByText('“Night”').count()).toBe(0);
    await page.getByRole('region', { name: 'Title, original' }).focus();
    expect(await page.evaluate(() => window.getSelection()!.toString())).toMatch(/^Night/);
    await page.keyboard.press('r');
    await handList.getByText('“Night”').waitFor();
    await expect.poll(() => result().locator('.preview__title').textContent()).toBe('[REDACTED] search of a returnee family');
    // a hand redaction can be removed again
    await page.getByRole('button', { name: 'Remove hand redaction “Night”' }).click();
    await expect.poll(() => result().locator('.preview__title').textContent()).toBe(TITLE);

    out = (await result().textContent()) ?? '';
    for (const s of SECRETS) expect(out, s).not.toContain(s);
    expect(out).toContain('Бакыт Жумабеков'); // the rejected suggestion stays
    expect(out.match(/\[REDACTED\]/g)?.length).toBe(4); // name, phone, accepted suggestion, "Оше"
    await toTop();
    await showSummary();
    await page.locator('.finding--auto.kind--phone').hover();
    await shoot(page, '41-export-review-decided');

    // the register person can become their pseudonym instead; the decisions stay
    await page.getByRole('radio', { name: 'Pseudonym' }).check();
    await expect.poll(() => result().textContent()).toContain('с Asel в');
    await page.getByRole('radio', { name: 'Code name' }).check();
    await expect.poll(() => result().textContent()).toContain('с W-001 в');
    await page.getByRole('radio', { name: '[REDACTED]' }).check();
    await expect.poll(() => result().textContent()).not.toContain('W-001');
    expect((await result().textContent())?.match(/\[REDACTED\]/g)?.length).toBe(4);

    // export to a temporary folder; the file name names nobody
    const target = join(outDir, 'INT-0001-summary-redacted.md');
    await page.getByLabel('Save as').fill(target);
    await exportButton().click();
    const success = page.getByRole('status').filter({ hasText: 'Exported' });
    await success.waitFor();
    expect(await success.textContent()).toContain(target);
    expect(await success.textContent()).toMatch(/Person 2 · Phone 1 · By hand 1/);
    expect(await success.textContent()).toMatch(/SHA-256[0-9a-f]{16}…/);
    await page.getByRole('heading', { name: /Export INT-0001/ }).waitFor(); // the review stays open
    await toTop();
    await shoot(page, '42-export-done');

    const file = readFileSync(target, 'utf8');
    for (const s of SECRETS) expect(file, s).not.toContain(s);
    expect(file).toContain('[REDACTED]');
    expect(file).toContain('Бакыт Жумабеков');
    // content only: the title, the date and place, the summary; no interviewer, code, front matter or vault details
    expect(file.startsWith(`# ${TITLE}\n\n2026-03-02 · Osh, Kyrgyzstan\n\n`)).toBe(true);
    for (const s of ['Researcher A', 'INT-0001', 'W-001', 'Asel', '---', 'Fieldvault', workDir]) expect(file, s).not.toContain(s);
    expect(readdirSync(outDir)).toEqual(['INT-0001-summary-redacted.md']);
  });

  it('stops the export when a kept phone number would leak, shows where, and writes nothing', async () => {
    const phone = finding('Phone: +996 (555) 12-34-56');
    await phone.click();
    await expect.poll(() => phone.getAttribute('aria-checked')).toBe('false');
    await page.getByText('a contact detail that stays will stop the export').waitFor();
    expect(await result().textContent()).toContain('+996 (555) 12-34-56'); // the preview shows what would leave

    const target = join(outDir, 'INT-0001-leak.md');
    await page.getByLabel('Save as').fill(target);
    await exportButton().click();
    const leak = page.getByRole('alert').filter({ hasText: 'Export stopped' });
    await leak.waitFor();
    const message = (await leak.textContent()) ?? '';
    const where = leak.getByRole('list', { name: 'What would have leaked' }).getByRole('listitem');
    expect(await where.count()).toBe(1);
    expect(await where.first().textContent()).toBe('Phonein the text');
    expect(message).not.toContain('12-34-56'); // the message never repeats the leaked text
    expect(message).not.toContain('555');
    expect(existsSync(target)).toBe(false);
    expect(readdirSync(outDir)).toEqual(['INT-0001-summary-redacted.md']);
    await page.getByRole('heading', { name: /Export INT-0001/ }).waitFor(); // still reviewing
    await toTop();
    await shoot(page, '43-export-leak-stopped');
    await phone.click();
    await expect.poll(() => phone.getAttribute('aria-checked')).toBe('true');
  });

  it('blocks the export of a person who withdrew consent, with the reason', async () => {
    await addPerson(async () => {
      await page.getByLabel('Pseudonym', { exact: true }).fill('Timur');
      await page.getByLabel('Consent given on').fill('2026-01-10');
      await page.getByRole('radio', { name: 'Oral' }).check();
      await page.getByRole('checkbox', { name: 'Quoting what they said' }).check();
      await page.getByLabel('Consent withdrawn on').fill('2026-03-20');
    });
    await newInterview('Detention at the market', 'W-002 described the detention at the market and the night in the cell.');
    await page.getByRole('button', { name: 'Export…' }).click();
    const blocked = page.getByRole('alert').filter({ hasText: 'Export blocked by consent' });
    await blocked.waitFor();
    expect(await blocked.getByRole('list', { name: 'Consent reasons' }).textContent()).toMatch(/W-002 withdrew consent on Mar 20, 2026\./);
    expect(await exportButton().isDisabled()).toBe(true);
    await page.getByText('Export is blocked by consent (see above).').waitFor();
    await toTop();
    await shoot(page, '44-export-consent-blocked');
  });

  it('keeps an allow-list in Settings', async () => {
    await nav('Settings').click();
    const box = page.getByLabel('Never redact', { exact: true });
    await box.fill('Бакыт Жумабеков');
    await page.keyboard.press('Enter');
    await page.getByText('Added “Бакыт Жумабеков”.').waitFor();
    await box.fill('+996 312 000 000');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    const list = page.getByRole('list', { name: 'Never redacted' });
    await list.getByText('+996 312 000 000').waitFor();
    await page.getByRole('button', { name: 'Remove “+996 312 000 000”' }).click();
    await expect.poll(() => list.getByRole('listitem').count()).toBe(1);
    await page.getByRole('heading', { name: 'Never redacted on export' }).scrollIntoViewIfNeeded();
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await shoot(page, '45-settings-allow-list');
    expect(consoleErrors).toEqual([]);
  });

  it('offers to redact every other form of a word redacted by hand, by mouse or keyboard, with undo', async () => {
    await newInterview(
      'Задержание Рустама на границе',
      'Рустам вернулся из Москвы в марте. На границе Рустаму не дали позвонить; с Рустамом говорил офицер. ' +
        'Rustam asked us to keep the date out. Его двоюродный брат Рустамбек ждал в машине.',
    );
    await page.getByRole('button', { name: 'Export…' }).click();
    await page.getByRole('heading', { name: /Export INT-\d+/ }).waitFor();
    await finding(/Рустамом/).waitFor();
    const handList = page.getByRole('list', { name: 'Redacted by hand' });
    const offer = page.getByRole('region', { name: 'Redact the other forms' });
    const rustam = /Рустам(?!бек)|Rustam/;

    // by mouse: select one form, redact it; the bar offers the others, found by the core in every field
    await select('text', 'Рустаму');
    await page.getByRole('button', { name: /Redact selection/ }).click();
    await offer.waitFor();
    expect(await offer.getByRole('paragraph').first().textContent()).toBe('Also redact 4 other forms of “Рустаму” in this document?');
    const chips = offer.getByRole('list', { name: 'Other forms found' }).getByRole('listitem');
    expect(await chips.allTextContents()).toEqual(['Рустамаin the title', 'Рустам', 'Рустамом', 'Rustam']);
    expect(await offer.textContent()).not.toContain('Рустамбек'); // another name, not a form of this one
    expect(await handList.getByRole('listitem').count()).toBe(1); // nothing more is redacted until asked
    expect(await result().textContent()).toMatch(rustam);
    await toTop();
    await shoot(page, '46-export-forms-offer');

    await offer.getByRole('button', { name: /^Redact all 4/ }).click();
    const done = page.getByRole('region', { name: 'Other forms redacted' });
    await done.waitFor();
    expect(await offer.count()).toBe(0);
    expect(await done.getByRole('paragraph').first().textContent()).toBe('Redacted 4 more places where “Рустаму” appears.');
    expect(await handList.getByRole('listitem').count()).toBe(5);
    let out = (await result().textContent()) ?? '';
    expect(out).not.toMatch(rustam);
    expect(out).toContain('Рустамбек');
    expect(await result().locator('.preview__title').textContent()).toBe('Задержание [REDACTED] на границе');
    await toTop();
    await shoot(page, '47-export-forms-done');

    // undo takes back exactly what the bar added
    await done.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => handList.getByRole('listitem').count()).toBe(1);
    expect(await done.count()).toBe(0);
    out = (await result().textContent()) ?? '';
    expect(out).toContain('Rustam asked');
    expect(await result().locator('.preview__title').textContent()).toBe('Задержание Рустама на границе');

    // by keyboard: the second word of the title with Ctrl+Right then Shift+Ctrl+Right, R, then A for all
    await page.getByRole('button', { name: /Back to INT-\d+/ }).focus();
    for (let i = 0; i < 15 && !(await page.evaluate(() => document.activeElement?.getAttribute('aria-label') === 'Title, original')); i++) await page.keyboard.press('Tab');
    await page.keyboard.press('Control+ArrowRight');
    await page.keyboard.press('Shift+Control+ArrowRight');
    await expect.poll(() => page.evaluate(() => window.getSelection()!.toString().trim())).toBe('Рустама');
    await page.keyboard.press('r');
    await offer.waitFor();
    expect(await offer.getByRole('paragraph').first().textContent()).toBe('Also redact 3 other forms of “Рустама” in this document?'); // Рустаму is redacted already
    await page.keyboard.press('a');
    await done.waitFor();
    expect(await handList.getByRole('listitem').count()).toBe(5);
    out = (await result().textContent()) ?? '';
    expect(out).not.toMatch(rustam);
    expect(out.match(/\[REDACTED\]/g)?.length).toBe(5); // Рустама in the title; Рустам, Рустаму, Рустамом, Rustam in the text
    // Escape closes the bar; what it redacted stays
    await page.keyboard.press('Escape');
    await expect.poll(() => done.count()).toBe(0);
    expect(await handList.getByRole('listitem').count()).toBe(5);

    // a word with no other form in the document: no bar, only the spoken status
    await select('text', 'офицер');
    await page.keyboard.press('r');
    await page.getByText('Selection redacted by hand. It appears nowhere else in this document.').waitFor({ state: 'attached' });
    expect(await offer.count()).toBe(0);
    expect(consoleErrors).toEqual([]);
  });

  it('puts a contact detail or, after a confirmation, a name on the allow-list from the review, with undo', async () => {
    await newInterview(
      'Жалоба прокурору',
      'Звонить в наш офис: +996 312 66 55 44, факс +996 (312) 66-55-44. Генеральный прокурор Курманкул Зулушев отказал в проверке; ' +
        'жалобу Курманкулу Зулушеву отправили повторно. Свидетельница Гульнара Асанова просила не называть её.',
    );
    await page.getByRole('button', { name: 'Export…' }).click();
    await page.getByRole('heading', { name: /Export INT-\d+/ }).waitFor();
    const phones = page.locator('.finding.kind--phone');
    await expect.poll(() => phones.count()).toBe(2);
    const added = page.getByRole('region', { name: 'Added to the allow-list' });

    // the office phone: straight onto the list (letterhead), every format of it gone from the review at once
    await finding('Phone: +996 312 66 55 44').hover();
    await page.getByText('Found: a contact detail (phone).').waitFor();
    await shoot(page, '48-export-allow-finding');
    await page.getByRole('button', { name: 'Never redact this: “+996 312 66 55 44”' }).click();
    await added.waitFor();
    expect(await page.getByRole('alertdialog').count()).toBe(0); // no confirmation for a contact detail
    expect(await added.getByRole('paragraph').first().textContent()).toBe('“+996 312 66 55 44” will never be redacted in any export.');
    expect(await added.textContent()).toContain('2 highlights gone from this review.');
    expect(await phones.count()).toBe(0);
    expect(await result().textContent()).toContain('+996 312 66 55 44, факс +996 (312) 66-55-44');
    await toTop();
    await showSummary();
    await shoot(page, '49-export-allow-contact');
    // undo: it is taken off the list and redacted again
    await added.getByRole('button', { name: 'Undo' }).click();
    await page.getByRole('region', { name: 'Allow-list change undone' }).waitFor();
    await expect.poll(() => phones.count()).toBe(2);
    expect(await result().textContent()).not.toContain('66 55 44');

    // a name, from the keyboard: N on a highlight asks first, naming the consequence; Escape changes nothing
    const official = finding('Person suggestion: Курманкул Зулушев');
    await official.focus();
    await page.keyboard.press('n');
    const confirm = page.getByRole('alertdialog', { name: 'Never redact “Курманкул Зулушев”?' });
    await confirm.waitFor();
    expect(await confirm.textContent()).toContain('This name will never be redacted in any export');
    expect(await confirm.textContent()).toContain('Its other form in this interview is added too: “Курманкулу Зулушеву”.');
    await shoot(page, '50-export-allow-name-confirm');
    await page.keyboard.press('Escape');
    await expect.poll(() => confirm.count()).toBe(0);
    expect(await official.count()).toBe(1);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Person suggestion: Курманкул Зулушев'); // focus returns

    await page.keyboard.press('n');
    await confirm.waitFor();
    await confirm.getByRole('button', { name: 'Never redact this name' }).click();
    await added.waitFor();
    expect(await added.getByRole('paragraph').first().textContent()).toBe('“Курманкул Зулушев” and its other form “Курманкулу Зулушеву” will never be redacted in any export.');
    expect(await added.textContent()).toContain('2 highlights gone from this review.');
    expect(await page.getByRole('switch', { name: /Зулушев/ }).count()).toBe(0);
    expect(await finding('Person suggestion: Гульнара Асанова').count()).toBe(1); // the witness is untouched
    await toTop();
    await showSummary();
    await shoot(page, '51-export-allow-name-done');

    // a selection: the toolbar's Never redact asks the same question for a name; Cancel keeps it off the list
    await select('text', 'Гульнара Асанова');
    await page.getByRole('button', { name: 'Never redact the selection' }).click();
    const witness = page.getByRole('alertdialog', { name: 'Never redact “Гульнара Асанова”?' });
    await witness.waitFor();
    await witness.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => witness.count()).toBe(0);
    expect(await finding('Person suggestion: Гульнара Асанова').count()).toBe(1);

    // Settings shows exactly what was put on the list from the review
    await nav('Settings').click();
    const items = page.getByRole('list', { name: 'Never redacted' }).getByRole('listitem');
    await expect.poll(() => items.allTextContents()).toEqual(expect.arrayContaining(['Курманкул Зулушев', 'Курманкулу Зулушеву']));
    const listed = await items.allTextContents();
    expect(listed.filter((x) => /Зулушев|66|Асанова/.test(x))).toEqual(['Курманкул Зулушев', 'Курманкулу Зулушеву']); // the phone was undone, the witness declined
    expect(consoleErrors).toEqual([]);
  });
});
