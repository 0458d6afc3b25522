import { describe, expect, it } from 'vitest';
import { parseQuery, snippet } from '../../src/core/search/index';
import { plainProse } from '../../src/core/search/plain';
import { HIT_END, HIT_START, snippetAsText } from '../../src/shared/snippet';

describe('search snippets read as prose', () => {
  it('drops Markdown markup but keeps every word', () => {
    expect(plainProse('# Account\n\n- Stopped near **Бишкек** by _border police_\n> quoted `code`\n[link](http://x)')).toBe(
      'Account\nStopped near Бишкек by border police\nquoted code\nlink',
    );
    expect(plainProse('snake_case_word and 2*3*4')).toBe('snake_case_word and 2*3*4');
  });

  it('keeps quotation marks of every kind', () => {
    const text = 'Он сказал: «Ждите», она — „потом“, he said "wait" and \'later\'; «вложенные „кавычки“».';
    expect(plainProse(text)).toBe(text);
  });

  it('keeps the highlight markers through emphasis, and the quotation marks around them', () => {
    const s = snippet('Свидетель: «Нас привезли в **Бишкек** ночью».', parseQuery('Бишкек'))!;
    expect(s).toBe(`Свидетель: «Нас привезли в **${HIT_START}Бишкек${HIT_END}** ночью».`);
    expect(snippetAsText(plainProse(s))).toBe('Свидетель: «Нас привезли в «Бишкек» ночью».');
    expect(snippetAsText(plainProse(s), '[', ']')).toBe('Свидетель: «Нас привезли в [Бишкек] ночью».');
  });
});
