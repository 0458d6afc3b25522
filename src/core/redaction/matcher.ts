import { personForms, type FormPart } from './identities';
import type { Token } from './keys';
import type { RegisterPerson } from './types';

/**
 * All forms of all register people compiled into one trie over word keys. Scanning a text is one walk from each
 * token, at most as deep as the longest form (four or five words): linear in the text, independent of the
 * register's size. Longest match wins, leftmost first.
 */

interface Terminal {
  readonly people: number[];
  part: FormPart;
  needsCapital: boolean;
}

interface TrieNode {
  next: Map<string, TrieNode> | null;
  terminal: Terminal | null;
}

export interface NameMatch {
  /** Token index range [first, last]. */
  readonly first: number;
  readonly last: number;
  readonly people: readonly number[];
  readonly part: FormPart;
}

export interface NameMatcher {
  readonly size: number;
  /** Single-word keys of every form (for near-miss suggestions). */
  readonly singleKeys: ReadonlyMap<string, readonly number[]>;
  scan(tokens: readonly Token[]): NameMatch[];
}

const newNode = (): TrieNode => ({ next: null, terminal: null });

export function compileNames(people: readonly RegisterPerson[]): NameMatcher {
  const root = newNode();
  const singleKeys = new Map<string, number[]>();
  let size = 0;
  people.forEach((person, index) => {
    for (const form of personForms(person)) {
      let node = root;
      for (const key of form.keys) {
        node.next ??= new Map();
        let child = node.next.get(key);
        if (child === undefined) {
          child = newNode();
          node.next.set(key, child);
        }
        node = child;
      }
      if (node.terminal === null) {
        node.terminal = { people: [index], part: form.part, needsCapital: form.needsCapital };
        size++;
      } else {
        if (!node.terminal.people.includes(index)) node.terminal.people.push(index);
        // Two people, one key: the laxer rule wins (a surname of one may be a given name of another).
        node.terminal.needsCapital &&= form.needsCapital;
        if (form.part === 'full') node.terminal.part = 'full';
      }
      if (form.keys.length === 1 && !form.keys[0]!.startsWith('#')) {
        const list = singleKeys.get(form.keys[0]!) ?? [];
        if (!list.includes(index)) list.push(index);
        singleKeys.set(form.keys[0]!, list);
      }
    }
  });

  function scan(tokens: readonly Token[]): NameMatch[] {
    const out: NameMatch[] = [];
    let i = 0;
    while (i < tokens.length) {
      let node = root.next?.get(tokens[i]!.key);
      let best: { last: number; terminal: Terminal } | null = null;
      let j = i;
      while (node !== undefined) {
        const t = node.terminal;
        if (t !== null && (!t.needsCapital || tokens[i]!.capital)) best = { last: j, terminal: t };
        j++;
        if (j >= tokens.length || !tokens[j]!.joined || node.next === null) break;
        node = node.next.get(tokens[j]!.key);
      }
      if (best !== null) {
        out.push({ first: i, last: best.last, people: best.terminal.people, part: best.terminal.part });
        i = best.last + 1;
      } else {
        i++;
      }
    }
    return out;
  }

  return { size, singleKeys, scan };
}
