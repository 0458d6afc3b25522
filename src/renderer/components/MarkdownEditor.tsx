import { autocompletion, closeCompletion, completionKeymap, type CompletionContext, type CompletionResult } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { markdown } from '@codemirror/lang-markdown';
import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { Compartment, EditorSelection, EditorState, Transaction, type TransactionSpec } from '@codemirror/state';
import { EditorView, keymap, placeholder as placeholderExt } from '@codemirror/view';
import { tags } from '@lezer/highlight';
import { useT } from '../i18n/I18nProvider';
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { Button } from './Button';
import { Markdown } from './Markdown';
import { mentionChips, registerChanged, typingMention, type Mentionable } from './mentionChips';
import './MarkdownEditor.css';
import shadowCss from './MarkdownEditor.shadow.css?inline';

let shadowSheet: CSSStyleSheet | null = null;
function editorSheet(): CSSStyleSheet {
  if (!shadowSheet) {
    shadowSheet = new CSSStyleSheet();
    shadowSheet.replaceSync(shadowCss);
  }
  return shadowSheet;
}

export type { Mentionable } from './mentionChips';

const highlight = HighlightStyle.define([
  { tag: tags.heading1, class: 'md-h md-h1' },
  { tag: tags.heading2, class: 'md-h md-h2' },
  { tag: [tags.heading3, tags.heading4, tags.heading5, tags.heading6], class: 'md-h md-h3' },
  { tag: tags.strong, class: 'md-strong' },
  { tag: tags.emphasis, class: 'md-em' },
  { tag: tags.strikethrough, class: 'md-strike' },
  { tag: [tags.link, tags.url], class: 'md-link' },
  { tag: tags.monospace, class: 'md-code' },
  { tag: tags.quote, class: 'md-quote' },
  { tag: [tags.processingInstruction, tags.contentSeparator], class: 'md-mark' },
]);

function mentionSource(get: () => readonly Mentionable[]) {
  return (ctx: CompletionContext): CompletionResult | null => {
    const word = ctx.matchBefore(/@[\p{L}\p{N}_-]*/u);
    if (!word) return null;
    // "@" must start a word: not inside an e-mail address
    if (word.from > 0 && /[\p{L}\p{N}_]/u.test(ctx.state.sliceDoc(word.from - 1, word.from))) return null;
    const q = word.text.slice(1).toLowerCase();
    const options = get()
      .filter((p) => !q || p.code.toLowerCase().includes(q) || p.pseudonym.toLowerCase().includes(q))
      .slice(0, 50)
      .map((p) => ({ label: `@${p.code}`, displayLabel: p.code, detail: p.pseudonym || undefined, info: p.role, apply: p.code, type: 'variable' }));
    return { from: word.from, options, filter: false };
  };
}

export interface MarkdownEditorProps {
  readonly label: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly onBlur?: () => void;
  readonly placeholder?: string;
  readonly mentionables?: readonly Mentionable[];
  readonly minLines?: 'short' | 'long';
  readonly hint?: string;
  /** Opens the register, offered when someone types @ while the register is empty. */
  readonly onAddPerson?: () => void;
  /** The most characters the text may have (shared/limits.ts); what goes beyond is not inserted. */
  readonly maxLength?: number;
  /** Told when an insertion was shortened to fit: how many characters were left out, and whether it was a paste. */
  readonly onLimit?: (cut: number, pasted: boolean) => void;
  /** Shown under the editor (a limit's counter and message). */
  readonly footer?: ReactNode;
}

/**
 * Shortens what a transaction inserts so the text stays within `max`: the insertions are cut from their end
 * (a paste keeps its beginning), and the cursor lands after what was kept.
 */
function limitTransaction(tr: Transaction, max: number, told: (cut: number, pasted: boolean) => void): Transaction | TransactionSpec {
  if (!tr.docChanged || tr.newDoc.length <= max || tr.newDoc.length <= tr.startState.doc.length) return tr;
  let excess = tr.newDoc.length - max;
  const specs: { from: number; to: number; insert: string }[] = [];
  tr.changes.iterChanges((fromA, toA, _fromB, _toB, inserted) => specs.push({ from: fromA, to: toA, insert: inserted.toString() }));
  let cut = 0;
  for (let k = specs.length - 1; k >= 0 && excess > 0; k--) {
    const spec = specs[k]!;
    let keep = Math.max(0, spec.insert.length - excess);
    // never split a surrogate pair in half
    if (keep > 0 && /[\uD800-\uDBFF]/.test(spec.insert[keep - 1]!)) keep--;
    cut += spec.insert.length - keep;
    excess -= spec.insert.length - keep;
    specs[k] = { ...spec, insert: spec.insert.slice(0, keep) };
  }
  const pasted = tr.isUserEvent('input.paste') || tr.isUserEvent('input.drop');
  // after the update listener has reported the (shortened) text
  queueMicrotask(() => told(cut, pasted));
  const changes = tr.startState.changes(specs);
  const last = specs[specs.length - 1];
  const userEvent = tr.annotation(Transaction.userEvent);
  return {
    changes,
    ...(last ? { selection: EditorSelection.cursor(changes.mapPos(last.to, 1)) } : {}),
    scrollIntoView: true,
    ...(userEvent ? { userEvent } : {}),
  };
}

/**
 * Markdown in CodeMirror 6 with a Write / Preview switch. Typing @ offers the register (code and pseudonym)
 * and inserts the code. Tab leaves the editor (it is not captured), so the form stays keyboard-navigable.
 */
export function MarkdownEditor({ label, value, onChange, onBlur, placeholder, mentionables, minLines = 'long', hint, onAddPerson, maxLength, onLimit, footer }: MarkdownEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  /** The last texts this editor produced: a late echo of one of them is not an outside change. */
  const emitted = useRef<string[]>([]);
  const change = useRef(onChange);
  change.current = onChange;
  const people = useRef(mentionables ?? []);
  people.current = mentionables ?? [];
  const limit = useRef({ max: maxLength, told: onLimit });
  limit.current = { max: maxLength, told: onLimit };
  /** Mentions are offered here (the notes, the summary) but the register has nobody in it yet. */
  const registerEmpty = useRef(false);
  registerEmpty.current = mentionables !== undefined && mentionables.length === 0;
  const [noOneToMention, setNoOneToMention] = useState(false);
  const [mode, setMode] = useState<'write' | 'preview'>('write');
  const labelId = useId();
  const t = useT();
  const hintId = useId();
  const placeholderConf = useRef(new Compartment()).current;

  useEffect(() => {
    if (!host.current) return;
    // CodeMirror in a shadow root, so that its styles go in as adopted stylesheets (allowed by the CSP)
    const shadow = host.current.shadowRoot ?? host.current.attachShadow({ mode: 'open' });
    shadow.adoptedStyleSheets = [editorSheet()];
    const mount = document.createElement('div');
    mount.className = minLines;
    shadow.replaceChildren(mount);
    const v = new EditorView({
      parent: mount,
      root: shadow,
      state: EditorState.create({
        doc: value,
        extensions: [
          history(),
          markdown(),
          syntaxHighlighting(highlight),
          EditorView.lineWrapping,
          placeholderConf.of(placeholder ? placeholderExt(placeholder) : []),
          autocompletion({ override: [mentionSource(() => people.current)], icons: false, closeOnBlur: true }),
          mentionChips(() => people.current),
          keymap.of([...completionKeymap, ...defaultKeymap, ...historyKeymap]),
          EditorState.transactionFilter.of((tr) => {
            const { max, told } = limit.current;
            return max === undefined ? tr : limitTransaction(tr, max, (cut, pasted) => told?.(cut, pasted));
          }),
          // ids do not reach into a shadow root: the label is given as text
          EditorView.contentAttributes.of({ 'aria-label': label, 'aria-multiline': 'true', spellcheck: 'false' }),
          EditorView.updateListener.of((u) => {
            if (u.docChanged || u.selectionSet) {
              const head = u.state.selection.main.head;
              const line = u.state.doc.lineAt(head);
              setNoOneToMention(registerEmpty.current && typingMention(line.text.slice(0, head - line.from)));
            }
            if (!u.docChanged) return;
            const doc = u.state.doc.toString();
            emitted.current.push(doc);
            if (emitted.current.length > 50) emitted.current.shift();
            change.current(doc);
          }),
          EditorView.domEventHandlers({
            blur: (_e, ev) => {
              closeCompletion(ev);
              return false;
            },
          }),
        ],
      }),
    });
    view.current = v;
    return () => {
      v.destroy();
      view.current = null;
    };
    // the editor is created once; value changes from outside are applied below
  }, []);

  // chips follow the register: someone added or removed elsewhere
  useEffect(() => {
    view.current?.dispatch({ effects: registerChanged.of(null) });
    if (mentionables && mentionables.length > 0) setNoOneToMention(false);
  }, [mentionables]);

  useEffect(() => {
    const v = view.current;
    if (!v) return;
    const doc = v.state.doc.toString();
    // Only a change from outside (a restore, a reload after a conflict) replaces the text. A value the editor
    // itself produced a moment ago is an echo arriving late; applying it would drop what was typed since.
    if (doc === value || emitted.current.includes(value)) return;
    emitted.current = [];
    v.dispatch({ changes: { from: 0, to: doc.length, insert: value } });
  }, [value]);

  return (
    <div className={`md-editor md-editor--${minLines}`} onBlur={onBlur}>
      <div className="md-editor__bar">
        <span className="md-editor__label" id={labelId}>
          {label}
        </span>
        <div className="segmented" role="group" aria-label={t('editor.modes', { label })}>
          <button type="button" className="segmented__item" aria-pressed={mode === 'write'} onClick={() => setMode('write')}>
            {t('editor.write')}
          </button>
          <button type="button" className="segmented__item" aria-pressed={mode === 'preview'} onClick={() => setMode('preview')}>
            {t('editor.preview')}
          </button>
        </div>
      </div>
      <div className="md-editor__frame">
        <div ref={host} className="md-editor__cm" hidden={mode !== 'write'} onClick={() => view.current?.focus()} />
        {mode === 'preview' ? (
          <div className="md-editor__preview" tabIndex={0} role="region" aria-label={t('editor.previewOf', { label })}>
            <Markdown text={value} empty={t('editor.empty')} />
          </div>
        ) : null}
      </div>
      {/* A live region present from the start, so the explanation is read when it appears. */}
      <div className="md-editor__mention-help" role="status">
        {noOneToMention ? (
          <div className="md-editor__mention-hint">
            <p>{t('editor.noOneToMention')}</p>
            {onAddPerson ? (
              <Button variant="secondary" onClick={onAddPerson}>
                {t('editor.openPeople')}
              </Button>
            ) : null}
          </div>
        ) : null}
      </div>
      {hint ? (
        <p className="md-editor__hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {footer}
    </div>
  );
}
