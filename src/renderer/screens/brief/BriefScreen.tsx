import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { useIntl } from 'react-intl';
import type { BriefContent, BriefDecisions, BriefFieldText, BriefFormat, BriefIncidentRow, BriefLanguage, BriefRequest, BriefResult, BriefReview } from '../../../shared/brief';
import { STALE_REVIEW, type ExportFinding, type InterviewFilter, type PersonReplacement, type RedactionKind } from '../../../shared/domain';
import { EXPORT_NOT_CHOSEN } from '../../../shared/api';
import { LIMITS } from '../../../shared/limits';
import type { AppError } from '../../../shared/result';
import { BRIEF_MAX_INTERVIEWS } from '../../../shared/schemas';
import { call, canChooseExportFile, chooseExportFile } from '../../api';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { Icon } from '../../components/Icon';
import { LoadFailed, Loading } from '../../components/LoadFailed';
import { PageHeader } from '../../components/PageHeader';
import { AwayRefusal } from '../travel/TravelBanner';
import { isAwayRefusal } from '../travel/travel-errors';
import { useAway } from '../travel/travel-status';
import { Panel } from '../../components/Panel';
import { Spinner } from '../../components/Spinner';
import { TextField } from '../../components/TextField';
import { formatDate } from '../../format';
import { useOperation } from '../../hooks/useOperation';
import type { MessageId } from '../../i18n/catalogs';
import { translator, useT } from '../../i18n/I18nProvider';
import { exportRefusalText } from '../../i18n/integrity';
import { incidentTypeLabel } from '../../i18n/taxonomy';
import { useNavigation, useReport, useVaultData } from '../../shell/context';
import { BackLink, Choice, Failure } from '../export/ExportReviewScreen';
import { NearView, offsetIn } from '../export/ReviewText';
import { AllowNoticeBar, FormsDone, FormsOffer, NeverRedactNameDialog } from '../export/ReviewBars';
import { useAllowList } from '../export/useAllowList';
import { useReviewKeys } from '../export/useReviewKeys';
import { ReviewToolbar } from '../export/ReviewToolbar';
import { KIND_LABELS, looksLikeContact, tidy } from '../export/redaction';
import { kindLabel } from '../export/reasons';
import { activeFilterCount, FilterBar } from '../interviews/FilterBar';
import { placeText } from '../interviews/InterviewList';
import {
  addBriefManual,
  addGroupSpans,
  blockedInterviews,
  briefCovered,
  briefFindingKey,
  briefFormTexts,
  formSpans,
  FRONT,
  groupFingerprint,
  groupsOf,
  noGroupDecisions,
  removeGroupSpans,
  toBriefDecisions,
  BRIEF_START,
  type BriefStart,
  type BriefSpan,
  type GroupDecisions,
  type GroupSpan,
  type ReviewGroup,
} from './brief-review';
import { briefFieldLabel, GroupBody, GroupCounts, InterviewGroup, type ActiveFinding, type GroupHandlers } from './BriefGroup';
import { SealPanel, type SealInput } from '../delivery/SealPanel';
import '../interviews/interviews.css';
import '../export/export.css';
import './brief.css';
import { Facts, Fact } from '../../components/Facts';
import { FilePicker } from '../../components/FilePicker';

const SETUP_MEMORY = 'brief.setup';

interface Setup {
  readonly title: string;
  readonly method: string;
  readonly selection: { readonly mode: 'filter'; readonly filter: InterviewFilter } | { readonly mode: 'hand'; readonly ids: readonly string[] };
  readonly content: BriefContent;
  readonly personMode: PersonReplacement;
  readonly language: BriefLanguage;
  readonly format: BriefFormat;
}

const CONTENTS: readonly { value: BriefContent; label: MessageId }[] = [
  { value: 'summary', label: 'brief.content.summary' },
  { value: 'summary-and-quotes', label: 'brief.content.quotes' },
];
const MODES: readonly { value: PersonReplacement; label: MessageId }[] = [
  { value: 'redacted', label: 'export.mode.redacted' },
  { value: 'pseudonym', label: 'export.mode.pseudonym' },
  { value: 'code', label: 'export.mode.code' },
];
const LANGUAGES: readonly { value: BriefLanguage; label: MessageId }[] = [
  { value: 'en', label: 'brief.language.en' },
  { value: 'ru', label: 'brief.language.ru' },
];
const FORMATS: readonly { value: BriefFormat; label: MessageId }[] = [
  { value: 'pdf', label: 'brief.format.pdf' },
  { value: 'docx', label: 'brief.format.docx' },
  { value: 'md', label: 'brief.format.md' },
  { value: 'txt', label: 'brief.format.txt' },
];

/** The file name offered: a date, never a title (a title can carry a place or a name). */
const fileName = (format: BriefFormat) => `brief-${new Date().toISOString().slice(0, 10)}.${format}`;
const defaultPath = (format: BriefFormat) => `~/Documents/${fileName(format)}`;

function requestOf(s: Setup): BriefRequest {
  return {
    title: s.title,
    method: s.method,
    selection: s.selection.mode === 'hand' ? { ids: s.selection.ids } : { filter: s.selection.filter },
    content: s.content,
    personMode: s.personMode,
    language: s.language,
  };
}

/** A brief across many interviews: set up, reviewed as one, written as Markdown, text, Word or PDF. */
export function BriefScreen() {
  const { memory } = useNavigation();
  const intl = useIntl();
  const [setup, setSetup] = useState<Setup>(() => {
    const saved = memory.get(SETUP_MEMORY) as Setup | undefined;
    const start = memory.get(BRIEF_START) as BriefStart | undefined;
    memory.delete(BRIEF_START);
    const list = memory.get('interviews.list') as { filter?: InterviewFilter } | undefined;
    const selection: Setup['selection'] = start
      ? 'ids' in start
        ? { mode: 'hand', ids: start.ids }
        : { mode: 'filter', filter: start.filter }
      : (saved?.selection ?? { mode: 'filter', filter: list?.filter ?? {} });
    return {
      title: saved?.title ?? '',
      method: saved?.method ?? '',
      content: saved?.content ?? 'summary',
      personMode: saved?.personMode ?? 'redacted',
      language: saved?.language ?? (intl.locale.toLowerCase().startsWith('ru') ? 'ru' : 'en'),
      format: saved?.format ?? 'pdf',
      selection,
    };
  });
  useEffect(() => {
    memory.set(SETUP_MEMORY, setup);
  }, [memory, setup]);
  const [stage, setStage] = useState<'setup' | 'review'>('setup');
  // The review and the decisions on it outlive a trip back to the setup: a change of format keeps both.
  const [reviewed, setReviewed] = useState<ReviewState | null>(null);
  const [file, setFile] = useState<FileChoice>({ path: '', edited: false });

  return stage === 'setup' ? (
    <BriefSetup setup={setup} onChange={setSetup} onReview={() => setStage('review')} />
  ) : (
    <BriefReviewScreen setup={setup} onSetup={setSetup} onBack={() => setStage('setup')} state={reviewed} onState={setReviewed} file={file} onFile={setFile} />
  );
}

// ---------------------------------------------------------------------------------------------------------
// Setup

function BriefSetup({ setup, onChange, onReview }: { readonly setup: Setup; readonly onChange: (s: Setup) => void; readonly onReview: () => void }) {
  const intl = useIntl();
  const t = translator(intl);
  const { navigate } = useNavigation();
  // the core refuses briefs while the register is away: said before the setup is filled in, not after
  const away = useAway();
  const methodId = useId();
  const methodHint = useId();
  const [tried, setTried] = useState(false);
  const set = <K extends keyof Setup>(key: K, value: Setup[K]) => onChange({ ...setup, [key]: value });
  const filter = setup.selection.mode === 'filter' ? setup.selection.filter : {};
  const [matching] = useOperation('interviews.list', { filter, sort: { key: 'date', direction: 'asc' } });
  const [all] = useOperation('interviews.list', {});
  const rows = setup.selection.mode === 'hand' ? (all.state === 'ready' ? setup.selection.ids.map((id) => all.value.find((r) => r.id === id)).filter((r) => r !== undefined) : []) : matching.state === 'ready' ? matching.value : [];
  const count = rows.length;
  // interviews deleted since they were ticked are no longer in the brief (the core would refuse their ids)
  const handIds = setup.selection.mode === 'hand' ? setup.selection.ids : null;
  useEffect(() => {
    if (!handIds || all.state !== 'ready') return;
    const present = handIds.filter((id) => all.value.some((r) => r.id === id));
    if (present.length !== handIds.length) onChange({ ...setup, selection: { mode: 'hand', ids: present } });
  }, [handIds, all, onChange, setup]);
  const tooMany = count > BRIEF_MAX_INTERVIEWS;
  const titleError = tried && !setup.title.trim() ? t('brief.setup.titleMissing') : null;
  const ready = setup.selection.mode === 'hand' ? all.state === 'ready' : matching.state === 'ready';
  const go = () => {
    setTried(true);
    if (!setup.title.trim() || count === 0 || tooMany) return;
    onReview();
  };
  const shown = rows.slice(0, 12);

  return (
    <div className="brief-setup">
      <PageHeader title={t('brief.title')} description={t('brief.description')} />
      {away ? <AwayRefusal what="brief" /> : null}

      <Panel title={t('brief.setup.which')} labelledBy="brief-which-h" className="brief-panel">
        <div className="brief-panel__body">
          {setup.selection.mode === 'hand' ? (
            <fieldset className="radio-row review-choice brief-which">
              <legend className="visually-hidden">{t('brief.setup.which')}</legend>
              <label className="radio-pill">
                <input type="radio" name="brief-selection" checked readOnly />
                <span>{t('brief.setup.byHandCount', { count: setup.selection.ids.length })}</span>
              </label>
              <label className="radio-pill">
                <input type="radio" name="brief-selection" checked={false} onChange={() => set('selection', { mode: 'filter', filter: {} })} />
                <span>{t('brief.setup.byFilter')}</span>
              </label>
            </fieldset>
          ) : (
            <FilterBar filter={filter} onChange={(f) => set('selection', { mode: 'filter', filter: f })} />
          )}
          <p className="brief-which__hint">
            {setup.selection.mode === 'hand' ? t('brief.setup.handHint') : t('brief.setup.filterHint')}{' '}
            <button type="button" className="button button--link" onClick={() => navigate({ section: 'interviews' })}>
              {t('brief.setup.toList')}
            </button>
          </p>
          <div className="brief-which__summary" aria-live="polite">
            {!ready ? (
              <span className="brief-which__loading">
                <Spinner /> {t('brief.setup.counting')}
              </span>
            ) : count === 0 ? (
              <p className="brief-which__none">{setup.selection.mode === 'hand' ? t('brief.setup.noneChosen') : activeFilterCount(filter) > 0 ? t('brief.setup.noMatch') : t('brief.setup.noInterviews')}</p>
            ) : (
              <>
                <p className="brief-which__count">
                  <strong>{t('brief.setup.count', { count })}</strong>
                  {tooMany ? <span className="brief-which__too-many"> {t('brief.setup.tooMany', { max: BRIEF_MAX_INTERVIEWS })}</span> : null}
                </p>
                <ol className="brief-which__list" aria-label={t('brief.setup.listLabel')}>
                  {shown.map((r, i) => (
                    <li key={r.id}>
                      <span className="brief-which__b">B-{i + 1}</span>
                      <span className="brief-which__code">{r.code}</span>
                      <span className="brief-which__title">{r.title.trim() || t('interviews.untitled')}</span>
                      <span className="brief-which__place">{[r.date ? formatDate(intl, r.date) : '', placeText(r)].filter(Boolean).join(' · ')}</span>
                    </li>
                  ))}
                </ol>
                {count > shown.length ? <p className="brief-which__more">{t('brief.setup.more', { count: count - shown.length })}</p> : null}
              </>
            )}
          </div>
        </div>
      </Panel>

      <Panel title={t('brief.setup.document')} labelledBy="brief-doc-h" className="brief-panel">
        <div className="brief-panel__body brief-form">
          <TextField label={t('brief.setup.titleLabel')} value={setup.title} onChange={(v) => set('title', v)} limit={LIMITS.interviewTitle} error={titleError} hint={t('brief.setup.titleHint')} autoComplete="off" name="brief-title" required />
          <div className="field">
            <label className="field__label" htmlFor={methodId}>
              {t('brief.setup.method')}
            </label>
            <textarea
              id={methodId}
              className="input textarea brief-form__method"
              value={setup.method}
              maxLength={LIMITS.briefMethod}
              rows={4}
              onChange={(e) => set('method', e.target.value)}
              aria-describedby={methodHint}
              placeholder={t('brief.setup.methodPlaceholder')}
            />
            <p className="field__hint" id={methodHint}>
              {t('brief.setup.methodHint')}
            </p>
          </div>
          <div className="brief-form__choices">
            <Choice legend={t('brief.setup.content')} options={CONTENTS} value={setup.content} onChange={(v) => set('content', v)} />
            <Choice legend={t('export.choice.mode')} options={MODES} value={setup.personMode} onChange={(v) => set('personMode', v)} />
            <Choice legend={t('brief.setup.language')} options={LANGUAGES} value={setup.language} onChange={(v) => set('language', v)} />
            <Choice legend={t('brief.setup.format')} options={FORMATS} value={setup.format} onChange={(v) => set('format', v)} />
          </div>
        </div>
      </Panel>

      <div className="brief-setup__go">
        <p className="brief-setup__note">{t('brief.setup.note')}</p>
        <Button variant="primary" onClick={go} disabled={!ready || count === 0 || tooMany}>
          <Icon name="redact" />
          {t('brief.setup.review')}
        </Button>
      </div>
    </div>
  );
}

// ---------------------------------------------------------------------------------------------------------
// Review and write

/** Where the brief is written: the path, and whether the researcher typed it (then only its extension follows the format). */
interface FileChoice {
  readonly path: string;
  readonly edited: boolean;
}

interface ReviewState {
  readonly review: BriefReview;
  /** Which request it answers (JSON of the request). */
  readonly reviewFor: string;
  readonly decisions: ReadonlyMap<string, GroupDecisions>;
  readonly open: ReadonlySet<string>;
}

type Outcome = { readonly ok: true; readonly value: BriefResult } | { readonly ok: false; readonly error: AppError };

/**
 * After a hand redaction: the other places its text appears in the brief, in any form, offered; then what was
 * added (for undo). `texts`: the fingerprints of the groups they are in, when offered (offsets hold only there).
 */
type FormsState = { readonly selection: string; readonly texts: ReadonlyMap<string, string> } & (
  | { readonly state: 'ask'; readonly spans: readonly GroupSpan[]; readonly morphology: boolean }
  | { readonly state: 'done'; readonly added: readonly GroupSpan[]; readonly before: ReadonlyMap<string, readonly BriefSpan[]> }
);

/** The current selection in the review's texts, as spans of brief texts (one per text it touches), trimmed of spaces. */
function selectedSpans(root: HTMLElement | null, review: BriefReview | null): { group: string; span: BriefSpan; text: string }[] {
  const sel = window.getSelection();
  if (!root || !review || !sel || sel.rangeCount === 0 || sel.isCollapsed) return [];
  const range = sel.getRangeAt(0);
  const out: { group: string; span: BriefSpan; text: string }[] = [];
  for (const el of root.querySelectorAll<HTMLElement>('[data-brief-text]')) {
    if (!range.intersectsNode(el)) continue;
    const group = el.dataset.group ?? '';
    const field = el.dataset.field as BriefFieldText['field'];
    const index = Number(el.dataset.index);
    const fields = group === FRONT ? review.front : (review.interviews.find((i) => i.interviewId === group)?.fields ?? []);
    const original = fields.find((f) => f.field === field && f.index === index)?.original ?? '';
    let start = el.contains(range.startContainer) ? offsetIn(el, range.startContainer, range.startOffset) : 0;
    let end = el.contains(range.endContainer) ? offsetIn(el, range.endContainer, range.endOffset) : original.length;
    while (start < end && /\s/.test(original[start]!)) start++;
    while (end > start && /\s/.test(original[end - 1]!)) end--;
    if (end > start) out.push({ group, span: { field, index, start, end }, text: original.slice(start, end) });
  }
  return out;
}

/** Many interviews: each is drawn only when opened. A short brief opens them all. */
const OPEN_ALL_UP_TO = 4;

function BriefReviewScreen({
  setup,
  onSetup,
  onBack,
  state,
  onState,
  file,
  onFile,
}: {
  readonly setup: Setup;
  readonly onSetup: (s: Setup) => void;
  readonly onBack: () => void;
  readonly state: ReviewState | null;
  readonly onState: (s: ReviewState) => void;
  readonly file: FileChoice;
  readonly onFile: (f: FileChoice) => void;
}) {
  const intl = useIntl();
  const t = translator(intl);
  const { taxonomy } = useVaultData();
  const { report } = useReport();
  const request = useMemo(() => requestOf(setup), [setup]);
  const [attempt, setAttempt] = useState(0);
  const requestKey = JSON.stringify(request);
  const requestKeyRef = useRef(requestKey);
  requestKeyRef.current = requestKey;
  const [loading, setLoading] = useState(false);
  const [refreshing, setRefreshing] = useState(false);
  const [loadError, setLoadError] = useState<AppError | null>(null);
  const [active, setActive] = useState<ActiveFinding | null>(null);
  const [pending, setPending] = useState<ReturnType<typeof selectedSpans>>([]);
  const path = file.path;
  const setPath = (p: string) => onFile({ ...file, path: p });
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [announce, setAnnounce] = useState('');
  const [leaving, setLeaving] = useState<ReadonlySet<string>>(new Set());
  const [forms, setForms] = useState<FormsState | null>(null);
  const formsRequest = useRef(0);
  const rootRef = useRef<HTMLDivElement>(null);
  const nearRoot = useRef<HTMLElement | null>(null);
  const outcomeRef = useRef<HTMLDivElement>(null);
  const stateRef = useRef(state);
  stateRef.current = state;
  const pathId = useId();
  const reasonId = useId();
  const keyHelpId = useId();
  const format = setup.format;

  /** Takes a new review: decisions on texts that are unchanged stay; those on changed texts start over. */
  const take = useCallback(
    (review: BriefReview, key: string) => {
      const before = stateRef.current;
      const oldGroups = new Map(before ? groupsOf(before.review).map((g) => [g.key, groupFingerprint(g)]) : []);
      const decisions = new Map<string, GroupDecisions>();
      for (const g of groupsOf(review)) {
        const d = before?.decisions.get(g.key);
        if (d && oldGroups.get(g.key) === groupFingerprint(g)) decisions.set(g.key, d);
      }
      const open = before ? new Set([...before.open].filter((k) => review.interviews.some((i) => i.interviewId === k))) : new Set<string>();
      if (!before && review.interviews.length <= OPEN_ALL_UP_TO) for (const i of review.interviews) open.add(i.interviewId);
      onState({ review, reviewFor: key, decisions, open });
    },
    [onState],
  );

  const run = useCallback(
    async (key: string, asRefresh: boolean): Promise<BriefReview | null> => {
      if (asRefresh) setRefreshing(true);
      else setLoading(true);
      try {
        const r = await call('brief.review', JSON.parse(key) as BriefRequest);
        if (requestKeyRef.current !== key) return null;
        if (!r.ok) {
          setLoadError(r.error);
          return null;
        }
        setLoadError(null);
        take(r.value, key);
        return r.value;
      } finally {
        if (asRefresh) setRefreshing(false);
        else setLoading(false);
      }
    },
    [take],
  );

  useEffect(() => {
    // the review shown already answers this request (back from the setup with only the format changed)
    if (attempt === 0 && stateRef.current?.reviewFor === requestKey) return;
    void run(requestKey, stateRef.current !== null);
  }, [requestKey, attempt, run]);

  const review = state?.review ?? null;
  const groups = useMemo(() => (review ? groupsOf(review) : []), [review]);
  const groupByKey = useMemo(() => new Map(groups.map((g) => [g.key, g])), [groups]);

  const updateDecisions = useCallback(
    (key: string, f: (d: GroupDecisions) => GroupDecisions) => {
      const s = stateRef.current;
      if (!s) return;
      const next = new Map(s.decisions);
      next.set(key, f(s.decisions.get(key) ?? noGroupDecisions));
      onState({ ...s, decisions: next });
      setOutcome(null);
    },
    [onState],
  );

  const setOpen = useCallback(
    (key: string, open: boolean) => {
      const s = stateRef.current;
      if (!s) return;
      const next = new Set(s.open);
      if (open) next.add(key);
      else next.delete(key);
      onState({ ...s, open: next });
    },
    [onState],
  );

  // the selection, as text spans, whenever it changes inside the review
  useEffect(() => {
    const onChange = () => setPending(selectedSpans(rootRef.current, review));
    document.addEventListener('selectionchange', onChange);
    return () => document.removeEventListener('selectionchange', onChange);
  }, [review]);

  const redactSelection = useCallback(() => {
    const spans = selectedSpans(rootRef.current, stateRef.current?.review ?? null);
    if (spans.length === 0) return;
    const byGroup = new Map<string, BriefSpan[]>();
    for (const s of spans) byGroup.set(s.group, [...(byGroup.get(s.group) ?? []), s.span]);
    const st = stateRef.current;
    if (!st) return;
    const next = new Map(st.decisions);
    for (const [key, list] of byGroup) next.set(key, addBriefManual(next.get(key) ?? noGroupDecisions, list));
    onState({ ...st, decisions: next });
    window.getSelection()?.removeAllRanges();
    setPending([]);
    setOutcome(null);
    const done = t('export.announce.redacted', { count: spans.length });
    setAnnounce(done);
    // one word or name redacted by hand: the core looks for its other forms in every text of the brief
    const asked = ++formsRequest.current;
    setForms(null);
    const text = spans.length === 1 ? spans[0]!.text : '';
    if (!/[\p{L}\p{N}]/u.test(text) || text.length > 500) return;
    void call('brief.forms', { request, text }).then((r) => {
      const now = stateRef.current;
      // an answer about another review (the brief changed meanwhile) has offsets into other texts
      if (asked !== formsRequest.current || !r.ok || !now || r.value.revision !== now.review.revision) return;
      const nowGroups = new Map(groupsOf(now.review).map((g) => [g.key, g]));
      const found = formSpans(r.value);
      const left = found.filter((s) => !briefCovered(nowGroups, now.decisions, s));
      if (left.length === 0) {
        setAnnounce(`${done} ${t('export.announce.nowhereElse')}`);
        return;
      }
      const texts = new Map(found.map((s) => [s.group, groupFingerprint(nowGroups.get(s.group)!)]));
      setForms({ state: 'ask', selection: tidy(text), spans: found, morphology: r.value.morphology, texts });
      setAnnounce(`${done} ${t('export.announce.moreForms', { count: left.length })}`);
    });
  }, [onState, t, request]);

  /** The offered forms not yet redacted (decisions made since the offer may have covered some). */
  const offered = forms?.state === 'ask' && state ? forms.spans.filter((s) => !briefCovered(groupByKey, state.decisions, s)) : [];
  const formChips = (spans: readonly GroupSpan[]) => briefFormTexts(groupByKey, spans, (g) => (g === FRONT ? t('brief.front') : (review?.interviews.find((i) => i.interviewId === g)?.briefCode ?? '')));

  const redactAllForms = useCallback(() => {
    const st = stateRef.current;
    if (forms?.state !== 'ask' || offered.length === 0 || !st) return;
    const before = new Map(offered.map((s) => [s.group, st.decisions.get(s.group)?.manual ?? []]));
    onState({ ...st, decisions: addGroupSpans(st.decisions, offered) });
    setForms({ state: 'done', selection: forms.selection, added: offered, before, texts: forms.texts });
    setOutcome(null);
    setAnnounce(t('export.announce.morePlaces', { count: offered.length }));
  }, [forms, offered, onState, t]);

  const undoAllForms = () => {
    const st = stateRef.current;
    if (forms?.state !== 'done' || !st) return;
    onState({ ...st, decisions: removeGroupSpans(st.decisions, forms.added, forms.before) });
    setForms(null);
    setOutcome(null);
    setAnnounce(t('export.announce.undone'));
  };

  const dismissForms = useCallback(() => {
    formsRequest.current++;
    setForms(null);
  }, []);

  // a text the offer points into has changed (left out, edited, reviewed again): its offsets no longer hold
  useEffect(() => {
    if (!forms) return;
    const spans = forms.state === 'ask' ? forms.spans : forms.added;
    if (spans.some((s) => forms.texts.get(s.group) !== (groupByKey.get(s.group) ? groupFingerprint(groupByKey.get(s.group)!) : undefined))) dismissForms();
  }, [forms, groupByKey, dismissForms]);

  const toggle = useCallback(
    (group: string, text: BriefFieldText, f: ExportFinding) => {
      if (f.certainty === 'auto') {
        const word = text.original.slice(f.start, f.end);
        updateDecisions(group, (d) => {
          const kept = new Set(d.kept);
          if (kept.has(word)) kept.delete(word);
          else kept.add(word);
          return { ...d, kept };
        });
      } else {
        const key = briefFindingKey({ field: text.field, index: text.index, start: f.start, end: f.end });
        updateDecisions(group, (d) => {
          const accepted = new Set(d.accepted);
          if (accepted.has(key)) accepted.delete(key);
          else accepted.add(key);
          return { ...d, accepted };
        });
      }
    },
    [updateDecisions],
  );

  const removeManual = useCallback(
    (group: string, m: BriefSpan) => {
      updateDecisions(group, (d) => ({ ...d, manual: d.manual.filter((x) => x !== m) }));
      setAnnounce(t('export.announce.manualRemoved'));
    },
    [updateDecisions, t],
  );

  /** "Never redact": the allow-list, and the brief reviewed again; the decisions stay. */
  const allowList = useAllowList({
    findings: () => countFindings(stateRef.current?.review),
    rerun: async (why) => {
      const next = await run(requestKey, true);
      if (why === 'added') setActive(null);
      return next ? countFindings(next) : null;
    },
    onChanged: () => setOutcome(null),
    announce: setAnnounce,
  });
  const { neverRedact, busy: allowBusy, notice: allowNotice, dismiss: dismissAllow } = allowList;

  const neverRedactFinding = useCallback(
    (_group: string, text: BriefFieldText, f: ExportFinding) => void neverRedact(text.original.slice(f.start, f.end), f.kind !== 'person' && f.kind !== 'manual'),
    [neverRedact],
  );

  const neverRedactSelection = useCallback(() => {
    if (pending.length !== 1) return;
    const s = pending[0]!;
    const g = groupByKey.get(s.group);
    const match = g?.findings.find((f) => f.field === s.span.field && f.index === s.span.index && f.start === s.span.start && f.end === s.span.end);
    void neverRedact(s.text, match ? match.kind !== 'person' : looksLikeContact(s.text));
  }, [pending, groupByKey, neverRedact]);

  const handlers: GroupHandlers = useMemo(
    () => ({ onToggle: toggle, onActive: setActive, onNeverRedact: neverRedactFinding, onRemoveManual: removeManual }),
    [toggle, neverRedactFinding, removeManual],
  );

  // R redacts the selection and N puts it on the allow-list, while focus is in the review's texts or tools; while
  // an offer of other forms is shown, A redacts them all and Escape closes it (as in the single export).
  useReviewKeys('.brief-group__body, .brief-front, .review__tools, .review-bar', {
    redact: redactSelection,
    neverRedact: pending.length === 1 ? neverRedactSelection : undefined,
    redactAll: offered.length > 0 ? redactAllForms : undefined,
    escape: forms ? dismissForms : allowNotice ? dismissAllow : undefined,
  });

  /** Leaves interviews out of the brief: the selection becomes the review's interviews without them, by hand. */
  const leaveOut = (ids: readonly string[]) => {
    if (!review) return;
    const drop = new Set(ids);
    const keep = review.interviews.map((i) => i.interviewId).filter((id) => !drop.has(id));
    setLeaving(new Set(ids));
    setOutcome(null);
    if (keep.length === 0) {
      onSetup({ ...setup, selection: { mode: 'hand', ids: [] } });
      onBack();
      return;
    }
    onSetup({ ...setup, selection: { mode: 'hand', ids: keep } });
    setAnnounce(t('brief.announce.leftOut', { count: ids.length }));
  };
  useEffect(() => {
    if (!loading && !refreshing) setLeaving(new Set());
  }, [loading, refreshing]);

  // In the app the file is chosen in the system's Save dialog (main lets brief.write write only there); the
  // developer preview types a path instead.
  const nativeSave = canChooseExportFile();
  const fileRef = useRef(file);
  fileRef.current = file;
  useEffect(() => {
    const f = fileRef.current;
    // a file chosen in the Save dialog for another format is not the file for this one: choose again
    const next = nativeSave ? (f.path.toLowerCase().endsWith(`.${format}`) ? f.path : '') : !f.edited ? defaultPath(format) : f.path.replace(/\.(md|txt|docx|pdf)$/i, `.${format}`);
    if (next !== f.path) onFile({ ...f, path: next });
  }, [format, nativeSave, onFile]);

  const current = state !== null && state.reviewFor === requestKey && !loading && !refreshing;
  const blocked = review ? blockedInterviews(review) : [];
  const integrity = exportRefusalText(t, report);
  const reason = !review
    ? t('export.reason.loading')
    : !current
      ? t('export.reason.updating')
      : integrity
        ? integrity
        : review.interviews.length === 0
          ? t('brief.reason.empty')
          : blocked.length > 0
            ? t('brief.reason.consent', { count: blocked.length })
            : !path.trim()
              ? t('export.reason.path')
              : '';

  const write = async () => {
    if (!review || !state || reason) return;
    setBusy(true);
    setOutcome(null);
    const decisions: Record<string, BriefDecisions> = {};
    for (const g of groups) {
      const d = toBriefDecisions(g, state.decisions.get(g.key) ?? noGroupDecisions);
      if (d) decisions[g.key] = d;
    }
    const r = await call('brief.write', { request, format, decisions, path: path.trim(), reviewed: review.revision });
    setBusy(false);
    setOutcome(r.ok ? { ok: true, value: r.value } : { ok: false, error: r.error });
    // the vault changed under the review: review it again as it is now
    if (!r.ok && r.error.message.startsWith(STALE_REVIEW.slice(0, 30))) setAttempt((n) => n + 1);
    if (!r.ok && r.error.message.startsWith(EXPORT_NOT_CHOSEN)) setPath('');
  };

  useEffect(() => {
    if (outcome) outcomeRef.current?.focus();
  }, [outcome]);

  /** brief.seal's part of the request: the brief as reviewed, with the decisions as they are now. */
  const sealInput = (): SealInput | null => {
    if (!review || !state) return null;
    const decisions: Record<string, BriefDecisions> = {};
    for (const g of groups) {
      const d = toBriefDecisions(g, state.decisions.get(g.key) ?? noGroupDecisions);
      if (d) decisions[g.key] = d;
    }
    return { request, format, decisions, reviewed: review.revision };
  };

  if (!review) {
    return (
      <div className="review brief-review">
        <BackLink onBack={onBack} label={t('brief.backToSetup')} />
        {loadError && isAwayRefusal(loadError) ? (
          <AwayRefusal what="brief" />
        ) : loadError ? (
          <LoadFailed what={t('brief.loadWhat')} error={loadError} onRetry={() => setAttempt((n) => n + 1)} />
        ) : (
          <Loading label={t('brief.looking')} />
        )}
      </div>
    );
  }

  const front = groupByKey.get(FRONT)!;
  const totals = kindTotals(groups, state!.decisions);
  const allOpen = state!.open;

  return (
    <div className="review brief-review" ref={rootRef}>
      <BackLink onBack={onBack} label={t('brief.backToSetup')} />
      <div className="review__head">
        <h1>
          {t('brief.review.heading')}
          {!current ? (
            <span className="review__refreshing" role="status">
              <Spinner /> {t('export.updating')}
            </span>
          ) : null}
        </h1>
        <Facts layout="strip">
          <Fact label={t('brief.facts.interviews')}>{review.interviews.length}</Fact>
          <Fact label={t('brief.facts.period')}>{periodText(intl, review.period.from, review.period.to) || '—'}</Fact>
          <Fact label={t('brief.facts.format')}>{t(FORMATS.find((f) => f.value === format)!.label)}</Fact>
          <Fact label={t('brief.facts.language')}>{t(LANGUAGES.find((l) => l.value === setup.language)!.label)}</Fact>
        </Facts>
      </div>

      {loadError && state ? <LoadFailed what={t('brief.loadWhat')} error={loadError} onRetry={() => setAttempt((n) => n + 1)} /> : null}

      {blocked.length > 0 ? (
        <Alert tone="error" title={t('brief.blocked.title', { count: blocked.length })} className="review__consent brief-blocked">
          <p>{t('brief.blocked.text')}</p>
          <ul className="brief-blocked__list" aria-label={t('export.consent.reasons')}>
            {blocked.map((i) => (
              <li key={i.interviewId}>
                <a href={`#brief-group-${i.interviewId}-h`} className="brief-blocked__code">
                  {i.briefCode}
                </a>{' '}
                <span className="brief-blocked__from">{t('brief.from', { code: i.vaultCode })}</span>
              </li>
            ))}
          </ul>
          <Button variant="danger" onClick={() => leaveOut(blocked.map((i) => i.interviewId))} busy={leaving.size > 0 && blocked.every((i) => leaving.has(i.interviewId))}>
            {blocked.length > 1 ? t('brief.leaveOutAll', { count: blocked.length }) : t('brief.leaveOut', { code: blocked[0]!.briefCode })}
          </Button>
        </Alert>
      ) : null}

      {outcome ? (
        <div ref={outcomeRef} tabIndex={-1} className="review__outcome">
          {outcome.ok ? <BriefSuccess result={outcome.value} onDismiss={() => setOutcome(null)} /> : <BriefFailure error={outcome.error} onDismiss={() => setOutcome(null)} />}
        </div>
      ) : null}

      <ReviewToolbar counts={totals} selected={pending.length} allowBusy={allowBusy} onRedact={redactSelection} onNeverRedact={neverRedactSelection} className="brief-toolbar" />

      {forms?.state === 'ask' && offered.length > 0 ? (
        <FormsOffer selection={forms.selection} forms={formChips(offered)} count={offered.length} morphology={forms.morphology} onRedactAll={redactAllForms} onDismiss={dismissForms} />
      ) : null}
      {forms?.state === 'done' ? <FormsDone selection={forms.selection} forms={formChips(forms.added)} count={forms.added.length} onUndo={undoAllForms} onDismiss={dismissForms} /> : null}
      {allowNotice ? <AllowNoticeBar notice={allowNotice} busy={allowBusy} onUndo={() => void allowList.undo()} onDismiss={dismissAllow} /> : null}

      <div className={current ? 'brief-body' : 'brief-body brief-body--stale'} aria-busy={!current}>
        <NearView root={nearRoot}>
          <section className="brief-front" aria-labelledby="brief-front-h">
            <div className="brief-group__head brief-front__head">
              <h2 id="brief-front-h" className="brief-section-title">
                {t('brief.front')}
              </h2>
              <GroupCounts group={front} decisions={state!.decisions.get(FRONT) ?? noGroupDecisions} />
            </div>
            <GroupBody
              group={front}
              revision={review.revision}
              decisions={state!.decisions.get(FRONT) ?? noGroupDecisions}
              active={active}
              handlers={handlers}
              keyHelpId={keyHelpId}
              allowBusy={allowBusy}
              onNeverRedactActive={(f) => active && void neverRedact(textOfActive(front, active, f), f.kind !== 'person' && f.kind !== 'manual')}
            />
          </section>

          <IncidentsPreview rows={review.incidents} label={(id) => incidentTypeLabel(t, taxonomy, id)} language={setup.language} />

          <section className="brief-interviews" aria-labelledby="brief-interviews-h">
            <div className="brief-interviews__head">
              <h2 id="brief-interviews-h" className="brief-section-title">
                {t('brief.interviews', { count: review.interviews.length })}
              </h2>
              {review.interviews.length > OPEN_ALL_UP_TO && allOpen.size > 0 ? (
                <Button variant="ghost" onClick={() => onState({ ...state!, open: new Set() })}>
                  {t('brief.collapseAll')}
                </Button>
              ) : null}
            </div>
            {review.interviews.length > OPEN_ALL_UP_TO ? <p className="brief-interviews__hint">{t('brief.interviewsHint')}</p> : null}
            {review.interviews.map((i) => {
              const g = groupByKey.get(i.interviewId)!;
              return (
                <InterviewGroup
                  key={i.interviewId}
                  interview={i}
                  group={g}
                  decisions={state!.decisions.get(i.interviewId) ?? noGroupDecisions}
                  open={allOpen.has(i.interviewId)}
                  onOpen={(o) => setOpen(i.interviewId, o)}
                  onLeaveOut={() => leaveOut([i.interviewId])}
                  leaving={leaving.has(i.interviewId)}
                >
                  {(group) => (
                    <GroupBody
                      group={group}
                      revision={review.revision}
                      decisions={state!.decisions.get(group.key) ?? noGroupDecisions}
                      active={active}
                      handlers={handlers}
                      keyHelpId={keyHelpId}
                      allowBusy={allowBusy}
                      onNeverRedactActive={(f) => active && void neverRedact(textOfActive(group, active, f), f.kind !== 'person' && f.kind !== 'manual')}
                    />
                  )}
                </InterviewGroup>
              );
            })}
          </section>
        </NearView>
      </div>

      <div className="export-bar brief-bar">
        <div className="export-bar__path">
          <label className="export-bar__label" htmlFor={pathId}>
            {t('export.saveAs')}
          </label>
          <FilePicker
            id={pathId}
            path={path}
            onPath={(p, how) => {
              if (how === 'typed') onFile({ path: p, edited: true });
              else {
                setPath(p);
                setOutcome(null);
              }
            }}
            choose={nativeSave ? () => chooseExportFile({ name: fileName(format), format }) : null}
            chooseLabel={t('export.choose')}
            placeholder={t('export.noFile')}
            busy={busy}
            onEnter={() => void write()}
            describedBy={reasonId}
          />
        </div>
        <div className="export-bar__go">
          <p id={reasonId} className={reason ? 'export-bar__reason export-bar__reason--blocked' : 'export-bar__reason'}>
            {reason || t('brief.nameHint')}
          </p>
          <Button variant="primary" onClick={() => void write()} disabled={Boolean(reason)} busy={busy}>
            <Icon name="export" />
            {t('brief.write', { format: t(FORMATS.find((f) => f.value === format)!.label) })}
          </Button>
        </div>
      </div>
      <SealPanel blocked={reason === t('export.reason.path') ? '' : reason} input={sealInput} />
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


function textOfActive(group: ReviewGroup, active: ActiveFinding, f: ExportFinding): string {
  const text = group.fields.find((x) => `${x.field}:${x.index}` === active.text);
  return text ? text.original.slice(f.start, f.end) : '';
}

function countFindings(review: BriefReview | null | undefined): number {
  if (!review) return 0;
  return review.frontFindings.length + review.interviews.reduce((n, i) => n + i.findings.length, 0);
}

/** Findings by kind across the brief, and hand redactions. */
function kindTotals(groups: readonly ReviewGroup[], decisions: ReadonlyMap<string, GroupDecisions>): Map<RedactionKind, number> {
  const c = new Map<RedactionKind, number>();
  for (const g of groups) {
    for (const f of g.findings) c.set(f.kind, (c.get(f.kind) ?? 0) + 1);
    const manual = decisions.get(g.key)?.manual.length ?? 0;
    if (manual) c.set('manual', (c.get('manual') ?? 0) + manual);
  }
  return c;
}

/** yyyy-mm or yyyy-mm-dd as the interface writes it; '' stays ''. */
function monthOrDate(intl: ReturnType<typeof useIntl>, iso: string): string {
  if (/^\d{4}-\d{2}$/.test(iso)) return intl.formatDate(Date.parse(`${iso}-01T00:00:00Z`), { year: 'numeric', month: 'long', timeZone: 'UTC' });
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return intl.formatDate(Date.parse(`${iso}T00:00:00Z`), { dateStyle: 'medium', timeZone: 'UTC' });
  return iso;
}

function periodText(intl: ReturnType<typeof useIntl>, from: string, to: string): string {
  const a = monthOrDate(intl, from);
  const b = monthOrDate(intl, to);
  return a && b ? (a === b ? a : `${a} – ${b}`) : a || b;
}

/** The incidents table as the brief will carry it (its places have passed through the engine). */
function IncidentsPreview({ rows, label, language }: { readonly rows: readonly BriefIncidentRow[]; readonly label: (id: string) => string; readonly language: BriefLanguage }) {
  const intl = useIntl();
  const t = translator(intl);
  // months as the document will name them: in its language, not the interface's
  const month = new Intl.DateTimeFormat(language, { year: 'numeric', month: 'long', timeZone: 'UTC' });
  return (
    <section className="brief-incidents" aria-labelledby="brief-incidents-h">
      <h2 id="brief-incidents-h" className="brief-section-title">
        {t('brief.incidents.title')}
      </h2>
      {rows.length === 0 ? (
        <p className="brief-incidents__none">{t('brief.incidents.none')}</p>
      ) : (
        <div className="brief-incidents__wrap">
          <table className="table brief-incidents__table">
            <caption className="visually-hidden">{t('brief.incidents.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('brief.incidents.type')}</th>
                <th scope="col">{t('brief.incidents.place')}</th>
                <th scope="col">{t('brief.incidents.month')}</th>
                <th scope="col" className="brief-incidents__num">
                  {t('brief.incidents.count')}
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r, i) => (
                <tr key={i}>
                  <td>{label(r.type)}</td>
                  <td>{r.place || <span className="table__muted">{t('brief.incidents.noPlace')}</span>}</td>
                  <td className="table__nowrap">{/^\d{4}-\d{2}$/.test(r.month) ? month.format(Date.parse(`${r.month}-01T00:00:00Z`)) : r.month ? r.month : <span className="table__muted">{t('brief.incidents.undated')}</span>}</td>
                  <td className="brief-incidents__num">{r.count}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function BriefSuccess({ result, onDismiss }: { readonly result: BriefResult; readonly onDismiss: () => void }) {
  const t = useT();
  const entries = Object.entries(result.redactions).filter(([, n]) => n > 0);
  const total = entries.reduce((n, [, c]) => n + c, 0);
  const kindName = (k: string) => (k in KIND_LABELS ? t(KIND_LABELS[k as RedactionKind]) : k);
  return (
    <Alert tone="success" title={t('brief.success.title')} onDismiss={onDismiss}>
      <Facts spacing="tight">
        <Fact label={t('export.success.savedTo')} mono>{result.path}</Fact>
        <Fact label={t('brief.facts.interviews')}>{result.interviews}</Fact>
        <Fact label={t('export.success.redactions')}>{total === 0 ? t('export.success.none') : entries.map(([k, n]) => `${kindName(k)} ${n}`).join(' · ')}</Fact>
        <Fact label="SHA-256" mono title={result.sha256}>
          {result.sha256.slice(0, 16)}…
        </Fact>
      </Facts>
      <p className="outcome-note">{result.notAudited ? t('export.success.notAudited') : t('export.success.note')}</p>
    </Alert>
  );
}

/**
 * The brief's leak check, read into its parts when it has the usual shape ("Brief stopped: … (2 found). phone in
 * B-2 summary; person in the finished document. Nothing was written."): kinds and places only, never the text.
 * Any other refusal is shown as the single export shows it.
 */
export function readBriefLeaks(message: string): { count: string; leaks: { kind: string; where: string }[] } | null {
  const m = /^Brief stopped: .+?\((\d+) found\)\.\s+(.+?)\.?\s*Nothing was written\.?$/s.exec(message);
  if (!m) return null;
  const leaks = m[2]!.split(/;\s+/).map((part) => /^(.+?) in (.+)$/.exec(part.trim()));
  if (leaks.some((l) => !l)) return null;
  return { count: m[1]!, leaks: leaks.map((l) => ({ kind: l![1]!, where: l![2]! })) };
}

function leakWhere(t: ReturnType<typeof translator>, where: string): string {
  const front = /^the brief's (title|method)$/.exec(where);
  if (front) return briefFieldLabel(t, { field: front[1] as 'title' | 'method', index: 0 });
  const text = /^(B-\d+) (heading|details|summary|quote)$/.exec(where);
  if (text) return `${text[1]} · ${text[2] === 'details' ? t('brief.field.detailsHeading') : text[2] === 'quote' ? t('brief.leak.quote') : briefFieldLabel(t, { field: text[2] as 'heading' | 'summary', index: 0 })}`;
  if (where === 'the incidents table') return t('brief.incidents.title');
  if (where === 'the finished document') return t('brief.leak.document');
  return where;
}

function BriefFailure({ error, onDismiss }: { readonly error: AppError; readonly onDismiss: () => void }) {
  const t = useT();
  const read = error.code === 'conflict' ? readBriefLeaks(error.message) : null;
  if (!read) return <Failure error={error} onDismiss={onDismiss} />;
  return (
    <Alert tone="error" title={t('brief.leak.title')} onDismiss={onDismiss} className="review__leak">
      <p className="outcome-message">{t('export.leak.found', { count: read.count })}</p>
      <ul className="leaks" aria-label={t('export.leak.list')}>
        {read.leaks.map((l, i) => (
          <li key={i} className="leaks__item">
            <span className={`leaks__kind kind--${l.kind}`}>
              <span className="legend__swatch" aria-hidden="true" />
              {l.kind === 'a vault code' ? t('brief.leak.vaultCode') : kindLabel(t, l.kind)}
            </span>
            <span className="leaks__field">{leakWhere(t, l.where)}</span>
          </li>
        ))}
      </ul>
      <p className="outcome-note">{t('brief.leak.hint')}</p>
    </Alert>
  );
}
