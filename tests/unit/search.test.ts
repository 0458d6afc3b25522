/** Search: script-, case- and diacritic-insensitive, prefix matching, and always in step with edits and deletes. */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { foldWord } from '../../src/core/search/fold';
import { snippetAsText } from '../../src/shared/snippet';
import type { VaultService } from '../../src/core/service';
import { cheapService, removeDir, tempDir } from '../fixtures/vault-helpers';

describe('foldWord', () => {
  it('erases script, case and diacritics', () => {
    const groups = [
      ['Sultanalieva', 'SULTANALIEVA', 'sultanalieva', 'Султаналиева', 'СУЛТАНАЛИЕВА', 'Sultanaliyeva'],
      ['Aigul', 'Aygul', 'AYGÜL', 'Aygül', 'Айгүль'.replace('ь', ''), 'Айгул'],
      ['Nurlan', 'Нурлан', 'NURLAN'],
      ['Zhamila', 'Жамила'],
      ['Sahin', 'Şahin', 'ŞAHİN'.toLowerCase()],
      ['Ozbek', 'Özbek', 'Өзбек'],
      ['Jose', 'José', 'JOSÉ'],
    ];
    for (const group of groups) {
      const folded = new Set(group.map(foldWord));
      expect(folded.size, group.join(' / ')).toBe(1);
    }
    expect(foldWord('Sultanalieva')).not.toBe(foldWord('Sultanova'));
  });
});

describe('VaultService.search', () => {
  let dir = '';
  let svc: VaultService;
  const ids = { person: '', latin: '', other: '' };

  beforeAll(async () => {
    dir = tempDir();
    svc = cheapService();
    await svc.create(join(dir, 'vault'), 'search test passphrase');
    ids.person = svc.createPerson({
      pseudonym: 'Teacher from Osh',
      family: { latin: '', cyrillic: 'Султаналиева' },
      given: { latin: 'Aygül', cyrillic: '' },
      contacts: [{ kind: 'phone', value: '+996 555 123 456' }],
    }).id;
    ids.latin = svc.createInterview({ title: 'Statement of B. Sultanalieva', body: 'She described the checkpoint on Lenin Street.' }).id;
    ids.other = svc.createInterview({ title: 'Market fire', body: 'Witnesses saw smoke near the bazaar. Жалал-Абад.' }).id;
  });
  afterAll(() => {
    svc.lock();
    removeDir(dir);
  });

  const hitIds = (q: string) => svc.search(q).map((h) => h.id).sort();

  it('finds Cyrillic text by a Latin query and Latin text by a Cyrillic query', () => {
    expect(hitIds('Sultanalieva')).toEqual([ids.person, ids.latin].sort());
    expect(hitIds('Султаналиева')).toEqual([ids.person, ids.latin].sort());
    expect(hitIds('Жалал')).toEqual([ids.other]);
    expect(hitIds('zhalal')).toEqual([ids.other]);
  });

  it('is case- and diacritic-insensitive', () => {
    expect(hitIds('SULTANALIEVA')).toEqual([ids.person, ids.latin].sort());
    expect(hitIds('aygul')).toEqual([ids.person]);
    expect(hitIds('AYGÜL')).toEqual([ids.person]);
    expect(hitIds('Айгүл')).toEqual([ids.person]);
    expect(hitIds('CHECKPOINT')).toEqual([ids.latin]);
  });

  it('matches prefixes; every query word must match; no match gives nothing', () => {
    expect(hitIds('sultan')).toEqual([ids.person, ids.latin].sort());
    expect(hitIds('sultan checkpoint')).toEqual([ids.latin]);
    expect(hitIds('sultan bazaar')).toEqual([]);
    expect(hitIds('nonexistentword')).toEqual([]);
    expect(hitIds('')).toEqual([]);
    expect(hitIds('   ...  ')).toEqual([]);
  });

  it('hits carry code, title, kind and a snippet that marks the match', () => {
    const [hit] = svc.search('checkpoint');
    expect(hit).toMatchObject({ kind: 'interview', id: ids.latin, code: 'INT-0001', title: 'Statement of B. Sultanalieva' });
    expect(snippetAsText(hit!.snippet)).toContain('«checkpoint»');
    const [p] = svc.search('Osh', 50, ['person']);
    expect(p).toMatchObject({ kind: 'person', id: ids.person, code: 'W-001' });
    expect(svc.search('Sultanalieva', 50, ['interview']).map((h) => h.id)).toEqual([ids.latin]);
  });

  it('follows updates: the old words stop matching, the new ones match', () => {
    const cur = svc.getInterview(ids.other);
    svc.updateInterview(ids.other, cur.revision, { body: 'Flooding in Naryn.' });
    expect(hitIds('bazaar')).toEqual([]);
    expect(hitIds('Жалал')).toEqual([]);
    expect(hitIds('naryn')).toEqual([ids.other]);
    expect(hitIds('Нарын')).toEqual([ids.other]);
    expect(hitIds('market')).toEqual([ids.other]); // the title is unchanged
  });

  it('follows deletes, and survives lock/unlock with the same results', async () => {
    const tmp = svc.createInterview({ title: 'Temporary zzyzx note' });
    expect(hitIds('zzyzx')).toEqual([tmp.id]);
    svc.deleteInterview(tmp.id);
    expect(hitIds('zzyzx')).toEqual([]);
    const p = svc.getPerson(ids.person);
    svc.updatePerson(ids.person, p.revision, { family: { latin: '', cyrillic: 'Иванова' } });
    expect(hitIds('Sultanalieva')).toEqual([ids.latin]);
    expect(hitIds('Ivanova')).toEqual([ids.person]);
    svc.lock();
    svc = cheapService();
    await svc.unlock(join(dir, 'vault'), 'search test passphrase');
    expect(hitIds('zzyzx')).toEqual([]);
    expect(hitIds('Sultanalieva')).toEqual([ids.latin]);
    expect(hitIds('Ivanova')).toEqual([ids.person]);
    expect(hitIds('naryn')).toEqual([ids.other]);
    svc.deletePerson(ids.person);
    expect(hitIds('Ivanova')).toEqual([]);
    expect(hitIds('Osh')).toEqual([]);
  });

  it('respects the limit', () => {
    svc.createInterviews(Array.from({ length: 30 }, (_, i) => ({ title: `Batch report ${i}` })));
    expect(svc.search('batch', 10)).toHaveLength(10);
    expect(svc.search('batch', 500)).toHaveLength(30);
  });
});
