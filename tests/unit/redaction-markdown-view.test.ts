import { describe, expect, it } from 'vitest';
import { markdownView, viewToSource } from '../../src/core/redaction/markdown-view';
import { detectMarkdown, viewChanges } from '../../src/core/redaction/markdown';
import { compileRedactor } from '../../src/core/redaction';

/** The source behind a stretch of the view found by its text. */
function sourceOf(source: string, shown: string): string {
  const v = markdownView(source);
  const at = v.text.indexOf(shown);
  expect(at, `"${shown}" in ${JSON.stringify(v.text)}`).toBeGreaterThanOrEqual(0);
  const r = viewToSource(v, at, at + shown.length);
  return source.slice(r.start, r.end);
}

describe('the Markdown view: what a reader sees, mapped back to the source', () => {
  it('reads through emphasis, escapes, entities, code ticks and inline tags, and maps back over the marks inside', () => {
    expect(sourceOf('Call +996 772 **44** 55 66 now', '+996 772 44 55 66')).toBe('+996 772 **44** 55 66');
    expect(sourceOf('or a*i*gul@exa*m*ple.org.', 'aigul@example.org')).toBe('a*i*gul@exa*m*ple.org');
    expect(sourceOf('Ай**гуль** Султан*алиева*', 'Айгуль Султаналиева')).toBe('Ай**гуль** Султан*алиева');
    expect(sourceOf('x +996\\-772\\-44 y', '+996-772-44')).toBe('+996\\-772\\-44');
    expect(sourceOf('x &#43;996 &#55;72 y', '+996 772')).toBe('&#43;996 &#55;72');
    expect(sourceOf('x `+996` 772 y', '+996 772')).toBe('+996` 772');
    expect(sourceOf('x Ай<b>гуль</b> y', 'Айгуль')).toBe('Ай<b>гуль');
    expect(sourceOf('x ~~+996~~ 772 y', '+996 772')).toBe('+996~~ 772');
  });

  it('keeps places right through blocks, quotes, lists, tables, code and CRLF line ends', () => {
    const source = '# Title\r\n\r\n> - first\r\n>   lazy *line*\r\n\r\n| a | a b |\n|---|---|\n| +996 | 772 |\n\n```\ncode 44\n```\n';
    expect(sourceOf(source, 'lazy line')).toBe('lazy *line');
    expect(sourceOf(source, 'a b')).toBe('a b');
    expect(source.indexOf('a b')).toBe(markdownView(source).starts[markdownView(source).text.indexOf('a b')]);
    expect(sourceOf(source, '772')).toBe('772');
    expect(sourceOf(source, 'code 44')).toBe('code 44');
  });

  it('shows link targets and tag attributes after the text, decoded, as what a viewer reveals', () => {
    const v = markdownView('Write [her](mailto:aigul@example.org) or <a href="mailto:a&#64;b.org">me</a> or <mailto:x%40y.org>.');
    expect(v.text.startsWith('Write her or me or mailto:x%40y.org.\n\n')).toBe(true);
    expect(v.text).toContain('mailto:aigul@example.org');
    expect(v.text).toContain('mailto:a@b.org');
    expect(v.text).toContain('mailto:x@y.org');
  });

  it('a text with no Markdown in it is its own view', () => {
    expect(markdownView('Plain words, +996 772 44 55 66.').text).toBe('Plain words, +996 772 44 55 66.');
  });
});

describe('detection on Markdown', () => {
  const redactor = compileRedactor({
    people: [{ id: 'p1', code: 'W-001', pseudonym: 'Gulya', given: { latin: 'Aigul', cyrillic: 'Айгуль' }, family: { latin: 'Sultanalieva', cyrillic: 'Султаналиева' }, patronymic: { latin: '', cyrillic: '' }, otherSpellings: [], contacts: [] }],
  });

  it('finds what only the rendered text shows, at source offsets that take the marks with them', () => {
    const source = 'Ай**гуль** Султан*алиева* пришла. Call +996 772 **44** 55 66.';
    const d = detectMarkdown(redactor, source);
    expect(d.spans.map((s) => [s.kind, source.slice(s.start, s.end)])).toEqual([
      ['person', 'Ай**гуль** Султан*алиева*'],
      ['phone', '+996 772 **44** 55 66'],
    ]);
    expect(d.spans[0]!.people).toEqual([0]);
    // The engine alone, on the source, sees neither.
    expect(redactor.detect(source).spans).toEqual([]);
  });
  it('reads the view only where it differs from the source, and finds there what reading it whole finds', () => {
    // A heading's hashes hide a phone number from the source's reading ("#" reads as a number sign) and a blank line
    // does not stop an address: what differs is read with its context on both sides.
    const heading = 'Intro.\n\n## 87019715192\n\nMore.';
    expect(redactor.detect(heading).spans).toEqual([]);
    expect(detectMarkdown(redactor, heading).spans.map((s) => heading.slice(s.start, s.end))).toEqual(['87019715192']);
    const street = 'Жила там: ул.\n\n## Ленина 5\n\nПотом.';
    expect(detectMarkdown(redactor, street).spans.map((s) => s.kind)).toEqual(['address']);
    // Long, mixed: the windowed reading of the view finds the same spans as the engine on the whole view.
    const parts = ['## Account', 'We met Ай**гуль** Султан*алиева* at the station.', '> Call +996 772 **44** 55 66 or a*i*gul@exa*m*ple.org.', 'Plain words about the hearing and the appeal, nothing more. '.repeat(12), '- item one\n- Aigul \\*Sultanalieva\\* said', 'Тел. &#43;996 555 12 34 56, [her](mailto:aigul@example.org).'];
    let source = '';
    for (let i = 0; i < 40; i++) source += `${parts[i % parts.length]}\n\n`;
    const v = markdownView(source);
    expect(viewChanges(source, v).length).toBeGreaterThan(0);
    const whole = redactor.detect(v.text).spans.map((s) => viewToSource(v, s.start, s.end));
    const spans = detectMarkdown(redactor, source).spans;
    for (const w of whole) expect(spans.some((s) => s.start <= w.start && w.end <= s.end), source.slice(w.start, w.end)).toBe(true);
  });
});
