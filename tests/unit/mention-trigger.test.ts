import { describe, expect, it } from 'vitest';
import { typingMention } from '../../src/renderer/components/mentionChips';

/** When the editor explains an empty register: only while a mention is being typed, never in an e-mail address. */
describe('typing a mention', () => {
  it('is "@" starting a word, with the code typed so far', () => {
    for (const line of ['@', 'Met @', 'Met @W-0', '(@as', 'Witness: @Асель', '- @w_1']) expect(typingMention(line), line).toBe(true);
  });

  it('is not an address, a finished mention or text after it', () => {
    for (const line of ['', 'Met', 'me@example', 'mail me@', 'Met @W-001 ', 'Met @W-001, then', '@ ', 'x@y']) expect(typingMention(line), line).toBe(false);
  });
});
