/**
 * Search as a researcher in the region types it, in Debian Chromium: Russian word forms find the forms the
 * notes use, Kyrgyz endings on a name are understood, a phone number is one number in any format (and finds the
 * person too), and snippets quote the note as written (« » kept) with only the matched words highlighted.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VaultService } from '../../src/core/service';
import { buildRenderer, CHEAP_KDF, hasChromium, openPreviewPage, shoot, skipNotice, unlockThroughUi, type PreviewPage } from './support';

skipNotice();

const PASS = 'search language lantern copper';
const NOTE =
  'Задержанные мигранты рассказали, что сотрудник забрал паспорт и сказал: «Документы получите завтра». ' +
  'Избиение продолжалось около часа.\n\nБрат Токтогулов звонил с номера 0772 44 55 66 дважды.';

describe.skipIf(!hasChromium)('search that understands the language, in Debian Chromium', () => {
  let preview: PreviewPage;
  let page: Page;
  let workDir: string;

  beforeAll(async () => {
    const rendererDir = await buildRenderer();
    workDir = mkdtempSync(join(tmpdir(), 'fv-search-ui-'));
    const vault = join(workDir, 'Search.fieldvault');
    const svc = new VaultService({ kdf: CHEAP_KDF });
    await svc.create(vault, PASS);
    svc.createInterview({ title: 'Document checks at Dostuk', body: NOTE });
    svc.createInterview({ title: 'Market raid in Osh', body: 'Nothing about papers here.' });
    svc.createPeople([{ given: { latin: 'Bakyt', cyrillic: 'Бакыт' }, family: { latin: 'Toktogulov', cyrillic: 'Токтогулов' }, pseudonym: 'Brother B', contacts: [{ kind: 'phone', value: '+996 772 44-55-66' }] }]);
    svc.lock();
    preview = await openPreviewPage(rendererDir);
    page = preview.page;
    await unlockThroughUi(page, vault, PASS);
    await page.keyboard.press('Control+k');
  });

  afterAll(async () => {
    await preview?.close();
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  const box = () => page.getByRole('searchbox', { name: 'Search the vault' });
  const hit = () => page.locator('.search-results__item').filter({ hasText: 'Document checks at Dostuk' });

  /** The highlighted words of the interview's snippet once the results are this query's (they follow typing). */
  async function marks(query: string, expected: (words: string[]) => boolean): Promise<string[]> {
    await box().fill(query);
    let words: string[] = [];
    await expect
      .poll(async () => {
        if ((await hit().count()) === 0) return false;
        words = await hit().locator('mark').allTextContents();
        return expected(words);
      }, { timeout: 8000, message: `the highlights of "${query}"` })
      .toBe(true);
    return words;
  }
  const exactly = (...want: string[]) => (words: string[]) => JSON.stringify(words) === JSON.stringify(want);

  it('finds the forms the note uses from other forms of the same word', async () => {
    await marks('паспорта', exactly('паспорт'));
    await marks('мигрантов', exactly('мигранты'));
    await marks('избиения', exactly('Избиение'));
    // A Russian surname with a Kyrgyz genitive ending
    await marks('Токтогуловдун', exactly('Токтогулов'));
    await marks('Токтогулова', exactly('Токтогулов'));
    await shoot(page, 'search-word-forms');
    // and not what the notes do not say
    await box().fill('паспортист');
    await page.getByText('No matches').waitFor();
  });

  it('treats a phone number in any format as one number, in notes and in the register', async () => {
    for (const q of ['0772445566', '+996 772 44-55-66', '0772 44 55 66', '996772445566']) {
      await marks(q, (words) => words.join('').replace(/\D/g, '') === '0772445566');
    }
    await page.getByRole('switch', { name: 'Include people' }).check();
    await box().fill('0772 445 566');
    const person = page.locator('.search-results__item').filter({ hasText: 'Brother B' });
    await person.waitFor();
    await hit().waitFor();
    // the register hit shows code and pseudonym, never the name or the number
    expect(await person.textContent()).not.toMatch(/Toktogulov|Токтогулов|772/);
    await shoot(page, 'search-phone-formats');
    await page.getByRole('switch', { name: 'Include people' }).uncheck();
  });

  it('quotes the note as written: quotation marks kept, only the matched word highlighted', async () => {
    await marks('документы', exactly('Документы'));
    const snippet = (await hit().locator('.search-results__snippet').textContent()) ?? '';
    expect(snippet).toContain('«Документы получите завтра»');
    // a match in the title alone: the snippet is the note's own opening, unhighlighted, never the index's text
    await marks('Dostuk', exactly());
    const opening = (await hit().locator('.search-results__snippet').textContent()) ?? '';
    expect(opening.startsWith('Задержанные мигранты рассказали')).toBe(true);
    await shoot(page, 'search-snippet-quotes');
    expect(preview.consoleErrors).toEqual([]);
  });
});
