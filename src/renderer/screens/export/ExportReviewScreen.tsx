import { useCallback, useEffect, useId, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { exportRefusal, type ExportField, type ExportFinding, type ExportFormat, type ExportPart, type ExportResult, type ExportReview, type PersonReplacement, type RedactionKind } from '../../../shared/domain';
import type { AppError } from '../../../shared/result';
import { call } from '../../api';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { Icon } from '../../components/Icon';
import { LoadFailed, Loading } from '../../components/LoadFailed';
import { Spinner } from '../../components/Spinner';
import { useNavigation, useReport, useVaultData } from '../../shell/context';
import {
  addManual,
  drawable,
  FIELD_ORDER,
  findingKey,
  findingText,
  formTexts,
  isCovered,
  isRedacted,
  KIND_LABELS,
  KIND_ORDER,
  looksLikeContact,
  noDecisions,
  originalOf,
  overlapsFinding,
  previewField,
  runs,
  tidy,
  toExportDecisions,
  type Decisions,
  type PreviewPiece,
  type Span,
} from './redaction';
import { AllowNoticeBar, FormsDone, FormsOffer, NeverRedactNameDialog, type AllowNotice } from './ReviewBars';
import '../interviews/interviews.css';
import './export.css';

const PARTS: readonly { value: ExportPart; label: string }[] = [
  { value: 'summary', label: 'Summary' },
  { value: 'notes', label: 'Full notes' },
];
const MODES: readonly { value: PersonReplacement; label: string }[] = [
  { value: 'redacted', label: '[REDACTED]' },
  { value: 'pseudonym', label: 'Pseudonym' },
  { value: 'code', label: 'Code name' },
];
const FORMATS: readonly { value: ExportFormat; label: string }[] = [
  { value: 'md', label: 'Markdown' },
  { value: 'txt', label: 'Plain text' },
];

const CONTACT_KINDS: ReadonlySet<RedactionKind> = new Set(['phone', 'email', 'handle', 'id-number', 'birth-date', 'address', 'location']);

/** True when a key press belongs to a text field (the R shortcut must not fire while typing a path). */
function typing(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT') return true;
  return target.tagName === 'INPUT' && !['checkbox', 'radio', 'button', 'submit', 'reset'].includes((target as HTMLInputElement).type);
}

const defaultPath = (code: string, part: ExportPart, format: ExportFormat) => `~/Documents/${code}-${part}-redacted.${format}`;

type Outcome = { readonly ok: true; readonly value: ExportResult } | { readonly ok: false; readonly error: AppError };

/** After a hand redaction: the other places its text appears in any form, offered; then what was added (for undo). */
type FormsState =
  | { readonly state: 'ask'; readonly selection: string; readonly spans: readonly Span[]; readonly morphology: boolean }
  | { readonly state: 'done'; readonly selection: string; readonly added: readonly Span[]; readonly before: readonly Span[] };

const spanKey = (s: Span) => `${s.field}:${s.start}:${s.end}`;

function Choice<T extends string>({ legend, options, value, onChange }: { readonly legend: string; readonly options: readonly { value: T; label: string }[]; readonly value: T; readonly onChange: (v: T) => void }) {
  const name = useId();
  return (
    <fieldset className="radio-row review-choice">
      <legend className="field__label">{legend}</legend>
      {options.map((o) => (
        <label key={o.value} className="radio-pill">
          <input type="radio" name={name} value={o.value} checked={value === o.value} onChange={() => onChange(o.value)} />
          <span>{o.label}</span>
        </label>
      ))}
    </fieldset>
  );
}

/** Offset of a DOM point inside a field's text element: the length of the text before it. */
function offsetIn(el: HTMLElement, node: Node, offset: number): number {
  const r = document.createRange();
  r.setStart(el, 0);
  r.setEnd(node, offset);
  return r.toString().length;
}

/** The current selection as spans of field text (one per field it touches), trimmed of surrounding spaces. */
function selectedSpans(pane: HTMLElement | null, review: ExportReview | null): Span[] {
  const sel = window.getSelection();
  if (!pane || !review || !sel || sel.rangeCount === 0 || sel.isCollapsed) return [];
  const range = sel.getRangeAt(0);
  const out: Span[] = [];
  for (const el of pane.querySelectorAll<HTMLElement>('[data-field-text]')) {
    if (!range.intersectsNode(el)) continue;
    const field = el.dataset.fieldText as ExportField;
    const original = originalOf(review, field);
    let start = el.contains(range.startContainer) ? offsetIn(el, range.startContainer, range.startOffset) : 0;
    let end = el.contains(range.endContainer) ? offsetIn(el, range.endContainer, range.endOffset) : original.length;
    while (start < end && /\s/.test(original[start]!)) start++;
    while (end > start && /\s/.test(original[end - 1]!)) end--;
    if (end > start) out.push({ field, start, end });
  }
  return out;
}

type Extend = (alter: 'move' | 'extend', direction: 'forward' | 'backward', granularity: 'character' | 'word' | 'line' | 'lineboundary') => void;

/**
 * Keyboard selection in the read-only original: Shift with the arrow keys (and Ctrl for words, Home/End for
 * lines) selects, the arrows alone move the starting point. Browsers do this only in editable text.
 */
function selectWithKeys(e: KeyboardEvent<HTMLElement>): void {
  const keys: Record<string, ['forward' | 'backward', 'character' | 'word' | 'line' | 'lineboundary']> = {
    ArrowRight: ['forward', e.ctrlKey || e.altKey ? 'word' : 'character'],
    ArrowLeft: ['backward', e.ctrlKey || e.altKey ? 'word' : 'character'],
    ArrowDown: ['forward', 'line'],
    ArrowUp: ['backward', 'line'],
    End: ['forward', 'lineboundary'],
    Home: ['backward', 'lineboundary'],
  };
  const key = keys[e.key];
  if (!key || e.target !== e.currentTarget) return;
  const sel = window.getSelection();
  if (!sel) return;
  const el = e.currentTarget;
  if (sel.rangeCount === 0 || !el.contains(sel.anchorNode)) {
    const r = document.createRange();
    r.setStart(el, 0);
    r.collapse(true);
    sel.removeAllRanges();
    sel.addRange(r);
  }
  e.preventDefault();
  (sel as unknown as { modify: Extend }).modify(e.shiftKey ? 'extend' : 'move', key[0], key[1]);
}

const excerpt = (s: string, n = 48) => {
  const one = s.replace(/\s+/g, ' ');
  return one.length > n ? `${one.slice(0, n - 1)}…` : one;
};

/** Review and export of one interview: the original with every finding, the redacted result beside it. */
export function ExportReviewScreen({ id }: { readonly id: string }) {
  const { navigate } = useNavigation();
  const [part, setPart] = useState<ExportPart>('summary');
  const [mode, setMode] = useState<PersonReplacement>('redacted');
  const [format, setFormat] = useState<ExportFormat>('md');
  const [review, setReview] = useState<ExportReview | null>(null);
  const [loadError, setLoadError] = useState<AppError | null>(null);
  const [loading, setLoading] = useState(true);
  const [attempt, setAttempt] = useState(0);
  const [decisions, setDecisions] = useState<Decisions>(noDecisions);
  const [pending, setPending] = useState<Span[]>([]);
  const [active, setActive] = useState<ExportFinding | null>(null);
  const [path, setPath] = useState('');
  const [pathEdited, setPathEdited] = useState(false);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [announce, setAnnounce] = useState('');
  const [forms, setForms] = useState<FormsState | null>(null);
  const formsRequest = useRef(0);
  const [allowNotice, setAllowNotice] = useState<AllowNotice | null>(null);
  const [confirmName, setConfirmName] = useState<{ readonly text: string; readonly forms: readonly string[] } | null>(null);
  const [allowBusy, setAllowBusy] = useState(false);
  const { setSettings } = useVaultData();
  const decisionsRef = useRef(decisions);
  decisionsRef.current = decisions;
  const reviewRef = useRef(review);
  reviewRef.current = review;
  const paneRef = useRef<HTMLDivElement>(null);
  const outcomeRef = useRef<HTMLDivElement>(null);
  const pathId = useId();
  const keyHelpId = useId();
  const reasonId = useId();
  const { report } = useReport();

  // a new part means new offsets: decisions (and offers made on them) start over; a new person mode keeps them
  useEffect(() => {
    setDecisions(noDecisions);
    setForms(null);
    formsRequest.current++;
  }, [part]);

  useEffect(() => {
    let alive = true;
    setLoading(true);
    void call('export.review', { interviewId: id, part, personMode: mode }).then((r) => {
      if (!alive) return;
      setLoading(false);
      if (r.ok) {
        setReview(r.value);
        setLoadError(null);
      } else setLoadError(r.error);
    });
    return () => {
      alive = false;
    };
  }, [id, part, mode, attempt]);

  const code = review?.code ?? '';
  useEffect(() => {
    if (!code) return;
    if (!pathEdited) setPath(defaultPath(code, part, format));
    else setPath((p) => p.replace(/\.(md|txt)$/i, `.${format}`));
  }, [code, part, format, pathEdited]);

  // the selection, as field spans, whenever it changes inside the original
  useEffect(() => {
    const onChange = () => setPending(selectedSpans(paneRef.current, review));
    document.addEventListener('selectionchange', onChange);
    return () => document.removeEventListener('selectionchange', onChange);
  }, [review]);

  const redactSelection = useCallback(() => {
    const spans = selectedSpans(paneRef.current, review);
    if (!review || spans.length === 0) return;
    setDecisions((d) => ({ ...d, manual: spans.reduce((list, s) => addManual(list, s), [...d.manual]) }));
    window.getSelection()?.removeAllRanges();
    setPending([]);
    setOutcome(null);
    const done = spans.length === 1 ? 'Selection redacted by hand.' : `${spans.length} selections redacted by hand.`;
    setAnnounce(done);
    // one word or name redacted by hand: the core looks for its other forms in everything under review
    const request = ++formsRequest.current;
    setForms(null);
    const only = spans.length === 1 ? spans[0]! : null;
    const text = only ? originalOf(review, only.field).slice(only.start, only.end) : '';
    if (!only || !/[\p{L}\p{N}]/u.test(text) || text.length > 500) return;
    void call('export.forms', { interviewId: id, part, text }).then((r) => {
      if (request !== formsRequest.current || !r.ok) return;
      const current = reviewRef.current;
      const left = current ? r.value.ranges.filter((x) => !isCovered(current, decisionsRef.current, x)) : [];
      if (left.length === 0) {
        setAnnounce(`${done} It appears nowhere else in this document.`);
        return;
      }
      setForms({ state: 'ask', selection: tidy(text), spans: r.value.ranges, morphology: r.value.morphology });
      setAnnounce(`${done} It appears in ${left.length} more ${left.length === 1 ? 'place' : 'places'}. Press A to redact ${left.length === 1 ? 'it' : 'them all'}, Escape to leave ${left.length === 1 ? 'it' : 'them'}.`);
    });
  }, [review, id, part]);

  /** The offered forms not yet redacted (decisions made since the offer may have covered some). */
  const offered = forms?.state === 'ask' && review ? forms.spans.filter((x) => !isCovered(review, decisions, x)) : [];

  const redactAllForms = useCallback(() => {
    if (forms?.state !== 'ask' || offered.length === 0) return;
    const before = decisionsRef.current.manual;
    setDecisions((d) => ({ ...d, manual: offered.reduce((list, s) => addManual(list, s), [...d.manual]) }));
    setForms({ state: 'done', selection: forms.selection, added: offered, before });
    setOutcome(null);
    setAnnounce(`${offered.length} more ${offered.length === 1 ? 'place' : 'places'} redacted by hand.`);
  }, [forms, offered]);

  const undoAllForms = () => {
    if (forms?.state !== 'done') return;
    const added = new Set(forms.added.map(spanKey));
    const before = forms.before;
    setDecisions((d) => ({ ...d, manual: before.reduce((list, s) => addManual(list, s), d.manual.filter((m) => !added.has(spanKey(m)))) }));
    setForms(null);
    setAnnounce('Undone: those places are no longer redacted by hand.');
  };

  const dismissForms = useCallback(() => {
    formsRequest.current++;
    setForms(null);
  }, []);

  /** Runs the review again (after the allow-list changed); the decisions stay, the offsets are the same. */
  const rerun = async (): Promise<ExportReview | null> => {
    const r = await call('export.review', { interviewId: id, part, personMode: mode });
    if (!r.ok) return null;
    setReview(r.value);
    setActive(null);
    return r.value;
  };

  /** Adds texts to the vault's allow-list, runs the review again and says what changed. */
  const allow = async (entries: readonly string[], name: boolean) => {
    setAllowBusy(true);
    try {
      const current = await call('settings.get', {});
      if (!current.ok) return setAllowNotice({ state: 'error', message: current.error.message });
      const list = current.value.allowList;
      const fresh = [...new Set(entries)].filter((e) => !list.includes(e));
      if (fresh.length === 0) return setAllowNotice({ state: 'already', text: entries[0] ?? '' });
      const saved = await call('settings.update', { settings: { allowList: [...list, ...fresh] } });
      if (!saved.ok) return setAllowNotice({ state: 'error', message: saved.error.message });
      setSettings(saved.value);
      const before = reviewRef.current?.findings.length ?? 0;
      const next = await rerun();
      setOutcome(null);
      setAllowNotice({ state: 'added', entries: fresh, name, removed: next ? Math.max(0, before - next.findings.length) : 0 });
      setAnnounce(`“${fresh[0]}” will never be redacted in any export. Undo is next to the message.`);
    } finally {
      setAllowBusy(false);
      setConfirmName(null);
    }
  };

  const undoAllow = async () => {
    if (allowNotice?.state !== 'added') return;
    const entries = allowNotice.entries;
    setAllowBusy(true);
    try {
      const current = await call('settings.get', {});
      if (!current.ok) return setAllowNotice({ state: 'error', message: current.error.message });
      const saved = await call('settings.update', { settings: { allowList: current.value.allowList.filter((x) => !entries.includes(x)) } });
      if (!saved.ok) return setAllowNotice({ state: 'error', message: saved.error.message });
      setSettings(saved.value);
      await rerun();
      setOutcome(null);
      setAllowNotice({ state: 'undone', entries });
      setAnnounce('Taken off the allow-list again; it is redacted as before.');
    } finally {
      setAllowBusy(false);
    }
  };

  /**
   * "Never redact this": a contact detail (the organisation's own letterhead) goes on the allow-list at once, with
   * undo; a name only after a confirmation that names the consequence, together with its other forms here.
   */
  const neverRedact = useCallback(
    async (raw: string, contact: boolean) => {
      const text = tidy(raw);
      if (!text || !review || allowBusy) return;
      if (text.length > 500) return setAllowNotice({ state: 'error', message: 'The allow-list takes texts of up to 500 characters. Select less: the name or the number itself.' });
      if (contact) return void allow([text], false);
      const found = await call('export.forms', { interviewId: id, part, text });
      const others = found.ok
        ? formTexts(review, found.value.ranges.filter((x) => overlapsFinding(review, x)))
            .map((f) => f.text)
            .filter((t) => t !== text)
        : [];
      setConfirmName({ text, forms: others });
    },
    // allow() runs the review again with the current part and person mode
    [review, id, part, mode, allowBusy],
  );

  const neverRedactFinding = useCallback(
    (f: ExportFinding) => {
      if (!review) return;
      void neverRedact(findingText(review, f), f.kind !== 'person' && f.kind !== 'manual');
    },
    [review, neverRedact],
  );

  const neverRedactSelection = useCallback(() => {
    if (!review || pending.length !== 1) return;
    const s = pending[0]!;
    const text = originalOf(review, s.field).slice(s.start, s.end);
    const match = review.findings.find((f) => f.field === s.field && f.start === s.start && f.end === s.end);
    void neverRedact(text, match ? match.kind !== 'person' : looksLikeContact(text));
  }, [review, pending, neverRedact]);

  // Outside text fields: R redacts the selection, N puts it on the allow-list; while an offer of other forms is
  // shown, A redacts them all and Escape closes it (Escape also closes an allow-list message).
  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || typing(e.composedPath()[0] ?? e.target)) return;
      if (document.querySelector('dialog[open]')) return;
      const key = e.key === 'Escape' ? 'escape' : e.key.toLowerCase();
      if (key === 'r') {
        e.preventDefault();
        redactSelection();
      } else if (key === 'n' && pending.length === 1) {
        e.preventDefault();
        neverRedactSelection();
      } else if (key === 'a' && offered.length > 0) {
        e.preventDefault();
        redactAllForms();
      } else if (key === 'escape' && (forms || allowNotice)) {
        e.preventDefault();
        if (forms) dismissForms();
        else setAllowNotice(null);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [redactSelection, neverRedactSelection, redactAllForms, dismissForms, pending.length, offered.length, forms, allowNotice]);

  const toggle = (f: ExportFinding) => {
    if (!review) return;
    setOutcome(null);
    if (f.certainty === 'auto') {
      const text = findingText(review, f);
      setDecisions((d) => {
        const kept = new Set(d.kept);
        if (kept.has(text)) kept.delete(text);
        else kept.add(text);
        return { ...d, kept };
      });
    } else {
      const key = findingKey(f);
      setDecisions((d) => {
        const accepted = new Set(d.accepted);
        if (accepted.has(key)) accepted.delete(key);
        else accepted.add(key);
        return { ...d, accepted };
      });
    }
  };

  const removeManual = (m: Span) => {
    setOutcome(null);
    setDecisions((d) => ({ ...d, manual: d.manual.filter((x) => x !== m) }));
    setAnnounce('Hand redaction removed.');
  };

  const counts = useMemo(() => {
    const c = new Map<RedactionKind, number>();
    for (const f of review?.findings ?? []) c.set(f.kind, (c.get(f.kind) ?? 0) + 1);
    if (decisions.manual.length) c.set('manual', decisions.manual.length);
    return c;
  }, [review, decisions.manual]);

  const blocked = (review?.consent.length ?? 0) > 0;
  const integrity = exportRefusal(report);
  const reason = !review
    ? 'Loading the review…'
    : integrity
      ? integrity
      : blocked
        ? 'Export is blocked by consent (see above).'
        : !path.trim()
          ? 'Choose where to save the file.'
          : '';

  const doExport = async () => {
    if (!review || reason) return;
    setBusy(true);
    setOutcome(null);
    const r = await call('export.write', { interviewId: id, part, personMode: mode, format, decisions: toExportDecisions(review, decisions), path: path.trim() });
    setBusy(false);
    setOutcome(r.ok ? { ok: true, value: r.value } : { ok: false, error: r.error });
  };

  useEffect(() => {
    if (!outcome) return;
    outcomeRef.current?.focus();
    // a leak: bring the first contact detail that was kept into view in the original
    if (!outcome.ok && outcome.error.code === 'conflict') {
      const kept = [...(paneRef.current?.querySelectorAll<HTMLElement>('.finding--auto.finding--kept') ?? [])].find((el) => !el.classList.contains('kind--person'));
      kept?.scrollIntoView({ block: 'center' });
    }
  }, [outcome]);

  const back = () => navigate({ section: 'interviews', id });

  if (!review) {
    return (
      <div className="review">
        <BackLink onBack={back} />
        {loadError ? <LoadFailed what="the export review" error={loadError} onRetry={() => setAttempt((n) => n + 1)} /> : <Loading label="Looking for names and contact details…" />}
      </div>
    );
  }

  const auto = review.findings.filter((f) => f.certainty === 'auto').length;
  const suggestions = review.findings.length - auto;
  const open = review.findings.filter((f) => f.certainty === 'suggestion' && !decisions.accepted.has(findingKey(f))).length;

  return (
    <div className="review">
      <BackLink onBack={back} label={`Back to ${review.code}`} />
      <div className="review__head">
        <h1>
          Export <span className="review__code">{review.code}</span>
          {loading ? (
            <span className="review__refreshing" role="status">
              <Spinner /> Updating…
            </span>
          ) : null}
        </h1>
        <div className="review__options">
          <Choice legend="Part" options={PARTS} value={part} onChange={setPart} />
          <Choice legend="Register people become" options={MODES} value={mode} onChange={setMode} />
          <Choice legend="Format" options={FORMATS} value={format} onChange={setFormat} />
        </div>
      </div>

      {blocked ? (
        <Alert tone="error" title="Export blocked by consent" className="review__consent">
          <ul aria-label="Consent reasons">
            {review.consent.map((c) => (
              <li key={c.personId}>{c.reason}</li>
            ))}
          </ul>
          <p className="review__consent-hint">Consent is recorded in the register. The review stays available; nothing can be exported until consent allows it.</p>
        </Alert>
      ) : null}

      {outcome ? (
        <div ref={outcomeRef} tabIndex={-1} className="review__outcome">
          {outcome.ok ? <Success result={outcome.value} onDismiss={() => setOutcome(null)} /> : <Failure error={outcome.error} onDismiss={() => setOutcome(null)} />}
        </div>
      ) : null}

      <div className="review__toolbar">
        <ul className="legend" aria-label="Findings by kind">
          {KIND_ORDER.filter((k) => counts.get(k)).map((k) => (
            <li key={k} className={`legend__item kind--${k}`}>
              <span className="legend__swatch" aria-hidden="true" />
              {KIND_LABELS[k]}
              <span className="legend__count">{counts.get(k)}</span>
            </li>
          ))}
          {counts.size === 0 ? <li className="legend__none">Nothing found to redact</li> : null}
        </ul>
        <p className="review__key">
          <span className="key-sample key-sample--auto" aria-hidden="true" />
          Redacted
          <span className="key-sample key-sample--suggestion" aria-hidden="true" />
          Suggestion
          <span className="key-sample key-sample--kept" aria-hidden="true" />
          Stays as written
        </p>
        <div className="review__tools" role="group" aria-label="The selected text">
          <Button
            className="review__tool"
            onMouseDown={(e) => e.preventDefault()}
            onClick={redactSelection}
            disabled={pending.length === 0}
            aria-label="Redact selection"
            aria-keyshortcuts="R"
            title="Select text in the original, then press R"
          >
            <Icon name="redact" />
            Redact
            <kbd>R</kbd>
          </Button>
          <Button
            className="review__tool"
            onMouseDown={(e) => e.preventDefault()}
            onClick={neverRedactSelection}
            disabled={pending.length !== 1 || allowBusy}
            aria-label="Never redact the selection"
            aria-keyshortcuts="N"
            title="Put the selected text on the allow-list: it is never redacted in any export"
          >
            <Icon name="shield-off" />
            Never redact
            <kbd>N</kbd>
          </Button>
        </div>
      </div>

      {forms?.state === 'ask' && offered.length > 0 ? (
        <FormsOffer selection={forms.selection} forms={formTexts(review, offered)} count={offered.length} morphology={forms.morphology} onRedactAll={redactAllForms} onDismiss={dismissForms} />
      ) : null}
      {forms?.state === 'done' ? <FormsDone selection={forms.selection} forms={formTexts(review, forms.added)} count={forms.added.length} onUndo={undoAllForms} onDismiss={dismissForms} /> : null}
      {allowNotice ? <AllowNoticeBar notice={allowNotice} busy={allowBusy} onUndo={() => void undoAllow()} onDismiss={() => setAllowNotice(null)} /> : null}

      <div className="review__panes">
        <section className="pane" aria-labelledby="pane-original-h">
          <div className="pane__head">
            <h2 id="pane-original-h" className="pane__title">
              Original
            </h2>
            <p className="pane__meta">
              {auto} found · {suggestions === 0 ? 'no suggestions' : `${suggestions} ${suggestions === 1 ? 'suggestion' : 'suggestions'}, ${suggestions - open} redacted`}
            </p>
          </div>
          <div className="pane__body" ref={paneRef}>
            {FIELD_ORDER.map((field) => {
              const info = review.fields.find((f) => f.field === field);
              if (!info) return null;
              return (
                <div key={field} className={`review-field review-field--${field}`}>
                  <h3 className="review-field__label">{info.label}</h3>
                  {info.original ? (
                    <div className="review-field__text" data-field-text={field} tabIndex={0} role="region" aria-label={`${info.label}, original`} aria-describedby={keyHelpId} onKeyDown={selectWithKeys}>
                      <OriginalText review={review} field={field} decisions={decisions} active={active} onToggle={toggle} onActive={setActive} onNeverRedact={neverRedactFinding} />
                    </div>
                  ) : (
                    <p className="review-field__empty">Empty</p>
                  )}
                </div>
              );
            })}
          </div>
          <FindingDetail review={review} finding={active} decisions={decisions} busy={allowBusy} onNeverRedact={neverRedactFinding} />
        </section>

        <section className="pane pane--result" aria-labelledby="pane-result-h">
          <div className="pane__head">
            <h2 id="pane-result-h" className="pane__title">
              Redacted result
            </h2>
            <p className="pane__meta">{format === 'md' ? 'Markdown file' : 'Plain text file, Markdown marks removed'}</p>
          </div>
          <Preview review={review} decisions={decisions} />
          {decisions.manual.length > 0 ? (
            <div className="manual-list">
              <h3 className="manual-list__title">Redacted by hand</h3>
              <ul aria-label="Redacted by hand">
                {decisions.manual.map((m) => {
                  const text = excerpt(originalOf(review, m.field).slice(m.start, m.end));
                  return (
                    <li key={`${m.field}:${m.start}:${m.end}`} className="manual-list__item">
                      <span className="manual-list__field">{review.fields.find((f) => f.field === m.field)?.label}</span>
                      <span className="manual-list__text">“{text}”</span>
                      <button type="button" className="icon-button--small" aria-label={`Remove hand redaction “${text}”`} title="Remove" onClick={() => removeManual(m)}>
                        <Icon name="close" />
                      </button>
                    </li>
                  );
                })}
              </ul>
            </div>
          ) : null}
        </section>
      </div>

      <div className="export-bar">
        <div className="export-bar__path">
          <label className="export-bar__label" htmlFor={pathId}>
            Save as
          </label>
          <input
            id={pathId}
            className="input input--mono"
            value={path}
            onChange={(e) => {
              setPath(e.target.value);
              setPathEdited(true);
            }}
            onKeyDown={(e) => {
              if (e.key === 'Enter') void doExport();
            }}
            autoComplete="off"
            spellCheck={false}
            aria-describedby={reasonId}
          />
        </div>
        <div className="export-bar__go">
          <p id={reasonId} className={reason ? 'export-bar__reason export-bar__reason--blocked' : 'export-bar__reason'}>
            {reason || 'The file name must not name anyone. The export is checked once more before it is written.'}
          </p>
          <Button variant="primary" onClick={() => void doExport()} disabled={Boolean(reason)} busy={busy}>
            <Icon name="export" />
            Export
          </Button>
        </div>
      </div>
      {confirmName ? (
        <NeverRedactNameDialog text={confirmName.text} forms={confirmName.forms} busy={allowBusy} onCancel={() => setConfirmName(null)} onConfirm={() => void allow([confirmName.text, ...confirmName.forms], true)} />
      ) : null}
      <p className="visually-hidden" id={keyHelpId}>
        Shift and the arrow keys select text; R redacts the selection by hand. Tab moves through the highlights; Enter or Space switches one between redacted and kept. N puts the highlight or the selection on the allow-list: never redacted in any export.
      </p>
      <p className="visually-hidden" role="status">
        {announce}
      </p>
    </div>
  );
}

function BackLink({ onBack, label = 'Back to the interview' }: { readonly onBack: () => void; readonly label?: string }) {
  return (
    <button type="button" className="back-link" onClick={onBack}>
      <Icon name="back" />
      {label}
    </button>
  );
}

function OriginalText({
  review,
  field,
  decisions,
  active,
  onToggle,
  onActive,
  onNeverRedact,
}: {
  readonly review: ExportReview;
  readonly field: ExportField;
  readonly decisions: Decisions;
  readonly active: ExportFinding | null;
  readonly onToggle: (f: ExportFinding) => void;
  readonly onActive: (f: ExportFinding) => void;
  readonly onNeverRedact: (f: ExportFinding) => void;
}) {
  const original = originalOf(review, field);
  const text = (from: number, to: number): ReactNode[] =>
    runs(from, to, decisions.manual, field).map((r) => (
      <span key={r.start} className={r.manual ? 'run run--manual' : 'run'}>
        {original.slice(r.start, r.end)}
      </span>
    ));
  const out: ReactNode[] = [];
  let at = 0;
  for (const f of drawable(review.findings, field)) {
    if (f.start > at) out.push(...text(at, f.start));
    const redacted = isRedacted(review, f, decisions);
    const suggestion = f.certainty === 'suggestion';
    const label = `${KIND_LABELS[f.kind]}${suggestion ? ' suggestion' : ''}: ${original.slice(f.start, f.end)}`;
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        onToggle(f);
      } else if ((e.key === 'n' || e.key === 'N') && !e.ctrlKey && !e.metaKey && !e.altKey) {
        e.preventDefault();
        onNeverRedact(f);
      }
    };
    out.push(
      <mark
        key={`f${f.start}`}
        className={['finding', `kind--${f.kind}`, suggestion ? 'finding--suggestion' : 'finding--auto', redacted ? 'finding--redacted' : 'finding--kept', active === f ? 'finding--active' : ''].filter(Boolean).join(' ')}
        role="switch"
        aria-checked={redacted}
        aria-label={label}
        aria-keyshortcuts="Enter Space N"
        tabIndex={0}
        title={`${KIND_LABELS[f.kind]}${suggestion ? ' (suggestion)' : ''}: ${redacted ? 'will be redacted' : 'stays as written'}. Click to switch.`}
        onClick={() => {
          // a drag that selects text is not a click on the finding
          if (!window.getSelection()?.isCollapsed) return;
          onToggle(f);
        }}
        onKeyDown={onKeyDown}
        onFocus={() => onActive(f)}
        onMouseEnter={() => onActive(f)}
      >
        {text(f.start, f.end)}
      </mark>,
    );
    at = f.end;
  }
  if (at < original.length) out.push(...text(at, original.length));
  return <>{out}</>;
}

function FindingDetail({
  review,
  finding,
  decisions,
  busy,
  onNeverRedact,
}: {
  readonly review: ExportReview;
  readonly finding: ExportFinding | null;
  readonly decisions: Decisions;
  readonly busy: boolean;
  readonly onNeverRedact: (f: ExportFinding) => void;
}) {
  if (!finding) {
    return (
      <div className="finding-detail finding-detail--idle">
        <p>
          Only what the right side shows leaves the laptop. Click a highlight (or Tab to it, then Enter) to switch it. Select any other text (mouse, or Shift+arrows): <kbd>R</kbd> redacts it by hand, <kbd>N</kbd> never
          redacts it.
        </p>
      </div>
    );
  }
  const redacted = isRedacted(review, finding, decisions);
  const contact = CONTACT_KINDS.has(finding.kind);
  const text = findingText(review, finding);
  return (
    <div className="finding-detail">
      <Button
        variant="ghost"
        className="finding-detail__action"
        onMouseDown={(e) => e.preventDefault()}
        onClick={() => onNeverRedact(finding)}
        disabled={busy}
        aria-label={`Never redact this: “${excerpt(text, 60)}”`}
        title={contact ? 'Put it on the allow-list (your organisation’s own contact details): never redacted in any export' : 'Put it on the allow-list: never redacted in any export (you will be asked to confirm)'}
      >
        <Icon name="shield-off" />
        Never redact this
        <kbd>N</kbd>
      </Button>
      <p className="finding-detail__info" aria-live="polite">
        <span className={`finding-detail__kind kind--${finding.kind}`}>
          <span className="legend__swatch" aria-hidden="true" />
          {KIND_LABELS[finding.kind]}
        </span>
        <span>
          <q className="finding-detail__text">{excerpt(text, 60)}</q> {finding.certainty === 'auto' ? 'Found' : 'Suggested'}: {finding.reason}.{' '}
          {redacted ? (
            <>
              Becomes <code className="finding-detail__to">{finding.replacement}</code>
            </>
          ) : contact && finding.certainty === 'auto' ? (
            <strong className="finding-detail__warn">Kept as written: a contact detail that stays will stop the export at the final check.</strong>
          ) : (
            'Stays as written.'
          )}
          {finding.certainty === 'auto' && !redacted ? ' Every occurrence of this text is kept.' : ''}
        </span>
      </p>
    </div>
  );
}

function PreviewText({ pieces }: { readonly pieces: readonly PreviewPiece[] }) {
  return (
    <>
      {pieces.map((p, i) =>
        p.type === 'text' ? (
          <span key={i}>{p.text}</span>
        ) : p.type === 'kept' ? (
          <span key={i} className="out-kept" title="Kept as written">
            {p.text}
          </span>
        ) : (
          <span key={i} className={p.text === '[REDACTED]' ? `out-redacted kind--${p.kind}` : `out-replaced kind--${p.kind}`}>
            {p.text}
          </span>
        ),
      )}
    </>
  );
}

function Preview({ review, decisions }: { readonly review: ExportReview; readonly decisions: Decisions }) {
  const pieces = (field: ExportField) => previewField(review, field, decisions);
  const has = (field: ExportField) => originalOf(review, field).trim() !== '';
  return (
    <article className="pane__body preview" aria-label="Redacted result" data-testid="redacted-result">
      <p className="preview__title">{has('title') ? <PreviewText pieces={pieces('title')} /> : 'Untitled interview'}</p>
      {has('date') || has('place') ? (
        <p className="preview__meta">
          {has('date') ? <PreviewText pieces={pieces('date')} /> : null}
          {has('date') && has('place') ? ' · ' : null}
          {has('place') ? <PreviewText pieces={pieces('place')} /> : null}
        </p>
      ) : null}
      <div className="preview__text">{has('text') ? <PreviewText pieces={pieces('text')} /> : <span className="preview__empty">Nothing written in this part yet.</span>}</div>
    </article>
  );
}

function Success({ result, onDismiss }: { readonly result: ExportResult; readonly onDismiss: () => void }) {
  const entries = KIND_ORDER.filter((k) => result.redactions[k]).map((k) => [k, result.redactions[k]!] as const);
  const total = entries.reduce((n, [, c]) => n + c, 0);
  return (
    <Alert tone="success" title="Exported" onDismiss={onDismiss}>
      <dl className="outcome-facts">
        <div>
          <dt>Saved to</dt>
          <dd className="outcome-facts__mono">{result.path}</dd>
        </div>
        <div>
          <dt>Redactions</dt>
          <dd>{total === 0 ? 'none' : entries.map(([k, n]) => `${KIND_LABELS[k]} ${n}`).join(' · ')}</dd>
        </div>
        <div>
          <dt>SHA-256</dt>
          <dd className="outcome-facts__mono" title={result.sha256}>
            {result.sha256.slice(0, 16)}…
          </dd>
        </div>
      </dl>
      <p className="outcome-facts__note">Recorded in the audit log with the same hash.</p>
    </Alert>
  );
}

const FIELD_NAMES: Readonly<Record<string, string>> = { title: 'title', date: 'date', place: 'place', text: 'text' };

/**
 * The leak check's message, read into its parts when it has the usual shape ("Export stopped: … (2 found).
 * phone in the text; email in the title. Nothing was written."); otherwise shown as it is. The message names
 * kinds and fields only, never any of the text: error messages can reach logs and screenshots.
 */
export function readLeaks(message: string): { summary: string; leaks: { kind: string; field: string }[] } | null {
  const m = /^Export stopped: (.+?\(\d+ found\))\.\s+(.+?)\.?\s*Nothing was written\.?$/s.exec(message);
  if (!m) return null;
  const leaks = m[2]!.split(/;\s+/).map((part) => /^(\S+) in the (\w+)$/.exec(part.trim()));
  if (leaks.some((l) => !l)) return null;
  return { summary: m[1]!, leaks: leaks.map((l) => ({ kind: l![1]!, field: l![2]! })) };
}

function Failure({ error, onDismiss }: { readonly error: AppError; readonly onDismiss: () => void }) {
  const leak = error.code === 'conflict';
  if (leak) {
    const read = readLeaks(error.message);
    return (
      <Alert tone="error" title="Export stopped: the result still identifies someone. Nothing was written." onDismiss={onDismiss} className="review__leak">
        {read ? (
          <>
            <p className="outcome-message">The final check found this in the text about to be written ({read.summary.replace(/^.*\((\d+) found\)$/, '$1 found')}):</p>
            <ul className="leaks" aria-label="What would have leaked">
              {read.leaks.map((l, i) => (
                <li key={i} className="leaks__item">
                  <span className={`leaks__kind kind--${l.kind}`}>
                    <span className="legend__swatch" aria-hidden="true" />
                    {KIND_LABELS[l.kind as RedactionKind] ?? l.kind}
                  </span>
                  <span className="leaks__field">in the {FIELD_NAMES[l.field] ?? l.field}</span>
                </li>
              ))}
            </ul>
          </>
        ) : (
          <p className="outcome-message">{error.message}</p>
        )}
        <p className="outcome-facts__note">Its highlight in the original is switched to stay as written: switch it back to redacted, or select it and press R, then export again.</p>
      </Alert>
    );
  }
  return (
    <Alert tone="error" title={error.code === 'invalid-request' ? 'Export refused' : 'Could not export'} onDismiss={onDismiss}>
      <p className="outcome-message">{error.message}</p>
    </Alert>
  );
}
