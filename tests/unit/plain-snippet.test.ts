import { describe, expect, it } from 'vitest';
import { plainProse } from '../../src/core/search/plain';

describe('search snippets read as prose', () => {
  it('drops Markdown markup but keeps every word', () => {
    expect(plainProse('# Account\n\n- Stopped near **Бишкек** by _border police_\n> quoted `code`\n[link](http://x)')).toBe(
      'Account\nStopped near Бишкек by border police\nquoted code\nlink',
    );
    expect(plainProse('snake_case_word and 2*3*4')).toBe('snake_case_word and 2*3*4');
  });
});
