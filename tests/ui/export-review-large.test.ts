/**
 * The export review of a long note (issue 9), in Debian Chromium against the real core: a 5 MB field note with
 * register names, phones and handles throughout. The review is ready within a bound that the old behaviour (about
 * 27 s) fails and a loaded machine still meets (the real figure is in bench/export-review.ts); Export stays disabled,
 * with its reason, until the result shown is the one that will be written; a decision takes effect at once; and
 * the review's toolbar stays inside its pane at 1000 and 900 px.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { longNote } from '../../bench/export-review';
import { generatePeople, personFields, Rng } from '../../bench/generate';
import { buildRenderer, callPreview, createVaultThroughUi, hasChromium, openPreviewPage, shoot, skipNotice, type PreviewPage } from './support';

skipNotice();

const PASS = 'long note lantern copper river';
const TITLE = 'Five megabytes of field notes';
/**
 * Lenient for a loaded machine (two cores shared with other test runs: the core's share alone measured 5.7 to 10 s
 * here, against about 3 s for the same work in bench/export-review.ts), and still far below the old review's 27 s.
 */
const READY_MS = 15_000;

describe.skipIf(!hasChromium)('export review of a 5 MB note in Debian Chromium', () => {
  let preview: PreviewPage;
  let page: Page;
  let workDir: string;
  let noteBytes = 0;

  const api = <T>(op: string, payload: object = {}) => callPreview<T>(preview.server, op, payload);

  const interviewId = async () => (await api<{ id: string; title: string }[]>('interviews.list')).find((i) => i.title === TITLE)!.id;
  // CSS locators on purpose: a query by role walks the accessibility of every element of a 5 MB document, in the
  // page, on each poll, and would be measured as the app's slowness
  const exportButton = () => page.locator('.export-bar__go button');
  const result = () => page.getByRole('article', { name: 'Redacted result' });
  const nav = (name: string) => page.getByRole('navigation', { name: 'Vault sections' }).getByRole('button', { name });

  beforeAll(async () => {
    const rendererDir = await buildRenderer();
    workDir = mkdtempSync(join(tmpdir(), 'fv-export-large-'));
    preview = await openPreviewPage(rendererDir);
    page = preview.page;
    await createVaultThroughUi(page, join(workDir, 'Large.fieldvault'), PASS);
    // A register of 200 people who all allow quotation, and a note naming them, made through the core's API.
    const people = generatePeople(20251202, 200);
    const ids: string[] = [];
    for (const p of people) {
      const fields = { ...personFields(p), consent: { ...p.consent, givenOn: '2025-01-10', method: 'oral' as const, allowsQuote: true, withdrawnOn: '' } };
      ids.push((await api<{ id: string }>('people.create', { fields })).id);
    }
    const body = longNote(new Rng(5), people.map((p) => p._name), ids, 5 * 1024 * 1024);
    noteBytes = Buffer.byteLength(body, 'utf8');
    await api('interviews.create', { fields: { title: TITLE, date: '2025-11-03', place: { country: 'Kyrgyzstan', city: 'Osh', district: '' }, body, summary: 'Short summary.' } });
  }, 240_000);

  afterAll(async () => {
    await preview?.close();
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  it('is ready within the bound, Export disabled while it updates and enabled once the result shown is current', async () => {
    expect(noteBytes).toBeGreaterThan(5_000_000);
    await nav('People').click();
    await nav('Interviews').click();
    await page.getByText(TITLE).first().click();
    await page.getByRole('button', { name: 'Export…' }).click({ timeout: 30_000 });
    await page.getByRole('heading', { name: /Export INT-\d+/ }).waitFor({ timeout: 30_000 });
    await expect.poll(() => exportButton().isEnabled(), { timeout: 30_000 }).toBe(true); // the summary, reviewed

    // The full notes: from the click to a review that is current and can be exported.
    const started = Date.now();
    const answered = page.waitForResponse((r) => r.url().endsWith('/api/export.review'), { timeout: READY_MS * 6 }).then(() => Date.now());
    await page.getByRole('radio', { name: 'Full notes' }).check();
    // at once: not exportable, and why; the summary's review is not shown as the notes'
    expect(await exportButton().isDisabled()).toBe(true);
    await page.getByText('Updating the review…').first().waitFor({ timeout: 2000 });
    // waits past the bound, so that a failure says by how much
    await expect.poll(() => exportButton().isEnabled(), { timeout: READY_MS * 6, interval: 50 }).toBe(true);
    const readyMs = Date.now() - started;
    const coreMs = (await answered) - started;
    console.log(`export review of a ${(noteBytes / 1024 / 1024).toFixed(1)} MB note: ready in the browser after ${readyMs} ms (the core's answer arrived after ${coreMs} ms, drawn ${readyMs - coreMs} ms later)`);
    expect(await page.locator('.review__panes--stale').count()).toBe(0);
    expect(await page.getByText('Updating the review…').count()).toBe(0);
    // the review shown is the notes': the original's last field holds the long text, the result has its redactions
    const original = await page.locator('[data-field-text="text"]').evaluate((el) => el.textContent?.length ?? 0);
    expect(original).toBeGreaterThan(4_000_000);
    expect(await result().locator('.out-redacted').count()).toBeGreaterThan(10);
    await shoot(page, 'export-review-large');

    // A decision takes effect at once (timed in the page: from the click to the switch and the result redrawn), and
    // Export stays available: the result shown is what will be written.
    const first = page.locator('[data-field-text="text"] mark.finding--auto.kind--person').first();
    expect(await first.getAttribute('aria-checked')).toBe('true');
    const redactedBefore = await result().locator('.out-redacted').count();
    const decide = () =>
      first.evaluate(
        (el) =>
          new Promise<number>((done) => {
            const t0 = performance.now();
            const was = el.getAttribute('aria-checked');
            (el as HTMLElement).click();
            const wait = () => (el.getAttribute('aria-checked') !== was ? requestAnimationFrame(() => done(performance.now() - t0)) : requestAnimationFrame(wait));
            wait();
          }),
      );
    const decisionMs = await decide();
    console.log(`one decision on the 5 MB review, in the page: ${decisionMs.toFixed(0)} ms`);
    expect(await first.getAttribute('aria-checked')).toBe('false');
    expect(await result().locator('.out-redacted').count()).toBeLessThan(redactedBefore);
    expect(await exportButton().isEnabled()).toBe(true);
    await decide();
    expect(await first.getAttribute('aria-checked')).toBe('true');
    expect(decisionMs).toBeLessThan(1500);

    // Another person mode: the previous mode's result is not offered for export while the new one comes.
    const m0 = Date.now();
    await page.getByRole('radio', { name: 'Code name' }).check();
    expect(await exportButton().isDisabled()).toBe(true);
    expect(await page.locator('.review__panes--stale').count()).toBe(1);
    await expect.poll(() => exportButton().isEnabled(), { timeout: READY_MS * 6, interval: 50 }).toBe(true);
    console.log(`the same note in another person mode: ready after ${Date.now() - m0} ms`);
    expect(await result().locator('.out-replaced').count()).toBeGreaterThan(0);

    // For the log: the core's share of that, asked directly (a mode not reviewed yet, so nothing is reused).
    const c0 = Date.now();
    await api('export.review', { interviewId: await interviewId(), part: 'notes', personMode: 'pseudonym' });
    console.log(`the core's export.review of it, through the preview API: ${Date.now() - c0} ms`);

    // The bound last, so that everything above is checked (and shot) whatever the machine's load.
    expect(readyMs, 'review of the 5 MB note ready in the browser').toBeLessThan(READY_MS);
  }, 240_000);

  it('keeps the toolbar inside its pane at 1000 and 900 px', async () => {
    for (const width of [1000, 900]) {
      await page.setViewportSize({ width, height: 800 });
      await page.evaluate(() => new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => done()))));
      const boxes = await page.evaluate(() => {
        const box = (el: Element | null) => el?.getBoundingClientRect() ?? null;
        const toolbar = document.querySelector('.review__toolbar')!;
        return {
          review: box(document.querySelector('.review')),
          panes: box(document.querySelector('.review__panes')),
          toolbar: box(toolbar),
          text: box(document.querySelector('.pane__body')),
          reason: box(document.querySelector('.export-bar__reason')),
          parts: [...toolbar.querySelectorAll(':scope > *, .review__tool, .legend__item')].map((el) => ({ name: el.className, right: el.getBoundingClientRect().right })),
          overflow: toolbar.scrollWidth - toolbar.clientWidth,
          pageOverflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
        };
      });
      const right = Math.min(boxes.review!.right, boxes.panes!.right);
      expect(boxes.toolbar!.right, `toolbar at ${width} px`).toBeLessThanOrEqual(right + 0.5);
      for (const p of boxes.parts) expect(p.right, `${p.name} at ${width} px`).toBeLessThanOrEqual(right + 0.5);
      expect(boxes.overflow, `toolbar scrolls at ${width} px`).toBeLessThanOrEqual(0);
      expect(boxes.pageOverflow, `page scrolls sideways at ${width} px`).toBeLessThanOrEqual(0);
      // the text keeps a height worth reading (the content pane scrolls instead), and the export bar's reason
      // is not squeezed into a narrow column
      expect(boxes.text!.height, `original text height at ${width} px`).toBeGreaterThanOrEqual(250);
      expect(boxes.reason!.width, `export reason width at ${width} px`).toBeGreaterThanOrEqual(200);
      if (width === 1000) await shoot(page, 'export-review-1000px');
    }
    await page.setViewportSize({ width: 1280, height: 800 });
  });
});
