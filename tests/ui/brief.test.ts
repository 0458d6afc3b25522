/**
 * The brief in Debian Chromium through the preview (real core): interviews chosen by the list's filters and by
 * hand, one review grouped under B-codes with the single export's highlights and decisions, a consent block that
 * keeps the brief from being written until the interview is left out, and PDF, Word and Markdown files written
 * through the typed path (the preview has no Save dialog). Axe on the setup and the review, in both themes.
 */
import AxeBuilder from '@axe-core/playwright';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Taxonomy } from '../../src/shared/domain';
import { buildRenderer, callPreview, createVaultThroughUi, hasChromium, openPreviewPage, shoot, skipNotice, type PreviewPage } from './support';

skipNotice();

const PASS = 'brief lantern copper river';
const consent = (allowsQuote: boolean) => ({ givenOn: '2026-03-01', method: 'oral', allowsQuote, allowsName: false, allowsAudio: false, shareWith: [], withdrawnOn: '' });
/** What the register holds and no brief may carry. */
const REGISTER = ['Айгуль', 'Султаналиев', 'Бакыт', 'Жумабеков', 'Нурбек', 'Осмонов', '123 456', '123456'];

describe.skipIf(!hasChromium)('brief in Debian Chromium: selection, one review, consent, PDF / Word / Markdown', () => {
  let preview: PreviewPage;
  let page: Page;
  let workDir: string;
  let outDir: string;
  const codes = new Map<string, string>();
  const api = <T>(op: string, payload: object = {}) => callPreview<T>(preview.server, op, payload);
  const nav = (name: string) => page.getByRole('navigation', { name: 'Vault sections' }).getByRole('button', { name, exact: true });
  const writeButton = () => page.getByRole('button', { name: /^Write / });
  const reason = () => page.locator('.export-bar__reason');

  async function axe(screen: string): Promise<void> {
    const found: string[] = [];
    for (const theme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: theme, reducedMotion: 'reduce' });
      await page.evaluate(() => new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => done()))));
      const result = await new AxeBuilder({ page }).analyze();
      for (const v of result.violations) {
        if (v.impact !== 'critical' && v.impact !== 'serious' && v.id !== 'region') continue;
        found.push(`${screen} ${theme}: [${v.impact}] ${v.id}: ${v.help}\n${v.nodes.slice(0, 4).map((n) => `   ${n.target.join(' ')} ${n.failureSummary ?? ''}`).join('\n')}`);
      }
    }
    await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'reduce' });
    expect(found, found.join('\n')).toEqual([]);
  }

  async function toTop(): Promise<void> {
    await page.evaluate(() => {
      (document.activeElement as HTMLElement | null)?.blur();
      window.getSelection()?.removeAllRanges();
      document.getElementById('main')?.scrollTo(0, 0);
    });
  }

  /** Selects `text` inside one of the review's original texts, as a mouse drag would. */
  async function select(within: string, text: string): Promise<void> {
    await page.evaluate(
      ([within, text]) => {
        const el = document.querySelector(within)!;
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
      [within, text] as const,
    );
  }

  beforeAll(async () => {
    const rendererDir = await buildRenderer();
    workDir = mkdtempSync(join(tmpdir(), 'fv-brief-'));
    outDir = join(workDir, 'out');
    mkdirSync(outDir);
    preview = await openPreviewPage(rendererDir);
    page = preview.page;
    await createVaultThroughUi(page, join(workDir, 'Brief.fieldvault'), PASS);

    const taxonomy = await api<Taxonomy>('taxonomy.get');
    const types = taxonomy.groups.flatMap((g) => g.types.map((t) => t.id));
    const aigul = await api<{ id: string }>('people.create', {
      fields: { pseudonym: 'Asel', given: { latin: 'Aigul', cyrillic: 'Айгуль' }, family: { latin: 'Sultanalieva', cyrillic: 'Султаналиева' }, contacts: [{ kind: 'phone', value: '+996 555 123 456' }], consent: consent(true) },
    });
    const bakyt = await api<{ id: string }>('people.create', { fields: { pseudonym: 'Baha', given: { latin: 'Bakyt', cyrillic: 'Бакыт' }, family: { latin: 'Zhumabekov', cyrillic: 'Жумабеков' }, consent: consent(false) } });
    // no consent recorded: an interview that concerns him cannot go into a brief
    const nurbek = await api<{ id: string }>('people.create', { fields: { pseudonym: 'Nur', given: { latin: 'Nurbek', cyrillic: 'Нурбек' }, family: { latin: 'Osmonov', cyrillic: 'Осмонов' } } });
    const interview = async (key: string, fields: object) => {
      const made = await api<{ id: string; code: string }>('interviews.create', { fields });
      codes.set(key, made.code);
    };
    await interview('osh', {
      title: 'Night search in Osh',
      date: '2026-03-02',
      place: { country: 'Kyrgyzstan', city: 'Osh', district: '' },
      tags: ['detention'],
      incidentTypes: types.slice(0, 1),
      people: [aigul.id],
      summary: 'Айгуль Султаналиева рассказала о ночном обыске. Её номер +996 555 123 456, звонить вечером.',
      body: 'Notes.\n\n> Они пришли ночью и забрали брата.\n',
    });
    await interview('bishkek', {
      title: 'Detention at the market',
      date: '2026-04-10',
      place: { country: 'Kyrgyzstan', city: 'Bishkek', district: '' },
      tags: ['detention'],
      incidentTypes: types.slice(0, 2),
      people: [bakyt.id],
      summary: 'Бакыт Жумабеков видел задержание у рынка.',
      body: '> Нас держали двое суток.\n',
    });
    await interview('jalal', {
      title: 'Checkpoint on the road',
      date: '2026-05-01',
      place: { country: 'Kyrgyzstan', city: 'Jalal-Abad', district: '' },
      tags: ['detention'],
      incidentTypes: types.slice(1, 2),
      people: [nurbek.id],
      summary: 'Нурбек Осмонов описал блокпост.',
    });
    await interview('naryn', {
      title: 'Land dispute',
      date: '2026-02-15',
      place: { country: 'Kyrgyzstan', city: 'Naryn', district: '' },
      tags: ['land'],
      summary: 'A dispute over pasture, no names.',
    });
    // the list loads on arrival: come back to it
    await nav('People').click();
    await nav('Interviews').click();
    await page.locator('.row-link', { hasText: 'Land dispute' }).waitFor();
  }, 180_000);

  afterAll(async () => {
    await preview?.close();
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  it('makes a brief from the list\'s filters: one review under B-codes, a consent block that stops it, written as PDF, Word and Markdown', { timeout: 180_000 }, async () => {
    // the list's filters: tag "detention" matches three of the four
    await page.getByRole('button', { name: 'Filters' }).click();
    await page.getByLabel('Tag', { exact: true }).selectOption('detention');
    await page.locator('.row-link', { hasText: 'Land dispute' }).waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Brief of these 3' }).click();

    await page.getByRole('heading', { name: 'Brief', level: 1 }).waitFor();
    await expect.poll(() => page.locator('.brief-which__count').textContent()).toContain('3 interviews in the brief');
    // oldest first, under the codes the brief will carry
    const listed = await page.locator('.brief-which__list li').allTextContents();
    expect(listed.map((l) => l.slice(0, 3))).toEqual(['B-1', 'B-2', 'B-3']);
    expect(listed[0]).toContain(codes.get('osh'));
    expect(listed[2]).toContain(codes.get('jalal'));

    // no title: the review is not started, and the field says why
    await page.getByRole('button', { name: 'Review the brief' }).click();
    await page.getByText('Give the brief a title.').waitFor();
    await page.getByLabel('Title', { exact: true }).fill('Detentions in the south, March–May 2026');
    await page.getByLabel('Method note').fill('Interviews were held in person in Osh and Jalal-Abad.\n\nAsk Айгуль before sharing further.');
    await page.getByRole('radio', { name: 'Summary and quotations' }).check();
    await page.getByRole('radio', { name: 'PDF' }).check();
    await expect.poll(() => page.getByRole('radio', { name: 'English' }).isChecked()).toBe(true);
    await toTop();
    await shoot(page, 'brief-setup');
    await page.getByRole('heading', { name: 'The document' }).scrollIntoViewIfNeeded();
    await page.evaluate(() => document.getElementById('main')?.scrollBy(0, 10_000));
    await shoot(page, 'brief-setup-document');
    await axe('brief setup');

    await page.getByRole('button', { name: 'Review the brief' }).click();
    await page.getByRole('heading', { name: 'Review the brief', level: 1 }).waitFor();
    const groups = page.locator('.brief-group');
    await expect.poll(() => groups.count()).toBe(3);
    expect(await page.locator('.brief-group__code').allTextContents()).toEqual(['B-1', 'B-2', 'B-3']);
    expect(await page.locator('.brief-group__from').allTextContents()).toEqual([`from ${codes.get('osh')}`, `from ${codes.get('bishkek')}`, `from ${codes.get('jalal')}`]);

    // the same highlights as the single export: a register name and a phone in B-1, redacted in the result
    const b1 = groups.nth(0);
    const person = b1.getByRole('switch', { name: /Person: Айгуль Султаналиева/ });
    await person.waitFor();
    expect(await person.getAttribute('aria-checked')).toBe('true');
    await b1.getByRole('switch', { name: /Phone/ }).first().waitFor();
    const b1Summary = b1.getByRole('group', { name: 'Summary in the brief' });
    expect(await b1Summary.textContent()).not.toContain('Султаналиев');
    expect(await b1Summary.textContent()).not.toContain('123 456');
    // a name in the method note is found too
    await page.locator('.brief-front').getByRole('switch', { name: /Айгуль/ }).waitFor();

    // B-2: Bakyt did not allow quotation, so his interview's quotation stays out
    await groups.nth(1).getByText('1 quotation left out (no quotation consent)').waitFor();
    // B-1's quotation is in (Aigul allowed it)
    await b1.getByRole('group', { name: 'Quotation 1 in the brief' }).waitFor();

    // B-3: Nurbek has no recorded consent: blocked, and the brief cannot be written
    const b3 = groups.nth(2);
    await b3.getByText('B-3 is blocked by consent').waitFor();
    await b3.getByText(/has no recorded consent/).waitFor();
    await page.getByRole('alert').filter({ hasText: 'One interview cannot go into the brief' }).waitFor();
    await expect.poll(() => writeButton().isDisabled()).toBe(true);
    expect(await reason().textContent()).toContain('blocked by consent');

    // a hand redaction in B-1's summary: the result says [REDACTED] there
    await select('[data-brief-code="B-1"] [data-field="summary"]', 'ночном обыске');
    await page.getByRole('button', { name: /^Redact/ }).click();
    await expect.poll(() => b1Summary.textContent()).not.toContain('ночном обыске');
    await b1.getByRole('list', { name: 'Redacted by hand' }).waitFor();
    // and with the keyboard alone: Shift+arrows select in the original, R redacts
    const b2Original = groups.nth(1).getByRole('region', { name: 'Summary, original' });
    await b2Original.focus();
    for (let i = 0; i < 5; i++) await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.press('r');
    await groups.nth(1).getByRole('list', { name: 'Redacted by hand' }).getByText('“Бакыт”').waitFor();

    await toTop();
    await shoot(page, 'brief-review');
    await b3.evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await shoot(page, 'brief-review-consent');
    await page.locator('#brief-interviews-h').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await shoot(page, 'brief-review-interviews');
    await axe('brief review');

    // leave B-3 out: the review runs again without it, the hand redaction in B-1 stays
    await b3.getByRole('button', { name: 'Leave B-3 out' }).click();
    await expect.poll(() => groups.count()).toBe(2);
    await expect.poll(() => b1Summary.textContent()).not.toContain('ночном обыске');
    await expect.poll(() => writeButton().isEnabled()).toBe(true);

    // a phone kept as written: the final check stops the brief, says where (never what), writes nothing
    const pdf = join(outDir, 'south.pdf');
    await page.getByLabel('Save as').fill(pdf);
    const phone = b1.getByRole('switch', { name: /Phone/ }).first();
    await phone.click();
    expect(await phone.getAttribute('aria-checked')).toBe('false');
    await writeButton().click();
    const leak = page.getByRole('alert').filter({ hasText: 'Brief stopped' });
    await leak.waitFor({ timeout: 30_000 });
    const items = await leak.getByRole('list', { name: 'What would have leaked' }).getByRole('listitem').allTextContents();
    expect(items.some((i) => i.includes('Phone') && i.includes('B-1 · Summary'))).toBe(true);
    expect(await leak.textContent()).not.toContain('555');
    expect(existsSync(pdf)).toBe(false);
    await phone.click();
    expect(await phone.getAttribute('aria-checked')).toBe('true');

    // PDF through the typed path
    await writeButton().click();
    const success = page.getByRole('status').filter({ hasText: 'Brief written' });
    await success.waitFor({ timeout: 30_000 });
    expect(await success.textContent()).toContain(pdf);
    expect(existsSync(pdf)).toBe(true);
    expect(readFileSync(pdf).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await toTop();
    await shoot(page, 'brief-result');

    // Word: back to the setup, another format; the review (and its decisions) is the same
    await page.getByRole('button', { name: "Back to the brief's setup" }).click();
    await page.getByRole('radio', { name: 'Word' }).check();
    await page.getByRole('button', { name: 'Review the brief' }).click();
    await expect.poll(() => page.getByLabel('Save as').inputValue()).toBe(join(outDir, 'south.docx'));
    await expect.poll(() => writeButton().isEnabled()).toBe(true);
    await writeButton().click();
    await page.getByRole('status').filter({ hasText: 'Brief written' }).waitFor({ timeout: 30_000 });
    const docx = join(outDir, 'south.docx');
    expect(readFileSync(docx).subarray(0, 2).toString('latin1')).toBe('PK');

    // Markdown: readable here, so its text is checked for the register
    await page.getByRole('button', { name: "Back to the brief's setup" }).click();
    await page.getByRole('radio', { name: 'Markdown' }).check();
    await page.getByRole('button', { name: 'Review the brief' }).click();
    await expect.poll(() => writeButton().isEnabled()).toBe(true);
    await writeButton().click();
    await page.getByRole('status').filter({ hasText: 'Brief written' }).waitFor({ timeout: 30_000 });
    const md = readFileSync(join(outDir, 'south.md'), 'utf8');
    expect(md).toContain('B-1');
    expect(md).toContain('B-2');
    expect(md).not.toContain('B-3');
    expect(md).toContain('Они пришли ночью');
    expect(md).not.toContain('Нас держали');
    expect(md).not.toContain('ночном обыске');
    for (const secret of REGISTER) expect(md, secret).not.toContain(secret);
    expect(md).not.toMatch(/INT-\d+/);
    expect(preview.consoleErrors).toEqual([]);
  });

  it('makes a brief of interviews ticked by hand in the list, with the keyboard', { timeout: 120_000 }, async () => {
    await nav('Interviews').click();
    await page.getByRole('button', { name: 'Clear all' }).click();
    await page.locator('.row-link', { hasText: 'Land dispute' }).waitFor();
    // tick two with the keyboard: Tab to the box, Space
    for (const code of [codes.get('naryn')!, codes.get('bishkek')!]) {
      await page.getByRole('checkbox', { name: `Select ${code}` }).focus();
      await page.keyboard.press('Space');
    }
    await page.getByText('2 interviews selected for a brief').waitFor();
    await toTop();
    await shoot(page, 'brief-list-selection');
    await page.getByRole('button', { name: 'Brief of 2 selected' }).click();
    await page.getByText('2 interviews chosen by hand').waitFor();
    await expect.poll(() => page.locator('.brief-which__list li').count()).toBe(2);
    // in the list's order (newest first): Bishkek (April), then Naryn (February)
    const listed = await page.locator('.brief-which__list li').allTextContents();
    expect(listed[0]).toContain(codes.get('bishkek'));
    expect(listed[1]).toContain(codes.get('naryn'));

    await page.getByRole('button', { name: 'Review the brief' }).click();
    await page.getByRole('heading', { name: 'Review the brief', level: 1 }).waitFor();
    await expect.poll(() => page.locator('.brief-group__from').allTextContents()).toEqual([`from ${codes.get('bishkek')}`, `from ${codes.get('naryn')}`]);
    // nothing blocks this one: the file can be written
    await expect.poll(() => writeButton().isEnabled()).toBe(true);
    // the sidebar finds the brief too
    await nav('Interviews').click();
    await nav('Brief').click();
    await page.getByRole('heading', { name: 'Brief', level: 1 }).waitFor();

    // in Russian: the setup and the review read in the interface's language (and fit)
    await nav('Settings').click();
    await page.getByRole('combobox', { name: 'Language' }).selectOption('ru');
    await page.getByRole('navigation', { name: 'Разделы хранилища' }).getByRole('button', { name: 'Справка', exact: true }).click();
    await page.getByRole('heading', { name: 'Справка', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Проверить справку' }).click();
    await page.getByRole('heading', { name: 'Проверка справки', level: 1 }).waitFor();
    await page.locator('.brief-group [data-brief-text]').first().waitFor();
    await toTop();
    await shoot(page, 'brief-review-ru');
    await page.getByRole('navigation', { name: 'Разделы хранилища' }).getByRole('button', { name: 'Настройки', exact: true }).click();
    await page.getByRole('combobox', { name: 'Язык' }).selectOption('en');
    await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
    expect(preview.consoleErrors).toEqual([]);
  });

  it('keeps a brief of 200 interviews responsive: the groups come collapsed, with their counts, and open one at a time', { timeout: 180_000 }, async () => {
    for (let n = 0; n < 200; n++) {
      await api('interviews.create', {
        fields: {
          title: `Bulk interview ${n + 1}`,
          date: `2026-0${1 + (n % 6)}-${String(1 + (n % 28)).padStart(2, '0')}`,
          place: { country: 'Kyrgyzstan', city: n % 2 ? 'Osh' : 'Bishkek', district: '' },
          tags: ['bulk'],
          summary: `Айгуль Султаналиева and a neighbour spoke about the night of the ${n + 1}th. Call +996 555 123 456.`,
        },
      });
    }
    await nav('People').click();
    await nav('Interviews').click();
    // the two ticked before are still ticked: a brief would be of them
    await page.getByRole('button', { name: 'Brief of 2 selected' }).waitFor();
    await page.getByRole('button', { name: 'Clear selection' }).click();
    await page.getByRole('button', { name: 'Filters' }).click();
    await page.getByLabel('Tag', { exact: true }).selectOption('bulk');
    await page.getByRole('button', { name: 'Brief of these 200' }).click();
    await expect.poll(() => page.locator('.brief-which__count').textContent()).toContain('200 interviews in the brief');
    await page.getByLabel('Title', { exact: true }).fill('Two hundred interviews');
    const started = Date.now();
    await page.getByRole('button', { name: 'Review the brief' }).click();
    const groups = page.locator('.brief-group');
    await expect.poll(() => groups.count(), { timeout: 20_000 }).toBe(200);
    const took = Date.now() - started;
    // collapsed: 200 headers with their counts, none of the 200 texts drawn
    expect(await page.locator('.brief-group [data-brief-text]').count()).toBe(0);
    expect(await groups.nth(199).locator('.brief-count--redacted').textContent()).toMatch(/^\d+ redacted$/);
    // one opens at once, with the same switches as the single export
    const t0 = Date.now();
    await groups.nth(199).getByRole('button', { name: /B-200/ }).click();
    await groups.nth(199).getByRole('switch', { name: /Person: Айгуль Султаналиева/ }).waitFor();
    const opened = Date.now() - t0;
    console.log(`brief of 200: review shown in ${took} ms, one interview opened in ${opened} ms`);
    expect(took).toBeLessThan(15_000);
    expect(opened).toBeLessThan(2_000);
    await expect.poll(() => writeButton().isEnabled()).toBe(true);
    await page.locator('#brief-interviews-h').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await shoot(page, 'brief-review-200');
    expect(preview.consoleErrors).toEqual([]);
  });

  it('offers the other forms of a word redacted by hand in one interview, found in another, and redacts them on request', { timeout: 120_000 }, async () => {
    const made = async (fields: object) => api<{ id: string }>('interviews.create', { fields });
    await made({ title: 'Return from Moscow', date: '2026-03-01', tags: ['forms'], summary: 'Рустам вернулся из Москвы в марте.' });
    await made({ title: 'The neighbour', date: '2026-03-05', tags: ['forms'], summary: 'Соседка говорила с Рустамом о поездке.' });
    // not in the brief: its form of the name is never offered
    await made({ title: 'Elsewhere', date: '2026-03-07', tags: ['forms-other'], summary: 'Рустаму звонили ночью.' });
    await nav('People').click();
    await nav('Interviews').click();
    const tag = page.getByLabel('Tag', { exact: true });
    if (!(await tag.isVisible())) await page.getByRole('button', { name: 'Filters' }).click();
    await tag.selectOption('forms');
    await page.getByRole('button', { name: 'Brief of these 2' }).click();
    await page.getByLabel('Title', { exact: true }).fill('Forms across interviews');
    await page.getByRole('button', { name: 'Review the brief' }).click();
    const groups = page.locator('.brief-group');
    await expect.poll(() => groups.count()).toBe(2);
    const b2Summary = groups.nth(1).getByRole('group', { name: 'Summary in the brief' });
    expect(await b2Summary.textContent()).toContain('Рустамом');

    // "Рустам" redacted by hand in B-1: the bar offers "Рустамом" in B-2, and nothing from the interview left out
    await select('[data-brief-code="B-1"] [data-field="summary"]', 'Рустам');
    await page.getByRole('button', { name: /^Redact/ }).click();
    const offer = page.getByRole('region', { name: 'Redact the other forms' });
    await offer.waitFor();
    expect(await offer.getByRole('paragraph').first().textContent()).toBe('Also redact 1 other form of “Рустам” in this document?');
    const chips = offer.getByRole('list', { name: 'Other forms found' }).getByRole('listitem');
    expect(await chips.allTextContents()).toEqual(['Рустамомin B-2']);
    expect(await offer.textContent()).not.toContain('Рустаму');
    // nothing more is redacted until asked
    expect(await groups.nth(1).getByRole('list', { name: 'Redacted by hand' }).count()).toBe(0);
    await toTop();
    await shoot(page, 'brief-forms-offer');

    await offer.getByRole('button', { name: /^Redact all 1/ }).click();
    const done = page.getByRole('region', { name: 'Other forms redacted' });
    await done.waitFor();
    expect(await done.getByRole('paragraph').first().textContent()).toBe('Redacted 1 more place where “Рустам” appears.');
    await expect.poll(() => b2Summary.textContent()).not.toContain('Рустам');
    await groups.nth(1).getByRole('list', { name: 'Redacted by hand' }).getByText('“Рустамом”').waitFor();
    await toTop();
    await shoot(page, 'brief-forms-done');

    // undo takes it back; the hand redaction in B-1 stays
    await done.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => b2Summary.textContent()).toContain('Рустамом');
    expect(await groups.nth(0).getByRole('group', { name: 'Summary in the brief' }).textContent()).not.toContain('Рустам');
    expect(preview.consoleErrors).toEqual([]);
  });
});
