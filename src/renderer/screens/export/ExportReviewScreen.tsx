import { useCallback, useEffect, useId, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useIntl } from 'react-intl';
import { STALE_REVIEW, type ExportField, type ExportFinding, type ExportFormat, type ExportPart, type ExportResult, type ExportReview, type PersonReplacement, type RedactionKind } from '../../../shared/domain';
import { EXPORT_NOT_CHOSEN } from '../../../shared/api';
import type { AppError } from '../../../shared/result';
import { call, canChooseExportFile, chooseExportFile } from '../../api';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { Icon } from '../../components/Icon';
import { LoadFailed, Loading } from '../../components/LoadFailed';
import { Spinner } from '../../components/Spinner';
import { useNavigation, useReport } from '../../shell/context';
import { commonError, locationMessage } from '../../errors';
import { AwayRefusal } from '../travel/TravelBanner';
import { isAwayRefusal } from '../travel/travel-errors';
import { useKeyboardScrollable } from '../../hooks/useKeyboardScrollable';
import type { MessageId } from '../../i18n/catalogs';
import { translator, useT, type Translate } from '../../i18n/I18nProvider';
import { exportRefusalText } from '../../i18n/integrity';
import { findingReason, kindLabel } from './reasons';
import {
  addManual,
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
  tidy,
  toExportDecisions,
  type Decisions,
  type PreviewPiece,
  type Span,
} from './redaction';
import { AllowNoticeBar, FormsDone, FormsOffer, NeverRedactNameDialog } from './ReviewBars';
import { useAllowList } from './useAllowList';
import { useReviewKeys } from './useReviewKeys';
import { NearView, offsetIn, OriginalField, PreviewPieces, scrollToOffset } from './ReviewText';
import { ReviewToolbar } from './ReviewToolbar';
import '../interviews/interviews.css';
import './export.css';
import { Facts, Fact } from '../../components/Facts';
import { FilePicker } from '../../components/FilePicker';

const PARTS: readonly { value: ExportPart; label: MessageId }[] = [
  { value: 'summary', label: 'export.part.summary' },
  { value: 'notes', label: 'export.part.notes' },
];
const MODES: readonly { value: PersonReplacement; label: MessageId }[] = [
  { value: 'redacted', label: 'export.mode.redacted' },
  { value: 'pseudonym', label: 'export.mode.pseudonym' },
  { value: 'code', label: 'export.mode.code' },
];
const FORMATS: readonly { value: ExportFormat; label: MessageId }[] = [
  { value: 'md', label: 'export.format.md' },
  { value: 'txt', label: 'export.format.txt' },
];

/** A field of the review by its key (the core's label is English): "Title", or the part's name for the text. */
function fieldLabel(t: Translate, field: ExportField, part: ExportPart): string {
  return field === 'text' ? t(part === 'summary' ? 'export.field.summary' : 'export.field.notes') : t(`export.field.${field}` as MessageId);
}

/** The core's consent blocks ("W-001 withdrew consent on 2026-03-01."), translated by shape. */
export function consentReason(t: Translate, intl: ReturnType<typeof useIntl>, reason: string): string {
  const withdrew = /^(\S+) withdrew consent on (\d{4}-\d{2}-\d{2})\.$/.exec(reason);
  if (withdrew) return t('export.consent.withdrew', { code: withdrew[1], date: intl.formatDate(Date.parse(`${withdrew[2]}T00:00:00Z`), { dateStyle: 'medium', timeZone: 'UTC' }) });
  const none = /^(\S+) has no recorded consent\.$/.exec(reason);
  if (none) return t('export.consent.none', { code: none[1] });
  const quote = /^(\S+) did not allow quotation\.$/.exec(reason);
  if (quote) return t('export.consent.noQuote', { code: quote[1] });
  return reason;
}


const CONTACT_KINDS: ReadonlySet<RedactionKind> = new Set(['phone', 'email', 'handle', 'id-number', 'birth-date', 'address', 'location']);

/** The review proper, where its single-letter keys act: the two texts, the Redact / Never redact tools, a bar about them. */
const IN_REVIEW = '.review__panes, .review__tools, .review-bar';

/** The export's file name: the interview's code, never a name (the core refuses a name that identifies anyone). */
const exportFileName = (code: string, part: ExportPart, format: ExportFormat) => `${code}-${part}-redacted.${format}`;
const defaultPath = (code: string, part: ExportPart, format: ExportFormat) => `~/Documents/${exportFileName(code, part, format)}`;

type Outcome = { readonly ok: true; readonly value: ExportResult } | { readonly ok: false; readonly error: AppError };

/** After a hand redaction: the other places its text appears in any form, offered; then what was added (for undo). */
type FormsState =
  | { readonly state: 'ask'; readonly selection: string; readonly spans: readonly Span[]; readonly morphology: boolean }
  | { readonly state: 'done'; readonly selection: string; readonly added: readonly Span[]; readonly before: readonly Span[] };

const spanKey = (s: Span) => `${s.field}:${s.start}:${s.end}`;

export function Choice<T extends string>({ legend, options, value, onChange }: { readonly legend: string; readonly options: readonly { value: T; label: MessageId }[]; readonly value: T; readonly onChange: (v: T) => void }) {
  const name = useId();
  const t = useT();
  return (
    <fieldset className="radio-row review-choice">
      <legend className="field__label">{legend}</legend>
      {options.map((o) => (
        <label key={o.value} className="radio-pill">
          <input type="radio" name={name} value={o.value} checked={value === o.value} onChange={() => onChange(o.value)} />
          <span>{t(o.label)}</span>
        </label>
      ))}
    </fieldset>
  );
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
export function selectWithKeys(e: KeyboardEvent<HTMLElement>): void {
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

export const excerpt = (s: string, n = 48) => {
  const one = s.replace(/\s+/g, ' ');
  return one.length > n ? `${one.slice(0, n - 1)}…` : one;
};

/** Review and export of one interview: the original with every finding, the redacted result beside it. */
export function ExportReviewScreen({ id }: { readonly id: string }) {
  const { navigate } = useNavigation();
  const intl = useIntl();
  const t = translator(intl);
  const [part, setPart] = useState<ExportPart>('summary');
  const [mode, setMode] = useState<PersonReplacement>('redacted');
  const [format, setFormat] = useState<ExportFormat>('md');
  const [review, setReview] = useState<ExportReview | null>(null);
  /** Which request the review shown answers: a review for other options is never taken for the current one. */
  const [reviewFor, setReviewFor] = useState('');
  const [refreshing, setRefreshing] = useState(false);
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

  const request = JSON.stringify([id, part, mode, attempt]);
  const requestRef = useRef(request);
  requestRef.current = request;
  useEffect(() => {
    let alive = true;
    setLoading(true);
    void call('export.review', { interviewId: id, part, personMode: mode }).then((r) => {
      if (!alive) return;
      setLoading(false);
      if (r.ok) {
        setReview(r.value);
        setReviewFor(request);
        setLoadError(null);
      } else setLoadError(r.error);
    });
    return () => {
      alive = false;
    };
  }, [id, part, mode, attempt]);

  const code = review?.code ?? '';
  // In the app the file is chosen in the system's Save dialog, and the app writes exports only where the user chose
  // there; the developer preview types a path instead.
  const nativeSave = canChooseExportFile();
  useEffect(() => {
    if (!code) return;
    // a file chosen for another part or format is not the file for this one: choose again
    if (nativeSave) setPath('');
    else if (!pathEdited) setPath(defaultPath(code, part, format));
    else setPath((p) => p.replace(/\.(md|txt)$/i, `.${format}`));
  }, [code, part, format, pathEdited, nativeSave]);

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
    const done = t('export.announce.redacted', { count: spans.length });
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
        setAnnounce(`${done} ${t('export.announce.nowhereElse')}`);
        return;
      }
      setForms({ state: 'ask', selection: tidy(text), spans: r.value.ranges, morphology: r.value.morphology });
      setAnnounce(`${done} ${t('export.announce.moreForms', { count: left.length })}`);
    });
  }, [review, id, part, t]);

  /** The offered forms not yet redacted (decisions made since the offer may have covered some). */
  const offered = forms?.state === 'ask' && review ? forms.spans.filter((x) => !isCovered(review, decisions, x)) : [];

  const redactAllForms = useCallback(() => {
    if (forms?.state !== 'ask' || offered.length === 0) return;
    const before = decisionsRef.current.manual;
    setDecisions((d) => ({ ...d, manual: offered.reduce((list, s) => addManual(list, s), [...d.manual]) }));
    setForms({ state: 'done', selection: forms.selection, added: offered, before });
    setOutcome(null);
    setAnnounce(t('export.announce.morePlaces', { count: offered.length }));
  }, [forms, offered, t]);

  const undoAllForms = () => {
    if (forms?.state !== 'done') return;
    const added = new Set(forms.added.map(spanKey));
    const before = forms.before;
    setDecisions((d) => ({ ...d, manual: before.reduce((list, s) => addManual(list, s), d.manual.filter((m) => !added.has(spanKey(m)))) }));
    setForms(null);
    setAnnounce(t('export.announce.undone'));
  };

  const dismissForms = useCallback(() => {
    formsRequest.current++;
    setForms(null);
  }, []);

  /** Runs the review again (after the allow-list changed); the decisions stay, the offsets are the same. */
  const rerun = async (): Promise<ExportReview | null> => {
    setRefreshing(true);
    try {
      const r = await call('export.review', { interviewId: id, part, personMode: mode });
      // other options chosen meanwhile: their own review is the one to show, not this one
      if (!r.ok || requestRef.current !== request) return null;
      setReview(r.value);
      setReviewFor(request);
      setActive(null);
      return r.value;
    } finally {
      setRefreshing(false);
    }
  };

  /** "Never redact this", with the name's other forms here named in the confirmation. */
  const allowList = useAllowList({
    findings: () => reviewRef.current?.findings.length ?? 0,
    rerun: async () => (await rerun())?.findings.length ?? null,
    onChanged: () => setOutcome(null),
    announce: setAnnounce,
    otherForms: async (text) => {
      if (!review) return [];
      const found = await call('export.forms', { interviewId: id, part, text });
      return found.ok
        ? formTexts(review, found.value.ranges.filter((x) => overlapsFinding(review, x)))
            .map((f) => f.text)
            .filter((x) => x !== text)
        : [];
    },
  });
  const { neverRedact, busy: allowBusy, notice: allowNotice, dismiss: dismissAllow } = allowList;

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

  // While the review itself has focus (its texts, its tools or a bar above them), R redacts the selection and
  // N puts it on the allow-list; while an offer of other forms is shown, A redacts them all and Escape closes it
  // (Escape also closes an allow-list message). Single letters act only there (WCAG 2.1.4): a stray "n" from
  // speech input elsewhere on the screen, or with focus in the options, does nothing.
  useReviewKeys(IN_REVIEW, {
    redact: redactSelection,
    neverRedact: pending.length === 1 ? neverRedactSelection : undefined,
    redactAll: offered.length > 0 ? redactAllForms : undefined,
    escape: forms ? dismissForms : allowNotice ? dismissAllow : undefined,
  });

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
    setAnnounce(t('export.announce.manualRemoved'));
  };

  const counts = useMemo(() => {
    const c = new Map<RedactionKind, number>();
    for (const f of review?.findings ?? []) c.set(f.kind, (c.get(f.kind) ?? 0) + 1);
    if (decisions.manual.length) c.set('manual', decisions.manual.length);
    return c;
  }, [review, decisions.manual]);

  const blocked = (review?.consent.length ?? 0) > 0;
  const integrity = exportRefusalText(t, report);
  // What is shown is what will be written only when the review answers the options as they are now.
  const current = review !== null && reviewFor === request && !loading && !refreshing;
  const reason = !review
    ? t('export.reason.loading')
    : !current
      ? t('export.reason.updating')
      : integrity
      ? integrity
      : blocked
        ? t('export.reason.consent')
        : !path.trim()
          ? t('export.reason.path')
          : '';

  const doExport = async () => {
    if (!review || reason) return;
    setBusy(true);
    setOutcome(null);
    const r = await call('export.write', { interviewId: id, part, personMode: mode, format, decisions: toExportDecisions(review, decisions), path: path.trim(), reviewed: review.revision });
    setBusy(false);
    setOutcome(r.ok ? { ok: true, value: r.value } : { ok: false, error: r.error });
    // the vault changed under the review (an edit, the register, the allow-list): review it again as it is now
    if (!r.ok && r.error.message.startsWith(STALE_REVIEW)) setAttempt((n) => n + 1);
    // the app no longer lets this page write to that file (chosen before a lock, or for another format): choose again
    if (!r.ok && r.error.message.startsWith(EXPORT_NOT_CHOSEN)) setPath('');
  };

  useEffect(() => {
    if (!outcome) return;
    outcomeRef.current?.focus();
    // a leak: bring the first contact detail that was kept into view in the original
    if (!outcome.ok && outcome.error.code === 'conflict') {
      const kept = [...(paneRef.current?.querySelectorAll<HTMLElement>('.finding--auto.finding--kept') ?? [])].find((el) => !el.classList.contains('kind--person'));
      if (kept) kept.scrollIntoView({ block: 'center' });
      else {
        // in a long note its stretch may not be drawn yet: bring the stretch into view, it is drawn when near
        const r = reviewRef.current;
        const f = r?.findings.find((x) => x.certainty === 'auto' && x.kind !== 'person' && !isRedacted(r, x, decisionsRef.current));
        if (f) scrollToOffset(paneRef.current, f.field, f.start);
      }
    }
  }, [outcome]);

  const back = () => navigate({ section: 'interviews', id });

  if (!review) {
    return (
      <div className="review">
        <BackLink onBack={back} />
        {loadError && isAwayRefusal(loadError) ? (
          <AwayRefusal what="export" />
        ) : loadError ? (
          <LoadFailed what={t('export.loadWhat')} error={loadError} onRetry={() => setAttempt((n) => n + 1)} />
        ) : (
          <Loading label={t('export.looking')} />
        )}
      </div>
    );
  }

  const auto = review.findings.filter((f) => f.certainty === 'auto').length;
  const suggestions = review.findings.length - auto;
  const open = review.findings.filter((f) => f.certainty === 'suggestion' && !decisions.accepted.has(findingKey(f))).length;

  return (
    <div className="review">
      <BackLink onBack={back} label={t('export.backTo', { code: review.code })} />
      <div className="review__head">
        <h1>
          {intl.formatMessage({ id: 'export.heading' }, { code: review.code, c: (chunks: ReactNode[]) => <span className="review__code">{chunks}</span> })}
          {!current ? (
            <span className="review__refreshing" role="status">
              <Spinner /> {t('export.updating')}
            </span>
          ) : null}
        </h1>
        <div className="review__options">
          <Choice legend={t('export.choice.part')} options={PARTS} value={part} onChange={setPart} />
          <Choice legend={t('export.choice.mode')} options={MODES} value={mode} onChange={setMode} />
          <Choice legend={t('export.choice.format')} options={FORMATS} value={format} onChange={setFormat} />
        </div>
      </div>

      {blocked ? (
        <Alert tone="error" title={t('export.consent.title')} className="review__consent">
          <ul aria-label={t('export.consent.reasons')}>
            {review.consent.map((c) => (
              <li key={c.personId}>{consentReason(t, intl, c.reason)}</li>
            ))}
          </ul>
          <p className="review__consent-hint">{t('export.consent.hint')}</p>
        </Alert>
      ) : null}

      {outcome ? (
        <div ref={outcomeRef} tabIndex={-1} className="review__outcome">
          {outcome.ok ? <Success result={outcome.value} onDismiss={() => setOutcome(null)} /> : <Failure error={outcome.error} onDismiss={() => setOutcome(null)} />}
        </div>
      ) : null}

      <ReviewToolbar counts={counts} selected={pending.length} allowBusy={allowBusy} onRedact={redactSelection} onNeverRedact={neverRedactSelection} />

      {forms?.state === 'ask' && offered.length > 0 ? (
        <FormsOffer selection={forms.selection} forms={formTexts(review, offered)} count={offered.length} morphology={forms.morphology} onRedactAll={redactAllForms} onDismiss={dismissForms} />
      ) : null}
      {forms?.state === 'done' ? <FormsDone selection={forms.selection} forms={formTexts(review, forms.added)} count={forms.added.length} onUndo={undoAllForms} onDismiss={dismissForms} /> : null}
      {allowNotice ? <AllowNoticeBar notice={allowNotice} busy={allowBusy} onUndo={() => void allowList.undo()} onDismiss={allowList.dismiss} /> : null}

      {review.part !== part ? (
        <div className="review__panes review__panes--loading">
          <Loading label={t('export.looking')} />
        </div>
      ) : (
        <div className={current ? 'review__panes' : 'review__panes review__panes--stale'} aria-busy={!current}>
          <section className="pane" aria-labelledby="pane-original-h">
            <div className="pane__head">
              <h2 id="pane-original-h" className="pane__title">
                {t('export.original')}
              </h2>
              <p className="pane__meta">{t('export.original.meta', { auto, suggestions, accepted: suggestions - open })}</p>
            </div>
            <div className="pane__body" ref={paneRef}>
              <NearView root={paneRef}>
                {FIELD_ORDER.map((field) => {
                  const info = review.fields.find((f) => f.field === field);
                  if (!info) return null;
                  return (
                    <div key={field} className={`review-field review-field--${field}`}>
                      <h3 className="review-field__label">{fieldLabel(t, field, review.part)}</h3>
                      {info.original ? (
                        <div className="review-field__text" data-field-text={field} tabIndex={0} role="region" aria-label={t('export.fieldOriginal', { label: fieldLabel(t, field, review.part) })} aria-describedby={keyHelpId} onKeyDown={selectWithKeys}>
                          <OriginalField review={review} field={field} decisions={decisions} active={active} handlers={{ onToggle: toggle, onActive: setActive, onNeverRedact: neverRedactFinding }} />
                        </div>
                      ) : (
                        <p className="review-field__empty">{t('export.empty')}</p>
                      )}
                    </div>
                  );
                })}
              </NearView>
            </div>
            <FindingDetail review={review} finding={active} decisions={decisions} busy={allowBusy} onNeverRedact={neverRedactFinding} />
          </section>

          <section className="pane pane--result" aria-labelledby="pane-result-h">
            <div className="pane__head">
              <h2 id="pane-result-h" className="pane__title">
                {t('export.result')}
              </h2>
              <p className="pane__meta">{!current ? t('export.reason.updating') : format === 'md' ? t('export.result.md') : t('export.result.txt')}</p>
            </div>
            <Preview review={review} decisions={decisions} />
            {decisions.manual.length > 0 ? (
              <div className="manual-list">
                <h3 className="manual-list__title">{t('export.manual.title')}</h3>
                <ul aria-label={t('export.manual.title')}>
                  {decisions.manual.map((m) => {
                    const text = excerpt(originalOf(review, m.field).slice(m.start, m.end));
                    return (
                      <li key={`${m.field}:${m.start}:${m.end}`} className="manual-list__item">
                        <span className="manual-list__field">{fieldLabel(t, m.field, review.part)}</span>
                        <span className="manual-list__text">“{text}”</span>
                        <button type="button" className="icon-button--small" aria-label={t('export.manual.remove', { text })} title={t('export.manual.removeTitle')} onClick={() => removeManual(m)}>
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
      )}

      <div className="export-bar">
        <div className="export-bar__path">
          <label className="export-bar__label" htmlFor={pathId}>
            {t('export.saveAs')}
          </label>
          <FilePicker
            id={pathId}
            path={path}
            onPath={(p, how) => {
              setPath(p);
              if (how === 'typed') setPathEdited(true);
              else setOutcome(null);
            }}
            choose={nativeSave ? () => chooseExportFile({ name: exportFileName(code, part, format), format }) : null}
            chooseLabel={t('export.choose')}
            placeholder={t('export.noFile')}
            busy={busy}
            chooseDisabled={!review}
            onEnter={() => void doExport()}
            describedBy={reasonId}
          />
        </div>
        <div className="export-bar__go">
          <p id={reasonId} className={reason ? 'export-bar__reason export-bar__reason--blocked' : 'export-bar__reason'}>
            {reason || t('export.nameHint')}
          </p>
          <Button variant="primary" onClick={() => void doExport()} disabled={Boolean(reason)} busy={busy}>
            <Icon name="export" />
            {t('export.button')}
          </Button>
        </div>
      </div>
      {allowList.dialog ? <NeverRedactNameDialog {...allowList.dialog} /> : null}
      <p className="visually-hidden" id={keyHelpId}>
        {t('export.keyHelp')}
      </p>
      <p className="visually-hidden" role="status">
        {announce}
      </p>
    </div>
  );
}

export function BackLink({ onBack, label }: { readonly onBack: () => void; readonly label?: string }) {
  const t = useT();
  return (
    <button type="button" className="back-link" onClick={onBack}>
      <Icon name="back" />
      {label ?? t('export.backToInterview')}
    </button>
  );
}

export function FindingDetail({
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
  const intl = useIntl();
  const t = translator(intl);
  const scrollable = useKeyboardScrollable();
  if (!finding) {
    return (
      <div className="finding-detail finding-detail--idle" ref={scrollable}>
        <p>{intl.formatMessage({ id: 'export.detail.idle' }, { kbd: (chunks: ReactNode[]) => <kbd>{chunks}</kbd> })}</p>
      </div>
    );
  }
  const redacted = isRedacted(review, finding, decisions);
  const contact = CONTACT_KINDS.has(finding.kind);
  const text = findingText(review, finding);
  return (
    <div className="finding-detail" ref={scrollable}>
      <Button
        variant="ghost"
        className="finding-detail__action"
        onMouseDown={(e) => e.preventDefault()}
        onClick={() => onNeverRedact(finding)}
        disabled={busy}
        aria-label={t('export.detail.neverLabel', { text: excerpt(text, 60) })}
        title={contact ? t('export.detail.neverTitleContact') : t('export.detail.neverTitleName')}
      >
        <Icon name="shield-off" />
        {t('export.detail.never')}
        <kbd>N</kbd>
      </Button>
      <p className="finding-detail__info" aria-live="polite">
        <span className={`finding-detail__kind kind--${finding.kind}`}>
          <span className="legend__swatch" aria-hidden="true" />
          {t(KIND_LABELS[finding.kind])}
        </span>
        <span>
          <q className="finding-detail__text">{excerpt(text, 60)}</q> {t(finding.certainty === 'auto' ? 'export.detail.found' : 'export.detail.suggested', { reason: findingReason(t, finding.reason, finding.kind) })}{' '}
          {redacted ? (
            intl.formatMessage({ id: 'export.detail.becomes' }, { replacement: finding.replacement, c: (chunks: ReactNode[]) => <code className="finding-detail__to">{chunks}</code> })
          ) : contact && finding.certainty === 'auto' ? (
            <strong className="finding-detail__warn">{t('export.detail.keptContact')}</strong>
          ) : (
            t('export.detail.stays')
          )}
          {finding.certainty === 'auto' && !redacted ? ` ${t('export.detail.everyOccurrence')}` : ''}
        </span>
      </p>
    </div>
  );
}

function PreviewText({ pieces }: { readonly pieces: readonly PreviewPiece[] }) {
  const t = useT();
  return (
    <>
      {pieces.map((p, i) =>
        p.type === 'text' ? (
          <span key={i}>{p.text}</span>
        ) : p.type === 'kept' ? (
          <span key={i} className="out-kept" title={t('export.keptTitle')}>
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
  const ref = useRef<HTMLElement>(null);
  const t = useT();
  // a long note: the pieces only when the review or a decision changed, not on every selection change
  const text = useMemo(() => previewField(review, 'text', decisions), [review, decisions]);
  const pieces = (field: ExportField) => previewField(review, field, decisions);
  const has = (field: ExportField) => originalOf(review, field).trim() !== '';
  return (
    <article ref={ref} className="pane__body preview" aria-label={t('export.result')} data-testid="redacted-result">
      <p className="preview__title">{has('title') ? <PreviewText pieces={pieces('title')} /> : t('export.untitled')}</p>
      {has('date') || has('place') ? (
        <p className="preview__meta">
          {has('date') ? <PreviewText pieces={pieces('date')} /> : null}
          {has('date') && has('place') ? ' · ' : null}
          {has('place') ? <PreviewText pieces={pieces('place')} /> : null}
        </p>
      ) : null}
      <div className="preview__text">
        {has('text') ? (
          <NearView root={ref}>
            <PreviewPieces pieces={text} />
          </NearView>
        ) : (
          <span className="preview__empty">{t('export.nothingWritten')}</span>
        )}
      </div>
    </article>
  );
}

function Success({ result, onDismiss }: { readonly result: ExportResult; readonly onDismiss: () => void }) {
  const entries = KIND_ORDER.filter((k) => result.redactions[k]).map((k) => [k, result.redactions[k]!] as const);
  const total = entries.reduce((n, [, c]) => n + c, 0);
  const t = useT();
  return (
    <Alert tone="success" title={t('export.success.title')} onDismiss={onDismiss}>
      <Facts spacing="tight">
        <Fact label={t('export.success.savedTo')} mono>{result.path}</Fact>
        <Fact label={t('export.success.redactions')}>{total === 0 ? t('export.success.none') : entries.map(([k, n]) => `${t(KIND_LABELS[k])} ${n}`).join(' · ')}</Fact>
        <Fact label="SHA-256" mono title={result.sha256}>
          {result.sha256.slice(0, 16)}…
        </Fact>
      </Facts>
      <p className="outcome-note">{result.notAudited ? t('export.success.notAudited') : t('export.success.note')}</p>
    </Alert>
  );
}

const FIELD_NAMES: Readonly<Record<string, MessageId>> = { title: 'export.fieldIn.title', date: 'export.fieldIn.date', place: 'export.fieldIn.place', text: 'export.fieldIn.text' };


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

export function Failure({ error, onDismiss }: { readonly error: AppError; readonly onDismiss: () => void }) {
  const t = useT();
  const leak = error.code === 'conflict';
  if (leak) {
    const read = readLeaks(error.message);
    return (
      <Alert tone="error" title={t('export.leak.title')} onDismiss={onDismiss} className="review__leak">
        {read ? (
          <>
            <p className="outcome-message">{t('export.leak.found', { count: read.summary.replace(/^.*\((\d+) found\)$/, '$1') })}</p>
            <ul className="leaks" aria-label={t('export.leak.list')}>
              {read.leaks.map((l, i) => (
                <li key={i} className="leaks__item">
                  <span className={`leaks__kind kind--${l.kind}`}>
                    <span className="legend__swatch" aria-hidden="true" />
                    {kindLabel(t, l.kind)}
                  </span>
                  <span className="leaks__field">{t('export.leak.inField', { field: FIELD_NAMES[l.field] ? t(FIELD_NAMES[l.field]!) : l.field })}</span>
                </li>
              ))}
            </ul>
          </>
        ) : (
          <p className="outcome-message">{error.message}</p>
        )}
        <p className="outcome-note">{t('export.leak.hint')}</p>
      </Alert>
    );
  }
  return (
    <Alert tone="error" title={error.code === 'invalid-request' ? t('export.refused') : t('export.failed')} onDismiss={onDismiss}>
      <p className="outcome-message">
        {error.message.startsWith(STALE_REVIEW)
          ? t('export.stale')
          : error.message.startsWith(EXPORT_NOT_CHOSEN)
            ? t('export.notChosen')
            : /network share|Device paths/.test(error.message)
              ? locationMessage(error.message, t)
              : commonError(error, t)}
      </p>
    </Alert>
  );
}
