/**
 * The session's interview heads and register are decoded from the search cache on first use (LazyMap over the
 * cache's part B): a search alone must not decode them, and nothing may behave differently once they are.
 */
import { describe, expect, it } from 'vitest';
import { LazyMap } from '../../src/core/catalog/lazy-map';
import { decodeSnapshot, encodeSnapshot } from '../../src/core/catalog/snapshot';
import { SearchIndex } from '../../src/core/search/index';
import { codeNumber } from '../../src/core/domain/codes';
import { emptyPersonFields, type Person } from '../../src/shared/domain';
import type { InterviewHead } from '../../src/core/catalog/heads';

function counting(entries: readonly (readonly [string, number])[]) {
  let loads = 0;
  const map = new LazyMap(
    entries.map(([k]) => k),
    () => {
      loads++;
      return entries;
    },
  );
  return { map, loads: () => loads };
}

describe('LazyMap', () => {
  it('answers size, has and absent keys without loading', () => {
    const { map, loads } = counting([['a', 1], ['b', 2]]);
    expect(map.size).toBe(2);
    expect(map.has('a')).toBe(true);
    expect(map.has('z')).toBe(false);
    expect(map.get('z')).toBeUndefined();
    expect(map.delete('z')).toBe(false);
    expect(map.isPending).toBe(true);
    expect(loads()).toBe(0);
  });

  it('loads once, on the first read of a value, change or iteration, and then behaves as a Map', () => {
    for (const use of [
      (m: Map<string, number>) => m.get('a'),
      (m: Map<string, number>) => m.set('c', 3),
      (m: Map<string, number>) => m.delete('a'),
      (m: Map<string, number>) => [...m],
      (m: Map<string, number>) => [...m.values()],
      (m: Map<string, number>) => [...m.keys()],
      (m: Map<string, number>) => [...m.entries()],
      (m: Map<string, number>) => m.forEach(() => undefined),
    ]) {
      const { map, loads } = counting([['a', 1], ['b', 2]]);
      use(map);
      expect(loads()).toBe(1);
      expect(map.isPending).toBe(false);
      map.get('b');
      expect(loads()).toBe(1);
    }
    const { map } = counting([['a', 1], ['b', 2]]);
    map.set('c', 3);
    map.delete('a');
    expect([...map]).toEqual([['b', 2], ['c', 3]]);
    expect(map.size).toBe(2);
    expect(map.has('a')).toBe(false);
  });

  it('clear() drops the pending entries without loading them', () => {
    const { map, loads } = counting([['a', 1]]);
    map.clear();
    expect(map.size).toBe(0);
    expect(map.has('a')).toBe(false);
    expect(loads()).toBe(0);
  });
});

describe('the search cache’s two parts', () => {
  it('decrypts and decodes the heads and the register only when asked, and never after being discarded', () => {
    const index = new SearchIndex();
    index.upsert({ kind: 'interview', id: 'i1', code: 'INT-0007', title: 'Osh', text: 'airport' });
    index.upsert({ kind: 'person', id: 'p1', code: 'W-003', title: 'W-003', text: 'Aigul' });
    const head = { id: 'i1', code: 'INT-0007', title: 'Osh' } as unknown as InterviewHead;
    const person: Person = { ...emptyPersonFields, id: 'p1', revision: 1, code: 'W-003', createdAt: '', updatedAt: '' } as Person;
    const bytes = encodeSnapshot({ rows: [], interviews: [head], people: [person], audit: [], countersId: 'c', counters: { interview: 7, person: 3 }, histories: [], taxonomy: null, settings: null, index: index.freeze() });
    let opened = 0;
    const snap = decodeSnapshot(bytes.core, () => (opened++, new Uint8Array(bytes.register)))!;
    expect(snap.interviewIds).toEqual(['i1']);
    expect(snap.personKeys).toEqual([['p1', 'W-003']]);
    expect(opened).toBe(0);
    // The decrypted core is wiped by the caller right after decoding: the register must not depend on it.
    bytes.core.fill(0);
    expect(snap.register.load()?.interviews).toEqual([head]);
    expect(snap.register.load()?.people[0]?.code).toBe('W-003');
    expect(opened).toBe(1);
    const other = decodeSnapshot(bytes.core.length ? encodeSnapshot({ rows: [], interviews: [head], people: [person], audit: [], countersId: 'c', counters: { interview: 7, person: 3 }, histories: [], taxonomy: null, settings: null, index: index.freeze() }).core : bytes.core, () => {
      opened++;
      return new Uint8Array(bytes.register);
    })!;
    other.register.discard();
    expect(other.register.load()).toBeNull();
    expect(opened).toBe(1);
    // A register part that does not authenticate (null) or does not decode reads as null: the session rebuilds.
    expect(decodeSnapshot(encodeSnapshot({ rows: [], interviews: [], people: [], audit: [], countersId: 'c', counters: { interview: 0, person: 0 }, histories: [], taxonomy: null, settings: null, index: index.freeze() }).core, () => null)!.register.load()).toBeNull();
    expect(decodeSnapshot(encodeSnapshot({ rows: [], interviews: [], people: [], audit: [], countersId: 'c', counters: { interview: 0, person: 0 }, histories: [], taxonomy: null, settings: null, index: index.freeze() }).core, () => new Uint8Array([1, 2, 3]))!.register.load()).toBeNull();
    expect(index.highestCode('interview')).toBe(7);
    expect(index.highestCode('person')).toBe(3);
  });
});

describe('codeNumber', () => {
  it('reads the digits after the last hyphen, and 0 for anything else', () => {
    expect(codeNumber('W-017')).toBe(17);
    expect(codeNumber('INT-0031')).toBe(31);
    expect(codeNumber('A-B-12')).toBe(12);
    for (const odd of ['', 'W-', '-', '17', 'W-17x', 'W17', 'W-1 7']) expect(codeNumber(odd), odd).toBe(0);
    expect(codeNumber('-5')).toBe(5);
  });
});
