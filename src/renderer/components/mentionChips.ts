import { StateEffect, type Extension } from '@codemirror/state';
import { Decoration, EditorView, MatchDecorator, ViewPlugin, WidgetType, type DecorationSet, type ViewUpdate } from '@codemirror/view';

/** Who can be mentioned: code names and pseudonyms only. Real names never reach the editor. */
export interface Mentionable {
  readonly code: string;
  readonly pseudonym: string;
  readonly role: string;
}

/** Sent when the register changes, so chips appear for new people and go for removed ones. */
export const registerChanged = StateEffect.define<null>();

/**
 * A person's code as written in the notes: "W-017", or "@W-017" as typed. The text stays exactly that (the
 * core finds mentions by the code; exports redact it); only the editor shows it as a chip.
 */
const CODE = /@?W-\d{3,}/gu;
const WORD_BEFORE = /[\p{L}\p{N}_-]/u;
const DIGIT_AFTER = /[\p{L}\p{N}]/u;

class MentionWidget extends WidgetType {
  constructor(
    readonly code: string,
    readonly pseudonym: string,
  ) {
    super();
  }

  override eq(other: MentionWidget): boolean {
    return other.code === this.code && other.pseudonym === this.pseudonym;
  }

  toDOM(): HTMLElement {
    const chip = document.createElement('span');
    chip.className = 'cm-mention';
    chip.dataset.code = this.code;
    const code = document.createElement('span');
    code.className = 'cm-mention__code';
    code.textContent = this.code;
    chip.append(code);
    if (this.pseudonym) {
      // shown (and read by screen readers) as generated content, so the chip's text is the code alone, as stored
      const pseudonym = document.createElement('span');
      pseudonym.className = 'cm-mention__pseudonym';
      pseudonym.dataset.pseudonym = this.pseudonym;
      chip.append(pseudonym);
    }
    return chip;
  }

  override ignoreEvent(): boolean {
    return false;
  }
}

/**
 * Mentions of people in the register as atomic chips: the cursor steps over one in a single move and
 * Backspace or Delete removes it whole, so a code is never left half-deleted ("W-01") and silently unlinked.
 * Codes of people no longer in the register stay plain text.
 */
export function mentionChips(register: () => readonly Mentionable[]): Extension {
  const decorator = () => {
    const byCode = new Map(register().map((p) => [p.code, p]));
    return new MatchDecorator({
      regexp: CODE,
      decorate: (add, from, to, match, view) => {
        const code = match[0].replace(/^@/, '');
        const person = byCode.get(code);
        if (!person) return;
        const doc = view.state.doc;
        if (from > 0 && WORD_BEFORE.test(doc.sliceString(from - 1, from))) return;
        if (to < doc.length && DIGIT_AFTER.test(doc.sliceString(to, to + 1))) return;
        add(from, to, Decoration.replace({ widget: new MentionWidget(person.code, person.pseudonym) }));
      },
    });
  };
  const plugin = ViewPlugin.fromClass(
    class {
      chips: DecorationSet;
      matcher = decorator();
      constructor(view: EditorView) {
        this.chips = this.matcher.createDeco(view);
      }
      update(u: ViewUpdate) {
        if (u.transactions.some((tr) => tr.effects.some((e) => e.is(registerChanged)))) {
          this.matcher = decorator();
          this.chips = this.matcher.createDeco(u.view);
        } else {
          this.chips = this.matcher.updateDeco(u, this.chips);
        }
      }
    },
    {
      decorations: (v) => v.chips,
      provide: (p) => EditorView.atomicRanges.of((view) => view.plugin(p)?.chips ?? Decoration.none),
    },
  );
  return plugin;
}

/** Whether the line up to the cursor ends in a mention being typed: "@" starting a word (not an e-mail address). */
export function typingMention(lineBefore: string): boolean {
  return /(?:^|[^\p{L}\p{N}_])@[\p{L}\p{N}_-]*$/u.test(lineBefore);
}
